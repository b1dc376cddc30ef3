/**
 * The learned (HiDDeN-style) watermark: the JPEG simulation matches JPEG's quantisation done
 * independently with the lab's own block DCT, the noise layer keeps shapes, training lowers
 * the loss and reads bits better than chance, and no tensor leaks after the first step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvFilterGradient } from '../../../src/core/shared/wasmConvFilterGradient';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { forwardBlockDct, inverseBlockDct } from '../../../src/core/provenance/blockDct';
import {
  DEFAULT_LEARNED_WATERMARK, LEARNED_NOISES, LearnedWatermark, jpegQuantisation, jpegSimulation, learnedWatermarkProblems, trainingBatch,
} from '../../../src/core/provenance/learnedWatermark';
import { toyFacePicture } from '../../../src/core/provenance/provenancePictures';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
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
    }
    expect(Array.from(jpegQuantisation(50).slice(0, 4))).toEqual([16, 11, 10, 16]);
    expect(jpegQuantisation(100).every((v) => v === 1)).toBe(true);
  });

  it('refuses bad settings with the reason', () => {
    expect(learnedWatermarkProblems({ ...DEFAULT_LEARNED_WATERMARK, size: 30, bits: 0 })).toEqual([
      'The crop side must be a multiple of 8 from 16 to 128 (got 30).', 'The message must be 1–64 bits (got 0).',
    ]);
    expect(() => new LearnedWatermark({ ...DEFAULT_LEARNED_WATERMARK, noises: [] })).toThrow(/noise layer needs/);
  });

  it('learns: the loss falls, bits are read better than chance, and tensors stay flat after the first step', () => {
    const model = new LearnedWatermark({ ...DEFAULT_LEARNED_WATERMARK, size: 16, bits: 4, width: 6, batchSize: 8, learningRate: 2e-2, imageWeight: 0, strength: 0.3, noises: ['identity'], seed: 4 });
    const rng = new SeededRandom(9);
    const batch = () => {
      const b = trainingBatch(faces, 8, 16, 4, () => rng.next());
      return { x: tf.tensor4d(b.pictures, [8, 16, 16, 1]), m: tf.tensor2d(b.messages, [8, 4]) };
    };
    const losses: number[] = [];
    let { x, m } = batch();
    losses.push(model.trainStep(x, m).messageLoss);
    x.dispose(); m.dispose();
    const after = tf.memory().numTensors;
    for (let i = 0; i < 90; i++) {
      ({ x, m } = batch());
      losses.push(model.trainStep(x, m).messageLoss);
      x.dispose(); m.dispose();
    }
    expect(tf.memory().numTensors).toBe(after);
    const early = losses.slice(0, 10).reduce((a, b) => a + b) / 10;
    const late = losses.slice(-10).reduce((a, b) => a + b) / 10;
    expect(late).toBeLessThan(early * 0.9);
    ({ x, m } = batch());
    const accuracy = tf.tidy(() => model.bitAccuracy(model.decodeLogits(model.embed(x, m)), m));
    console.info(`learned watermark test: message loss ${early.toFixed(3)} → ${late.toFixed(3)}, bit accuracy ${accuracy.toFixed(3)}`);
    expect(accuracy).toBeGreaterThan(0.6);
    // Every attack of the noise layer gives a picture the decoder reads (crops are smaller).
    const marked = model.embed(x, m);
    for (const noise of LEARNED_NOISES) {
      const y = model.attack(marked, noise, 5);
      expect(y.shape[0]).toBe(8);
      tf.dispose([y, model.decodeLogits(y)]);
    }
    tf.dispose([x, m, marked]);
    expect(tf.memory().numTensors).toBe(after);
    model.dispose();
  });
});
