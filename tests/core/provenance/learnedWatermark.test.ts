/**
 * The learned watermark: the JPEG simulation matches JPEG's quantisation done independently
 * with the lab's own block DCT, and its straight-through form passes the gradient unchanged;
 * the mark is exactly as strong as asked; a small pair learns to carry 8 bits (well above what
 * it reads before training, and through a JPEG-like attack); a crop that moves the 8×8 grid is
 * still read; and no tensor leaks after the first step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvFilterGradient } from '../../../src/core/shared/wasmConvFilterGradient';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { forwardBlockDct, inverseBlockDct } from '../../../src/core/provenance/blockDct';
import {
  DEFAULT_LEARNED_WATERMARK, LEARNED_NOISES, LearnedWatermark, jpegQuantisation, jpegSimulation, jpegStraightThrough, learnedWatermarkProblems, trainingBatch,
  type LearnedWatermarkSettings,
} from '../../../src/core/provenance/learnedWatermark';
import { toyFacePicture } from '../../../src/core/provenance/provenancePictures';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(tf.getBackend()).toBe('wasm');
  registerWasmConvFilterGradient();
  registerWasmFastKernels();
});

const faces = [toyFacePicture(1, 64), toyFacePicture(2, 64), toyFacePicture(3, 64)];

describe('learned watermark', () => {
  it('simulates JPEG exactly as quantising the block DCT by the IJG table does', () => {
    const rng = new SeededRandom(3);
    const { pictures } = trainingBatch(faces, 1, 32, 1, () => rng.next());
    for (const quality of [90, 50, 20]) {
      const q = jpegQuantisation(quality);
      const c = forwardBlockDct(Array.from(pictures, (v) => v * 255 - 128), 32, 32);
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) {
        const step = q[(y % 8) * 8 + (x % 8)];
        c[y * 32 + x] = Math.round(c[y * 32 + x] / step) * step;
      }
      const expected = Array.from(inverseBlockDct(c, 32, 32), (v) => Math.min(1, Math.max(0, (v + 128) / 255)));
      const got = tf.tidy(() => jpegSimulation(tf.tensor4d(pictures, [1, 32, 32, 1]), quality).dataSync());
      const worst = expected.reduce((m, v, i) => Math.max(m, Math.abs(v - got[i])), 0);
      expect(worst).toBeLessThan(2e-3);
      // The training form rounds the same way.
      const straight = tf.tidy(() => jpegStraightThrough(tf.tensor4d(pictures, [1, 32, 32, 1]), quality).dataSync());
      expect(Array.from(straight).reduce((m, v, i) => Math.max(m, Math.abs(v - got[i])), 0)).toBeLessThan(1e-5);
    }
    expect(Array.from(jpegQuantisation(50).slice(0, 4))).toEqual([16, 11, 10, 16]);
    expect(jpegQuantisation(100).every((v) => v === 1)).toBe(true);
  });

  it('passes the gradient straight through JPEG\'s rounding: an orthonormal DCT and its inverse make it the identity where nothing is clipped', () => {
    const rng = new SeededRandom(8);
    const x = Float32Array.from({ length: 16 * 16 }, () => 0.3 + 0.4 * rng.next());
    const w = Float32Array.from({ length: 16 * 16 }, () => rng.next() - 0.5);
    const grad = tf.tidy(() => {
      const weights = tf.tensor4d(w, [1, 16, 16, 1]);
      return tf.grad((t: tf.Tensor) => jpegStraightThrough(t as tf.Tensor4D, 50).mul(weights).sum())(tf.tensor4d(x, [1, 16, 16, 1])).dataSync();
    });
    const worst = w.reduce((m, v, i) => Math.max(m, Math.abs(v - grad[i])), 0);
    expect(worst).toBeLessThan(1e-4);
    // The plain rounding has no gradient at all, which is why training cannot use it.
    const flat = tf.tidy(() => tf.grad((t: tf.Tensor) => jpegSimulation(t as tf.Tensor4D, 50).sum())(tf.tensor4d(x, [1, 16, 16, 1])).abs().max().dataSync()[0]);
    expect(flat).toBe(0);
  });

  it('refuses bad settings with the reason', () => {
    expect(learnedWatermarkProblems({ ...DEFAULT_LEARNED_WATERMARK, size: 30, bits: 0, psnr: 10 })).toEqual([
      'The crop side must be a multiple of 8 from 16 to 128 (got 30).', 'The message must be 1–64 bits (got 0).', 'The mark\'s PSNR must be 20–60 dB (got 10).',
    ]);
    expect(() => new LearnedWatermark({ ...DEFAULT_LEARNED_WATERMARK, noises: [] })).toThrow(/noise layer needs/);
    expect(() => new LearnedWatermark({ ...DEFAULT_LEARNED_WATERMARK, warmupSteps: -1 })).toThrow(/warm-up/);
    const model = new LearnedWatermark({ ...DEFAULT_LEARNED_WATERMARK, bits: 4, width: 2 });
    expect(() => tf.tidy(() => model.embed(tf.zeros([1, 20, 20, 1]), tf.zeros([1, 4])))).toThrow(/multiples of 8 \(got 20×20\)/);
    expect(() => tf.tidy(() => model.decodeLogits(tf.zeros([1, 6, 12, 1])))).toThrow(/8×8 pixels or more \(got 6×12\)/);
    model.dispose();
  });

  it('learns to carry 8 bits at 38 dB through its noise layer, reads a crop that moves the grid, and tensors stay flat after the first step', () => {
    const settings: LearnedWatermarkSettings = {
      ...DEFAULT_LEARNED_WATERMARK, size: 16, bits: 8, width: 4, psnr: 38, batchSize: 8, learningRate: 1e-2, noises: ['identity', 'jpeg'], warmupSteps: 20, seed: 4,
    };
    const model = new LearnedWatermark(settings);
    expect(model.noiseAt(0)).toBe('identity');
    expect([20, 21, 22, 23].map((s) => model.noiseAt(s))).toEqual(['identity', 'jpeg', 'identity', 'jpeg']);
    const rng = new SeededRandom(9);
    const batch = (count: number, size: number) => {
      const b = trainingBatch(faces, count, size, 8, () => rng.next());
      return { x: tf.tensor4d(b.pictures, [count, size, size, 1]), m: tf.tensor2d(b.messages, [count, 8]) };
    };
    // Held-out pictures: 64×64, 16 of them, and what the untrained pair reads there.
    const test = batch(16, 64);
    const read = (attack: (y: tf.Tensor4D) => tf.Tensor4D) => tf.tidy(() => model.bitAccuracy(model.decodeLogits(attack(model.embed(test.x, test.m))), test.m));
    const jpeg50 = (y: tf.Tensor4D) => jpegSimulation(y.mul(255).round().div(255) as tf.Tensor4D, 50);
    const before = { clean: read((y) => y), jpeg: read(jpeg50) };
    const psnr = tf.tidy(() => -10 * Math.log10(model.embed(test.x, test.m).sub(test.x).square().mean().dataSync()[0]));

    const losses: number[] = [];
    let { x, m } = batch(8, 16);
    losses.push(model.trainStep(x, m).messageLoss);
    tf.dispose([x, m]);
    const after = tf.memory().numTensors;
    for (let i = 1; i < 120; i++) {
      ({ x, m } = batch(8, 16));
      losses.push(model.trainStep(x, m).messageLoss);
      tf.dispose([x, m]);
    }
    expect(tf.memory().numTensors).toBe(after);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    const early = mean(losses.slice(0, 10));
    const late = mean(losses.slice(-20));
    const trained = { clean: read((y) => y), jpeg: read(jpeg50) };
    // A 48×48 crop from (3, 5): the 8×8 grid moves, and the decoder's search finds it again.
    const cropped = tf.tidy(() => model.bitAccuracy(model.decodeLogits(model.embed(test.x, test.m).slice([0, 5, 3, 0], [-1, 48, 48, -1]), true), test.m));
    console.info(`learned watermark test: PSNR ${psnr.toFixed(2)} dB; message loss ${early.toFixed(3)} → ${late.toFixed(3)}; bit accuracy before ${before.clean.toFixed(3)} (JPEG q50 ${before.jpeg.toFixed(3)}), after ${trained.clean.toFixed(3)} (JPEG q50 ${trained.jpeg.toFixed(3)}, crop ${cropped.toFixed(3)})`);
    expect(psnr).toBeGreaterThan(37.8);
    expect(psnr).toBeLessThan(38.2);
    expect(late).toBeLessThan(early * 0.75);
    expect(trained.clean).toBeGreaterThan(0.9);
    expect(trained.clean).toBeGreaterThan(before.clean + 0.1);
    expect(trained.jpeg).toBeGreaterThan(0.7);
    expect(cropped).toBeGreaterThan(0.8);
    // Every attack of the noise layer gives a picture the decoder reads (crops are smaller).
    const marked = model.embed(test.x, test.m);
    for (const noise of LEARNED_NOISES) {
      const y = model.attack(marked, noise, 5);
      expect(y.shape[0]).toBe(16);
      tf.dispose([y, model.decodeLogits(y)]);
    }
    tf.dispose([test.x, test.m, marked]);
    expect(tf.memory().numTensors).toBe(after - 2);
    model.dispose();
  });
});
