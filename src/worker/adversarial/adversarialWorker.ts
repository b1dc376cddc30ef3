/// <reference lib="webworker" />
/**
 * The adversarial lab's module worker: owns TF.js and the training loop so the
 * page never waits on training. The API is the session, exposed through comlink.
 */
import * as Comlink from 'comlink';
import type { AdversarialWorkerApi, BackendChoice, GanFrame, TrainerStatus } from '../../protocol/adversarial/adversarialProtocol';
import { AdversarialSession } from './adversarialSession';
import { initBackend } from '../shared/tfBackend';

const session = new AdversarialSession();

const api: AdversarialWorkerApi = {
  init: async (backend: BackendChoice) => {
    const info = await initBackend(backend);
    session.rebuildOnCurrentBackend();
    return info;
  },
  subscribe: (onFrame: (frame: GanFrame) => void, onStatus: (status: TrainerStatus) => void) => session.subscribe(onFrame, onStatus),
  configure: (settings, customPoints) => session.configure(settings, customPoints),
  play: () => session.play(),
  pause: () => session.pause(),
  step: (kind) => session.step(kind),
  setSpeed: (speed) => session.setSpeed(speed),
  restoreLastGood: () => session.restoreLastGood(),
  exportCheckpoint: () => session.exportCheckpoint(),
  loadCheckpoint: (text) => session.loadCheckpoint(text),
};

Comlink.expose(api);
