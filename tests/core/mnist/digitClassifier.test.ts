import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { decodeWeightsBundle, encodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier, predictedClasses, type ClassifierOutputs } from '../../../src/core/mnist/digitClassifier';
import { digitsToFloats, onlyClasses, pickDigits, splitDigits } from '../../../src/core/mnist/digitDataset';
import { inceptionScore } from '../../../src/core/mnist/inceptionScore';
import { featureStatistics, frechetDistance } from '../../../src/core/mnist/frechetDistance';
import { loadMnistDigits } from '../../../models/tools/mnistSource';

const CHECKPOINT = resolve(import.meta.dirname, '../../../models/digitClassifier.weights');
const { train, heldOut } = splitDigits(loadMnistDigits());

describe('the shipped digit classifier (models/digitClassifier.weights)', () => {
  let classifier: DigitClassifier;
  let held: ClassifierOutputs;
  let metadata: Record<string, unknown>;

  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    registerWasmFastKernels();
    const bytes = readFileSync(CHECKPOINT);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const bundle = decodeWeightsBundle(bytes, CLASSIFIER_FORMAT);
    metadata = bundle.metadata;
    classifier = DigitClassifier.fromBundle(bundle);
    held = classifier.evaluate(digitsToFloats(heldOut, 0, heldOut.count));
  });

  it('labels at least 98% of the held-out digits correctly, as its file records', () => {
    const predicted = predictedClasses(held.probabilities);
    const accuracy = predicted.filter((p, i) => p === heldOut.labels[i]).length / heldOut.count;
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
    expect(accuracy).toBeCloseTo((metadata.scores as { heldOutAccuracy: number }).heldOutAccuracy, 3);
  });

  it('gives 128 features and 10 probabilities summing to 1 per digit', () => {
    expect(held.features.length).toBe(heldOut.count * 128);
    for (let i = 0; i < 50; i++) expect(held.probabilities.subarray(i * 10, i * 10 + 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('scores the held-out digits near the top of the Inception Score scale, and one class near 1', () => {
    const score = inceptionScore(held.probabilities);
    expect(score).toBeGreaterThan(9.3);
    expect(score).toBeLessThanOrEqual(10);
    expect(score).toBeCloseTo((metadata.scores as { heldOutInceptionScore: number }).heldOutInceptionScore, 3);
    const sevens = onlyClasses(heldOut, [7]);
    expect(inceptionScore(classifier.evaluate(digitsToFloats(sevens, 0, sevens.count)).probabilities)).toBeLessThan(1.2);
  });

  it('puts real held-out digits close to the training digits in feature space, and a single class far away', () => {
    // Every fifth training digit: the set is stored class by class, so a prefix would be mostly zeros.
    const sample = pickDigits(train, Array.from({ length: Math.floor(train.count / 5) }, (_, i) => i * 5));
    const trainStats = featureStatistics(classifier.evaluate(digitsToFloats(sample, 0, sample.count)).features, 128);
    const heldStats = featureStatistics(held.features, 128);
    const ones = onlyClasses(train, [1]);
    const onesStats = featureStatistics(classifier.evaluate(digitsToFloats(ones, 0, ones.count)).features, 128);
    const real = frechetDistance(trainStats, heldStats);
    expect(frechetDistance(heldStats, heldStats)).toBeLessThan(1e-6);
    expect(frechetDistance(trainStats, onesStats)).toBeGreaterThan(10 * real);
  });

  it('saves and loads back to identical outputs', () => {
    const copy = DigitClassifier.fromBundle(decodeWeightsBundle(encodeWeightsBundle(classifier.toBundle({ note: 'copy' }))));
    const images = digitsToFloats(heldOut, 0, 20);
    expect(copy.evaluate(images).probabilities).toEqual(classifier.evaluate(images).probabilities);
    copy.dispose();
  });

  it('refuses weights made for another network shape, saying which', () => {
    const bundle = classifier.toBundle();
    bundle.metadata.shape = { conv1: 16, conv2: 32, hidden: 64 };
    expect(() => DigitClassifier.fromBundle(bundle)).toThrow(/"hidden\/kernel" has shape \[1568, 128\], expected \[1568, 64\]/);
    expect(() => DigitClassifier.fromBundle({ ...bundle, format: 'deepfake-lab/gan@1' })).toThrow(/not a digit classifier/);
  });

  it('leaks no tensors in inference', () => {
    const images = digitsToFloats(heldOut, 0, 30);
    classifier.evaluate(images);
    const before = tf.memory().numTensors;
    classifier.evaluate(images);
    const x = tf.tensor4d(images, [30, 28, 28, 1]);
    tf.dispose([classifier.features(x), classifier.probabilities(x), classifier.logits(x, { rate: 0.5, seed: 1 })]);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
