/// <reference lib="webworker" />
/**
 * The digit forger's module worker: loads the app's own MNIST asset and the
 * shipped classifier, owns TF.js and the training loop, and exposes the
 * generic session's calls and the lab's own through comlink. Nothing is
 * fetched from anywhere but the app.
 */
import * as Comlink from 'comlink';
import { PRETRAINED_DIGIT_GAN_URLS } from '../shared/pretrainedDigitGanUrls';
import digitsUrl from 'virtual:mnist-digits';
import classifierUrl from '../../../models/digitClassifier.weights?url';
import * as tf from '../../core/shared/tf';
import { fetchDigitAsset } from '../../core/mnist/digitAsset';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../../core/mnist/digitClassifier';
import { digitsToFloats, pickDigits, splitDigits } from '../../core/mnist/digitDataset';
import { DigitQualityScorer } from '../../core/mnist/digitQuality';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import { decodeWeightsBundle } from '../../core/shared/weightsBundle';
import type { DigitWorkerApi, DigitWorkerInfo } from '../../protocol/digits/digitProtocol';
import { QUALITY_SAMPLES, type DigitLabData } from './digitAdapter';
import { DigitLab } from './digitLab';
import { PretrainedCheckpoints } from '../shared/pretrainedCheckpoints';
import { fetchAppFile } from '../shared/fetchBytes';
import { sessionCalls } from '../shared/sessionCalls';
import { initBackend } from '../shared/tfBackend';

/** The shipped checkpoints (models/digitGan-*.weights, see pretrainedDigitGans.ts), fetched on first use. */
const pretrained = new PretrainedCheckpoints(PRETRAINED_DIGIT_GAN_URLS, fetchAppFile);

/** Every few spread-out digits: the asset is stored class by class. */
const spread = (count: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));

const lab = new DigitLab();
/** The digits and the scorer, loaded by the first `init`; a later one (another backend) keeps them. */
let loaded: { data: DigitLabData; info: Omit<DigitWorkerInfo, 'backend' | 'backendNote'> } | null = null;

async function loadData(): Promise<NonNullable<typeof loaded>> {
  const [digits, classifierBytes] = await Promise.all([fetchDigitAsset(digitsUrl), fetchAppFile(classifierUrl, 'the digit classifier')]);
  const { train, heldOut } = splitDigits(digits);
  const classifier = DigitClassifier.fromBundle(decodeWeightsBundle(classifierBytes, CLASSIFIER_FORMAT));
  const scorer = new DigitQualityScorer(
    classifier,
    digitsToFloats(heldOut, 0, heldOut.count),
    digitsToFloats(pickDigits(train, spread(train.count, QUALITY_SAMPLES)), 0, QUALITY_SAMPLES),
  );
  return {
    data: { train, scorer, pretrained: (id) => pretrained.get(id) },
    info: { trainCount: train.count, heldOutCount: heldOut.count, realQuality: scorer.realBaseline },
  };
}

const api: DigitWorkerApi = {
  ...sessionCalls(lab.session),
  async init(backend) {
    const info = await initBackend(backend);
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    if (!loaded) {
      loaded = await loadData();
      lab.adapter.provide(loaded.data);
    }
    await lab.session.rebuildOnCurrentBackend();
    return { ...info, ...loaded.info };
  },
  realDigits: async (count, seed) => lab.realDigits(count, seed),
  realQuality: async () => lab.realQuality(),
  latentWalk: async (from, to, steps, label) => lab.latentWalk(from, to, steps, label),
  sampleWithOverrides: async (seed, overrides, label) => lab.sampleWithOverrides(seed, overrides, label),
};

Comlink.expose(api);
