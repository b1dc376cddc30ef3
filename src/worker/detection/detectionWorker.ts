/// <reference lib="webworker" />
/**
 * The detection lab's module worker: loads the app's own MNIST asset and the shipped digit
 * GANs (fetched on first use), reads the learner's own forger from a file the page passes, owns TF.js and the training loop, and exposes the generic
 * session's calls and the lab's own through comlink. Nothing is fetched from anywhere but
 * the app.
 */
import * as Comlink from 'comlink';
import digitsUrl from 'virtual:mnist-digits';
import dcganUrl from '../../../models/digitGan-dcgan.weights?url';
import conditionalDcganUrl from '../../../models/digitGan-dcgan-conditional.weights?url';
import mlpGanUrl from '../../../models/digitGan-mlp.weights?url';
import classifierUrl from '../../../models/digitClassifier.weights?url';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../core/mnist/digitClassifier';
import { decodeWeightsBundle } from '../../core/shared/weightsBundle';
import * as tf from '../../core/shared/tf';
import { fetchDigitAsset } from '../../core/mnist/digitAsset';
import { decodeDigitCheckpoint, type DigitCheckpoint } from '../../core/mnist/digitCheckpoint';
import { splitDigits } from '../../core/mnist/digitDataset';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import type { DetectionWorkerApi, PretrainedId } from '../../protocol/detection/detectionProtocol';
import { toyVideoDemo } from '../../core/detection/toyVideo';
import { createDetectionSession, type DetectionData } from './detectionAdapter';
import { fetchAppFile } from '../shared/fetchBytes';
import { sessionCalls } from '../shared/sessionCalls';
import { initBackend } from '../shared/tfBackend';

const URLS: Record<PretrainedId, string> = { dcgan: dcganUrl, 'dcgan-conditional': conditionalDcganUrl, mlp: mlpGanUrl };
const checkpoints = new Map<PretrainedId, Promise<DigitCheckpoint>>();

function checkpoint(id: PretrainedId): Promise<DigitCheckpoint> {
  if (!Object.hasOwn(URLS, id)) return Promise.reject(new Error(`There is no shipped generator called "${String(id)}".`));
  let pending = checkpoints.get(id);
  if (!pending) {
    pending = fetchAppFile(URLS[id], `the shipped generator "${id}"`).then(decodeDigitCheckpoint);
    // A failure is not cached: the next attempt fetches again.
    pending.catch(() => checkpoints.delete(id));
    checkpoints.set(id, pending);
  }
  return pending;
}

let classifierPending: Promise<DigitClassifier> | null = null;

/** The digit classifier, fetched on first use (the arms race's Inception Score). */
function classifier(): Promise<DigitClassifier> {
  if (!classifierPending) {
    classifierPending = fetchAppFile(classifierUrl, 'the digit classifier').then((bytes) => DigitClassifier.fromBundle(decodeWeightsBundle(bytes, CLASSIFIER_FORMAT)));
    classifierPending.catch(() => { classifierPending = null; });
  }
  return classifierPending;
}

const { session, adapter } = createDetectionSession();
let loaded: DetectionData | null = null;

const api: DetectionWorkerApi = {
  ...sessionCalls(session),
  async init(backend) {
    const info = await initBackend(backend);
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    if (!loaded) {
      const digits = await fetchDigitAsset(digitsUrl);
      loaded = { heldOutDigits: splitDigits(digits).heldOut, checkpoint, classifier };
      adapter.provide(loaded);
    }
    await session.rebuildOnCurrentBackend();
    return { ...info, realAvailable: loaded.heldOutDigits.count };
  },
  spectra: async () => session.requireModel().spectra,
  loadOwnForger: async (name, bytes) => adapter.loadOwnForger(name, bytes),
  ownForger: async () => adapter.ownForger(),
  judgeGenerator: (generator) => adapter.judgeGenerator(() => session.requireModel(), generator),
  quizItems: (generator, seed) => adapter.quizItems(() => session.requireModel(), generator, seed),
  heldOutPictures: async (count) => adapter.heldOutPictures(session.requireModel(), count),
  scorePictures: async (images) => adapter.scorePictures(session.requireModel(), images),
  armsRaceStart: (settings) => adapter.armsRaceStart(settings),
  armsRaceNext: () => adapter.armsRaceNext(),
  toyVideo: async (seed) => {
    const demo = toyVideoDemo(seed);
    return Comlink.transfer(demo, [demo.real.pixels.buffer, demo.swapped.pixels.buffer]);
  },
};

Comlink.expose(api);
