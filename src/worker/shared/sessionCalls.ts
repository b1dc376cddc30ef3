/**
 * The calls of TrainingSessionApi that every lab's worker answers the same way, bound to its
 * session for comlink: the worker adds `init` and the lab's own calls. A saved model file is
 * transferred to the page rather than copied.
 */
import * as Comlink from 'comlink';
import type { TrainingSessionApi, WorkerInfo } from '../../protocol/shared/sessionProtocol';
import type { LabSessionTypes } from './sessionAdapter';
import type { TrainingSession } from './trainingSession';

type SharedCalls<L extends LabSessionTypes> = Omit<TrainingSessionApi<L['settings'], L['frame'], WorkerInfo, L['startInfo']>, 'init' | 'step'> & {
  step(kind?: L['stepKind']): Promise<void>;
};

export function sessionCalls<L extends LabSessionTypes>(session: TrainingSession<L>): SharedCalls<L> {
  return {
    subscribe: (onFrame, onStatus) => session.subscribe(onFrame, onStatus),
    configure: (settings, start) => session.configure(settings, start),
    play: () => session.play(),
    pause: () => session.pause(),
    step: async (kind) => session.step(kind),
    setSpeed: (speed) => session.setSpeed(speed),
    restoreLastGood: async () => session.restoreLastGood(),
    saveModel: async () => {
      const bytes = session.saveModel();
      return Comlink.transfer(bytes, [bytes.buffer]);
    },
  };
}
