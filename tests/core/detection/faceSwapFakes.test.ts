/**
 * Toy faces for the detection lab: the centre crop and luminance against a hand computation,
 * real faces seeded and drawn by the renderer, and swaps made by the shipped face-swap model
 * through the shared encoder and the other side's decoder, seeded, leaving no tensor behind.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { switchToAppBackend } from '../shared/appBackend';
import { readSwapNetFile, swapNetsOf, type SwapNetFile } from '../../../src/core/autoencoder/swapNetFile';
import { decode, disposeSwapNets, encode } from '../../../src/core/autoencoder/sharedEncoderAutoencoder';
import { centreLuminance, drawFaceSwapFakes, realToyFaces } from '../../../src/core/detection/faceSwapFakes';
import { renderToyFaces } from '../../../src/core/toyfaces/toyFaceRenderer';
import { identityOrThrow } from '../../../src/core/toyfaces/toyFaceIdentities';
import { FACTOR_COUNT, factorsToArray, sampleFactors } from '../../../src/core/toyfaces/faceFactors';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const MODELS = resolve(import.meta.dirname, '../../../models');
let file: SwapNetFile;

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
  file = readSwapNetFile(new Uint8Array(readFileSync(resolve(MODELS, 'faceSwap-toy-faces.weights'))));
});

describe('centreLuminance', () => {
  it('keeps the centre of each picture and weighs red, green and blue as Rec. 601 does', () => {
    // Two 4×4 RGB pictures; pixel (y, x) of picture i holds (r, g, b) = (i + y, x, −1).
    const images = new Float32Array(2 * 4 * 4 * 3);
    for (let i = 0; i < 2; i++) for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) images.set([i + y, x, -1], ((i * 4 + y) * 4 + x) * 3);
    const out = centreLuminance(images, 2, 4, 3, 2);
    const expected = [];
    for (let i = 0; i < 2; i++) for (let y = 1; y < 3; y++) for (let x = 1; x < 3; x++) expected.push(0.299 * (i + y) + 0.587 * x - 0.114);
    expect(Array.from(out).map((v) => +v.toFixed(5))).toEqual(expected.map((v) => +v.toFixed(5)));
    expect(() => centreLuminance(images, 2, 4, 3, 5)).toThrow(/does not fit a 4×4 picture/);
  });
});

describe('toy faces as real pictures and as swaps', () => {
  it('draws seeded real faces of both characters in turn', () => {
    const a = realToyFaces(file.settings, 6, 3, 28);
    expect(a.length).toBe(6 * 784);
    expect(a).toEqual(realToyFaces(file.settings, 6, 3, 28));
    expect(a).not.toEqual(realToyFaces(file.settings, 6, 4, 28));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
    // Picture 0 is the first character's face with the stream's first factors, cropped and grey.
    const factors = factorsToArray(sampleFactors(new SeededRandom(3)));
    const first = centreLuminance(renderToyFaces(identityOrThrow(file.settings.identityA), factors, 32, 3), 1, 32, 3, 28);
    expect(a.subarray(0, 784)).toEqual(first);
  });

  it('swaps a face of each character through the shared encoder and the other\'s decoder, seeded, with no tensor left behind', () => {
    const tensors = tf.memory().numTensors;
    const fakes = drawFaceSwapFakes(file, 4, 9, 28);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(fakes).toEqual(drawFaceSwapFakes(file, 4, 9, 28));
    // Picture 1 is a face of B (drawn with the stream's second factors) decoded as A.
    const rng = new SeededRandom(9);
    const factors = new Float32Array(2 * FACTOR_COUNT);
    factorsToArray(sampleFactors(rng), factors, 0);
    factorsToArray(sampleFactors(rng), factors, FACTOR_COUNT);
    const faceOfB = renderToyFaces(identityOrThrow(file.settings.identityB), factors.subarray(FACTOR_COUNT), 32, 3);
    const nets = swapNetsOf(file);
    const swapped = tf.tidy(() => decode(nets.decoderA, encode(nets.encoderB, tf.tensor4d(faceOfB, [1, 32, 32, 3]))).dataSync() as Float32Array);
    disposeSwapNets(nets);
    const expected = centreLuminance(swapped, 1, 32, 3, 28);
    let worst = 0;
    for (let i = 0; i < 784; i++) worst = Math.max(worst, Math.abs(fakes[784 + i] - expected[i]));
    expect(worst).toBeLessThan(1e-5);
    expect(Math.min(...fakes)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...fakes)).toBeLessThanOrEqual(1);
  });

  it('refuses a digit-style model and a bad count with the reason', () => {
    const digitStyles = readSwapNetFile(new Uint8Array(readFileSync(resolve(MODELS, 'faceSwap-digit-styles.weights'))));
    expect(() => drawFaceSwapFakes(digitStyles, 4, 1, 28)).toThrow(/swaps digit styles, not toy faces/);
    expect(() => realToyFaces(file.settings, 0, 1, 28)).toThrow(/whole number from 1 to 5000, not 0/);
  });
});
