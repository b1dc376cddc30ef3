/** The identity judge must be right about real pictures before its verdicts on swaps mean anything. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { decodeWeightsBundle, encodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import {
  IDENTITY_CLASSIFIER_FORMAT, IdentityClassifier, swapDatasetIdentitySource, toyFaceIdentitySource, trainToyFaceIdentityClassifier,
} from '../../../src/core/faceswap/identityClassifier';
import { blurAndNoise } from '../../../src/core/faceswap/imageReader';
import { DigitStyleSwapDataset } from '../../../src/core/faceswap/swapDatasets';
import { TOY_FACE_IDENTITIES } from '../../../src/core/faceswap/toyFaceIdentities';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

const ids = TOY_FACE_IDENTITIES.map((f) => f.id);

describe('identity classifier', () => {
  it('tells every toy character apart on fresh pictures, blurred or not', () => {
    const classifier = trainToyFaceIdentityClassifier(32, 3);
    const fresh = toyFaceIdentitySource(ids, 32, 3, 999)(200);
    const accuracy = (images: Float32Array) => classifier.predict(images).filter((c, i) => c === fresh.labels[i]).length / 200;
    expect(accuracy(fresh.images)).toBeGreaterThan(0.97);
    const blurred = fresh.images.slice();
    blurAndNoise(blurred, 32, 3, new SeededRandom(5));
    expect(accuracy(blurred)).toBeGreaterThan(0.95);
    const p = classifier.probabilities(fresh.images.subarray(0, 32 * 32 * 3));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(classifier.fractionCalled(fresh.images, 0)).toBeCloseTo(fresh.labels.filter((l) => l === 0).length / 200, 1);
    const before = tf.memory().numTensors;
    classifier.predict(fresh.images);
    expect(tf.memory().numTensors).toBe(before);
    // Saved and loaded, it gives the same verdicts.
    const copy = IdentityClassifier.fromBundle(decodeWeightsBundle(encodeWeightsBundle(classifier.toBundle({ note: 'test' })), IDENTITY_CLASSIFIER_FORMAT));
    expect(copy.classNames).toEqual(TOY_FACE_IDENTITIES.map((f) => f.name));
    expect(copy.probabilities(fresh.images)).toEqual(classifier.probabilities(fresh.images));
    const bundle = classifier.toBundle();
    bundle.metadata.channels = 1;
    expect(() => IdentityClassifier.fromBundle(bundle)).toThrow(/"identity\/conv1\/kernel" has shape \[3, 3, 3, 8\], expected \[3, 3, 1, 8\]/);
    expect(() => IdentityClassifier.fromBundle({ ...bundle, format: 'other' })).toThrow(/not a face-swap identity classifier/);
    expect(tf.memory().numTensors).toBe(before + copy.reader.variables.length);
    copy.dispose();
    classifier.dispose();
  });

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
