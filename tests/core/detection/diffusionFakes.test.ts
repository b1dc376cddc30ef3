/**
 * Fakes from the diffusion lab's shipped digit model: seeded (the same call draws the same
 * pictures), in the pixels' range, drawn in chunks with a pause after each that says how many
 * are drawn, and digits the project's classifier reads as the ones asked for (0–9 in turn).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { switchToAppBackend } from '../shared/appBackend';
import { decodeWeightsBundle } from '../../../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier, predictedClasses } from '../../../src/core/mnist/digitClassifier';
import { decodeDigitDiffusionCheckpoint, type DigitDiffusionCheckpoint } from '../../../src/core/denoising/digitDiffusionCheckpoint';
import { drawDiffusionFakes } from '../../../src/core/detection/diffusionFakes';

const MODELS = resolve(import.meta.dirname, '../../../models');
let model: DigitDiffusionCheckpoint;
let classifier: DigitClassifier;

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
  model = decodeDigitDiffusionCheckpoint(new Uint8Array(readFileSync(resolve(MODELS, 'digitDiffusion.weights'))));
  classifier = DigitClassifier.fromBundle(decodeWeightsBundle(new Uint8Array(readFileSync(resolve(MODELS, 'digitClassifier.weights'))), CLASSIFIER_FORMAT));
});
afterAll(() => classifier?.dispose());

describe('drawDiffusionFakes', () => {
  it('draws seeded digits 0–9 in turn, in chunks with a pause between, leaving no tensor behind', async () => {
    const tensors = tf.memory().numTensors;
    const pauses: number[] = [];
    const fakes = await drawDiffusionFakes(model, 60, 4, async (drawn) => { pauses.push(drawn); });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(pauses).toEqual([50, 60]);
    expect(fakes.length).toBe(60 * 784);
    expect(Math.min(...fakes)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...fakes)).toBeLessThanOrEqual(1);
    // Real digits: mostly paper (−1) with some ink (+1).
    const ink = fakes.filter((v) => v > 0).length / fakes.length;
    expect(ink).toBeGreaterThan(0.05);
    expect(ink).toBeLessThan(0.4);
    const read = predictedClasses(classifier.evaluate(fakes).probabilities);
    const asked = read.filter((c, i) => c === i % 10).length;
    // At guidance 1 the classifier read 77% (46 of 60) as the digit asked for (the diffusion lab's guidance 3: about 99%).
    expect(asked / 60).toBeGreaterThan(0.55);
    // The first chunk again, by itself: the same pictures; another seed: others.
    expect(await drawDiffusionFakes(model, 50, 4)).toEqual(fakes.subarray(0, 50 * 784));
    const other = await drawDiffusionFakes(model, 10, 5);
    expect(other).not.toEqual(fakes.subarray(0, 10 * 784));
  });

  it('refuses a count or seed it cannot use', async () => {
    await expect(drawDiffusionFakes(model, 0, 1)).rejects.toThrow(/whole number from 1/);
    await expect(drawDiffusionFakes(model, 10, -1)).rejects.toThrow(/at least 0/);
  });
});
