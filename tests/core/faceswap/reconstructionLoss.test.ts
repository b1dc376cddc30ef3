import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';
import { SSIM_C1, SSIM_C2, SSIM_WINDOW, meanSsim, reconstructionLoss, ssimMap, ssimWeights1d } from '../../../src/core/faceswap/reconstructionLoss';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  expect(await tf.setBackend('wasm')).toBe(true);
  registerWasmFastKernels();
});

/** SSIM written out loop by loop from Wang et al.'s definition, on [n, h, w, c] values in [-1, 1]. */
function referenceSsim(x: Float32Array, y: Float32Array, [n, h, w, c]: number[]): number {
  const g = ssimWeights1d();
  const k = SSIM_WINDOW;
  let total = 0;
  let count = 0;
  const at = (img: Float32Array, b: number, i: number, j: number, ch: number) => (img[((b * h + i) * w + j) * c + ch] + 1) / 2;
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      for (let i = 0; i + k <= h; i++) {
        for (let j = 0; j + k <= w; j++) {
          let mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
          for (let di = 0; di < k; di++) {
            for (let dj = 0; dj < k; dj++) {
              const wt = g[di] * g[dj];
              const a = at(x, b, i + di, j + dj, ch);
              const bb = at(y, b, i + di, j + dj, ch);
              mx += wt * a;
              my += wt * bb;
              xx += wt * a * a;
              yy += wt * bb * bb;
              xy += wt * a * bb;
            }
          }
          const vx = xx - mx * mx;
          const vy = yy - my * my;
          const cov = xy - mx * my;
          total += ((2 * mx * my + SSIM_C1) * (2 * cov + SSIM_C2)) / ((mx * mx + my * my + SSIM_C1) * (vx + vy + SSIM_C2));
          count++;
        }
      }
    }
  }
  return total / count;
}

const random = (shape: [number, number, number, number], seed: number) => new SeededRandom(seed).fillUniform(new Float32Array(shape.reduce((a, b) => a * b, 1)), -1, 1);

describe('reconstruction loss', () => {
  it('has a normalised Gaussian window', () => {
    const g = ssimWeights1d();
    expect(g.length).toBe(7);
    expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(g[3]).toBeGreaterThan(g[2]);
    expect(g[0]).toBeCloseTo(g[6], 7);
  });

  it('computes SSIM as its definition says, per channel and window position', () => {
    const shape: [number, number, number, number] = [2, 11, 9, 3];
    const x = random(shape, 1);
    // y: x with noise, so the two are related but not equal.
    const noise = random(shape, 2);
    const y = x.map((v, i) => Math.max(-1, Math.min(1, 0.7 * v + 0.3 * noise[i])));
    const got = tf.tidy(() => {
      const [a, b] = [tf.tensor4d(x, shape), tf.tensor4d(y, shape)];
      expect(ssimMap(a, b).shape).toEqual([2, 5, 3, 3]);
      return meanSsim(a, b).dataSync()[0];
    });
    expect(got).toBeCloseTo(referenceSsim(x, y, shape), 4);
    expect(got).toBeGreaterThan(0.2);
    expect(got).toBeLessThan(0.95);
  });

  it('is 1 for identical pictures and lower the more they differ', () => {
    const shape: [number, number, number, number] = [1, 16, 16, 1];
    const x = random(shape, 3);
    const noise = random(shape, 4);
    const ssimWith = (k: number) => tf.tidy(() => meanSsim(tf.tensor4d(x, shape), tf.tensor4d(x.map((v, i) => v + k * noise[i]), shape)).dataSync()[0]);
    expect(ssimWith(0)).toBeCloseTo(1, 5);
    expect(ssimWith(0.1)).toBeGreaterThan(ssimWith(0.3));
    expect(() => tf.tidy(() => meanSsim(tf.zeros([1, 5, 5, 1]), tf.zeros([1, 5, 5, 1])))).toThrow(/at least 7×7/);
  });

  it('adds weight·(1 − SSIM)/2 to the mean squared error, with the gradient of that sum', () => {
    const shape: [number, number, number, number] = [2, 8, 8, 1];
    const x = random(shape, 5);
    const y = random(shape, 6);
    tf.tidy(() => {
      const [a, b] = [tf.tensor4d(x, shape), tf.tensor4d(y, shape)];
      const mse = x.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / x.length;
      expect(reconstructionLoss(a, b).dataSync()[0]).toBeCloseTo(mse, 5);
      const ssim = referenceSsim(x, y, shape);
      expect(reconstructionLoss(a, b, 2).dataSync()[0]).toBeCloseTo(mse + (2 * (1 - ssim)) / 2, 4);
      // Gradient against central differences at a few pixels.
      const grad = tf.grad((t: tf.Tensor) => reconstructionLoss(t as tf.Tensor4D, b, 2))(a).dataSync();
      for (const p of [0, 17, 63, 100]) {
        const h = 1e-2;
        const shifted = (d: number) => reconstructionLoss(tf.tensor4d(x.map((v, i) => (i === p ? v + d : v)), shape), b, 2).dataSync()[0];
        expect(grad[p]).toBeCloseTo((shifted(h) - shifted(-h)) / (2 * h), 3);
      }
    });
  });
});
