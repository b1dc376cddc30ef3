/**
 * The identity judge must be right about real pictures before its verdicts on swaps mean
 * anything. The toy-face classifier (accuracy, file, refusals) is checked in
 * faceSwapQuality.test.ts, on the very classifier the swap quality runs train and use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { IdentityClassifier, swapDatasetIdentitySource } from '../../../src/core/faceswap/identityClassifier';
import { DigitStyleSwapDataset } from '../../../src/core/faceswap/swapDatasets';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

describe('identity classifier', () => {
  it('tells thin strokes from thick ones', () => {
    const data = new DigitStyleSwapDataset(loadMnistDigits(), 4, 512);
    const classifier = new IdentityClassifier(['thin', 'thick'], 32, 1, 3);
    classifier.train(swapDatasetIdentitySource(data), { steps: 80, batchSize: 32, learningRate: 3e-3, seed: 4 });
    expect(classifier.fractionCalled(data.evaluationSet('a', 200).images, 0)).toBeGreaterThan(0.95);
    expect(classifier.fractionCalled(data.evaluationSet('b', 200).images, 1)).toBeGreaterThan(0.95);
    classifier.dispose();
    expect(() => new IdentityClassifier(['one'], 32, 1, 1)).toThrow(/at least two classes/);
  });
});
