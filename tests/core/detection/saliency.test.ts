/**
 * Where a detector looks: gradient × input checked pixel by pixel against central finite
 * differences of the detector's own scores (for the spectrum detector those come from its
 * fft.js path, independent of the TF.js DFT the gradient runs through), for both detectors
 * trained briefly on a planted checkerboard; no tensor left behind; the share on chosen pixels
 * by hand; a wrong-sized picture refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { switchToAppBackend } from '../shared/appBackend';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { labelledSet, splitDetectionSet } from '../../../src/core/detection/detectionSet';
import { SpectrumDetector } from '../../../src/core/detection/spectrumDetector';
import { PixelDetector } from '../../../src/core/detection/pixelDetector';
import type { BinaryDetector } from '../../../src/core/detection/binaryDetector';
import { gradientTimesInput, shareOn } from '../../../src/core/detection/saliency';

const SIDE = 12;

beforeAll(async () => {
  expect(await switchToAppBackend()).toBe('wasm');
});

/** Random pictures, the fakes with a faint checkerboard. */
function sets(seed: number) {
  const rng = new SeededRandom(seed);
  const make = (n: number, checker: number) => Float32Array.from({ length: n * SIDE * SIDE }, (_, i) => 0.3 * rng.normal() + ((i % SIDE) + Math.floor(i / SIDE)) % 2 * checker);
  return splitDetectionSet(labelledSet(make(60, 0), make(60, 0.3), SIDE, SIDE), 0.3, seed);
}

const logitOf = (d: BinaryDetector, picture: Float32Array) => {
  const p = d.scores(picture, 1)[0];
  return Math.log(p / (1 - p));
};

describe('gradientTimesInput', () => {
  it.each([
    ['spectrum detector', (t: ReturnType<typeof sets>) => new SpectrumDetector(t.train, t.heldOut, { learningRate: 0.05, batchSize: 16, seed: 1 })],
    ['pixel CNN', (t: ReturnType<typeof sets>) => new PixelDetector(t.train, t.heldOut, { learningRate: 3e-3, batchSize: 16, seed: 1 })],
  ])("for the %s, equals x · ∂logit/∂x by finite differences of its scores, and leaves no tensor behind", (_name, build) => {
    const detector = build(sets(5));
    try {
      for (let s = 0; s < 20; s++) detector.step();
      const picture = Float32Array.from({ length: SIDE * SIDE }, (_, i) => 0.5 * Math.sin(i * 0.7) + 0.1);
      gradientTimesInput(detector, picture);
      const tensors = tf.memory().numTensors;
      const { map, logit, pFake } = gradientTimesInput(detector, picture);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(logit).toBeCloseTo(logitOf(detector, picture), 3);
      expect(pFake).toBeCloseTo(1 / (1 + Math.exp(-logit)), 6);
      const h = 3e-3;
      const rng = new SeededRandom(9);
      for (let k = 0; k < 6; k++) {
        const i = rng.int(SIDE * SIDE);
        const up = picture.slice();
        const down = picture.slice();
        up[i] += h;
        down[i] -= h;
        const numeric = (picture[i] * (logitOf(detector, up) - logitOf(detector, down))) / (2 * h);
        expect(Math.abs(map[i] - numeric)).toBeLessThan(0.02 * Math.abs(numeric) + 1e-3);
      }
    } finally {
      detector.dispose();
    }
  });

  it('refuses a picture of the wrong size or with a non-finite pixel', () => {
    const detector = new PixelDetector(sets(2).train, sets(2).heldOut, { learningRate: 3e-3, batchSize: 16, seed: 1 });
    try {
      expect(() => gradientTimesInput(detector, new Float32Array(10))).toThrow(/12×12 picture has 144 values, not 10/);
      expect(() => gradientTimesInput(detector, new Float32Array(144).fill(Number.NaN))).toThrow(/Pixel 0 of the picture is not a finite number/);
    } finally {
      detector.dispose();
    }
  });
});

describe('shareOn', () => {
  it('is the chosen pixels\' share of the total absolute value', () => {
    const map = Float32Array.from([1, -3, 0, 4]);
    expect(shareOn(map, (i) => i % 2 === 1)).toBeCloseTo(7 / 8, 9);
    expect(shareOn(new Float32Array(4), () => true)).toBe(0);
  });
});
