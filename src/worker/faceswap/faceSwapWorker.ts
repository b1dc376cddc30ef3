/// <reference lib="webworker" />
/**
 * The face-swap lab's module worker: owns TF.js and the training loop and
 * exposes the generic session's calls and the lab's own through comlink. The
 * MNIST digits load only when the digit-styles dataset is first chosen; the
 * judges and pretrained models (shippedFaceSwapFiles.ts) on first use.
 * Nothing is fetched from anywhere but the app.
 */
import * as Comlink from 'comlink';
import digitsUrl from 'virtual:mnist-digits';
import digitClassifierUrl from '../../../models/digitClassifier.weights?url';
import * as tf from '../../core/shared/tf';
import { fetchDigitAsset, type DigitSet } from '../../core/mnist/digitAsset';
import { registerWasmFastKernels } from '../../core/shared/wasmFastKernels';
import type { FaceSwapWorkerApi } from '../../protocol/faceswap/faceSwapProtocol';
import { shippedJudgeUrls, shippedPretrainedUrls } from '../../protocol/faceswap/shippedFaceSwapFiles';
import { FaceSwapAssets } from './faceSwapAssets';
import { FaceSwapLab } from './faceSwapLab';
import { fetchAppFile } from '../shared/fetchBytes';
import { sessionCalls } from '../shared/sessionCalls';
import { initBackend } from '../shared/tfBackend';

const assets = new FaceSwapAssets({ judges: shippedJudgeUrls(), digitClassifier: digitClassifierUrl, pretrained: shippedPretrainedUrls() }, fetchAppFile);
let digits: Promise<DigitSet> | null = null;

const lab = new FaceSwapLab({
  /** The MNIST digits, fetched once (a failure is not kept: the next call tries again). */
  digits(loading) {
    if (!digits) {
      loading('Loading the handwritten digits…');
      digits = fetchDigitAsset(digitsUrl);
      digits.catch(() => (digits = null));
    }
    return digits;
  },
  // A build without judges (or whose judges fail to load) trains without scores.
  judges: (kind) => assets.judges(kind).catch(() => null),
  pretrained: (id) => assets.pretrained(id),
});

const api: FaceSwapWorkerApi = {
  ...sessionCalls(lab.session),
  async init(backend) {
    const info = await initBackend(backend);
    if (tf.getBackend() === 'wasm') registerWasmFastKernels();
    await lab.session.rebuildOnCurrentBackend();
    return info;
  },
  scoreNow: async () => lab.scoreNow(),
  puppet: async (factors) => lab.puppet(factors),
  puppetDigit: async (index) => lab.puppetDigit(index),
  projectCodes: async (count) => lab.projectCodes(count),
};

Comlink.expose(api);
