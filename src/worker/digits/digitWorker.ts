/// <reference lib="webworker" />
/**
 * The digit forger's module worker: loads the app's own MNIST asset and the
 * shipped classifier, owns TF.js and the training loop, and exposes the
 * session through comlink. Nothing is fetched from anywhere but the app.
 */
import * as Comlink from 'comlink';
import digitsUrl from 'virtual:mnist-digits';
import classifierUrl from '../../../models/digitClassifier.weights?url';
import dcganUrl from '../../../models/digitGan-dcgan.weights?url';
import conditionalDcganUrl from '../../../models/digitGan-dcgan-conditional.weights?url';
import mlpGanUrl from '../../../models/digitGan-mlp.weights?url';
import * as tf from '../../core/shared/tf';
import { fetchDigitAsset } from '../../core/mnist/digitAsset';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../core/mnist/digitClassifier';
import { digitsToFloats, pickDigits, splitDigits } from '../../core/mnist/digitDataset';
import { DigitQualityScorer } from '../../core/mnist/digitQuality';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import { decodeWeightsBundle } from '../../core/shared/weightsBundle';
import type { BackendChoice, DigitWorkerApi, DigitWorkerInfo } from '../../protocol/digits/digitProtocol';
import type { PretrainedId } from '../../core/digits/pretrainedDigitGans';
import { DigitSession, QUALITY_SAMPLES } from './digitSession';
import { PretrainedCheckpoints } from './pretrainedCheckpoints';
import { initBackend } from '../shared/tfBackend';

let session: DigitSession | null = null;
let forward: Parameters<DigitSession['subscribe']> | null = null;

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${what}: the app's server answered ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The shipped checkpoints (models/digitGan-*.weights, see pretrainedDigitGans.ts), fetched on first use. */
const PRETRAINED_URLS: Record<PretrainedId, string> = { dcgan: dcganUrl, 'dcgan-conditional': conditionalDcganUrl, mlp: mlpGanUrl };
const pretrained = new PretrainedCheckpoints(PRETRAINED_URLS, fetchBytes);

/** Every few spread-out digits: the asset is stored class by class. */
const spread = (count: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));

function requireSession(): DigitSession {
  if (!session) throw new Error('The digit worker has not started yet.');
  return session;
}

const api: DigitWorkerApi = {
  async init(backend: BackendChoice): Promise<DigitWorkerInfo> {
    const info = await initBackend(backend);
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    const [digits, classifierBytes] = await Promise.all([fetchDigitAsset(digitsUrl), fetchBytes(classifierUrl, 'the digit classifier')]);
    const { train, heldOut } = splitDigits(digits);
    const classifier = DigitClassifier.fromBundle(decodeWeightsBundle(classifierBytes, CLASSIFIER_FORMAT));
    const scorer = new DigitQualityScorer(
      classifier,
      digitsToFloats(heldOut, 0, heldOut.count),
      digitsToFloats(pickDigits(train, spread(train.count, QUALITY_SAMPLES)), 0, QUALITY_SAMPLES),
    );
    session?.dispose();
    session = new DigitSession(train, scorer);
    if (forward) session.subscribe(...forward);
    return { ...info, trainCount: train.count, heldOutCount: heldOut.count, realQuality: scorer.realBaseline };
  },
  subscribe(onFrame, onStatus) {
    forward = [onFrame, onStatus];
    session?.subscribe(onFrame, onStatus);
  },
  async configure(settings, pretrainedId) {
    if (pretrainedId === null) {
      requireSession().configure(settings);
      return null;
    }
    requireSession();
    const checkpoint = await pretrained.get(pretrainedId);
    // Checked against the settings before anything changes: a misfit leaves the current model running.
    return requireSession().configurePretrained(settings, checkpoint, pretrainedId);
  },
  play: () => requireSession().play(),
  pause: () => requireSession().pause(),
  step: async () => requireSession().step(),
  setSpeed: (speed) => requireSession().setSpeed(speed),
  realDigits: async (count, seed) => requireSession().realDigits(count, seed),
  realQuality: async () => requireSession().realQuality(),
  latentWalk: async (from, to, steps, label) => requireSession().latentWalk(from, to, steps, label),
  sampleWithOverrides: async (seed, overrides, label) => requireSession().sampleWithOverrides(seed, overrides, label),
};

Comlink.expose(api);
