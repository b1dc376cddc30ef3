import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../../src/core/shared/wasmFastKernels';

type Case = { input: [number, number, number, number]; filter: [number, number, number, number]; stride: number | [number, number]; pad: 'same' | 'valid' };
const CASES: Case[] = [
  { input: [4, 28, 28, 1], filter: [5, 5, 1, 8], stride: 2, pad: 'same' },
  { input: [4, 14, 14, 8], filter: [3, 3, 8, 16], stride: 2, pad: 'same' },
  { input: [3, 15, 13, 2], filter: [3, 3, 2, 4], stride: 2, pad: 'same' },
  { input: [3, 15, 13, 2], filter: [3, 3, 2, 4], stride: 2, pad: 'valid' },
  { input: [2, 9, 9, 3], filter: [4, 4, 3, 5], stride: 2, pad: 'same' },
  { input: [2, 9, 9, 3], filter: [2, 2, 3, 5], stride: 1, pad: 'valid' },
  { input: [2, 10, 10, 3], filter: [3, 3, 3, 5], stride: 3, pad: 'same' },
  { input: [2, 14, 14, 6], filter: [5, 5, 6, 3], stride: 1, pad: 'same' },
  { input: [2, 8, 8, 3], filter: [1, 1, 3, 4], stride: 2, pad: 'same' },
  { input: [2, 7, 7, 2], filter: [2, 2, 2, 3], stride: 2, pad: 'valid' },
  { input: [2, 16, 16, 2], filter: [3, 3, 2, 3], stride: 2, pad: 'valid' },
  { input: [2, 7, 9, 2], filter: [4, 3, 2, 3], stride: 3, pad: 'same' },
  { input: [2, 9, 8, 2], filter: [3, 3, 2, 3], stride: [2, 1], pad: 'same' }, // unequal strides: the original kernel
];

/** Input gradients and transposed convolutions of every case, and matMuls with each transpose flag. */
async function outputs(backend: 'cpu' | 'wasm'): Promise<Float32Array[]> {
  expect(await tf.setBackend(backend)).toBe(true);
  expect(tf.getBackend()).toBe(backend);
  if (backend === 'wasm') registerWasmFastKernels();
  return tf.tidy(() => {
    const results: tf.Tensor[] = [];
    CASES.forEach((c, i) => {
      const x = tf.randomNormal(c.input, 0, 1, 'float32', 10 + i) as tf.Tensor4D;
      const w = tf.randomNormal(c.filter, 0, 1, 'float32', 20 + i) as tf.Tensor4D;
      const y = tf.conv2d(x, w, c.stride, c.pad);
      const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 30 + i) as tf.Tensor4D;
      results.push(tf.grad((v: tf.Tensor) => tf.conv2d(v as tf.Tensor4D, w, c.stride, c.pad))(x, dy));
      results.push(tf.conv2dTranspose(dy, w, c.input, c.stride, c.pad));
    });
    // Tiny products stay on the original kernel, larger ones (≥ 20k multiply-adds) are transposed first.
    for (const [m, k, n, seed] of [[5, 7, 3, 40], [96, 40, 24, 50]]) {
      const a = tf.randomNormal([m, k], 0, 1, 'float32', seed) as tf.Tensor2D;
      const b = tf.randomNormal([k, n], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
      const [at, bt] = [tf.transpose(a), tf.transpose(b)];
      results.push(tf.matMul(a, b), tf.matMul(at, b, true, false), tf.matMul(a, bt, false, true), tf.matMul(at, bt, true, true));
      results.push(tf.matMul(tf.stack([a, tf.neg(a)]), tf.stack([bt, bt]), false, true));
    }
    return results.map((r) => r.dataSync() as Float32Array);
  });
}

describe('registerWasmFastKernels', () => {
  beforeAll(() => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  });

  it('gives the cpu backend\'s values for input gradients, transposed convolutions and transposed matMuls', async () => {
    const expected = await outputs('cpu');
    const got = await outputs('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expected.forEach((e, i) => {
      expect(got[i].length).toBe(e.length);
      const scale = e.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const worst = got[i].reduce((m, v, j) => Math.max(m, Math.abs(v - e[j])), 0);
      expect(worst / scale, `output ${i}`).toBeLessThan(1e-5);
    });
  });

  it('is idempotent and leaves no tensor behind', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    registerWasmFastKernels();
    registerWasmFastKernels();
    const dy = tf.randomNormal([2, 7, 7, 4]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 2, 4]) as tf.Tensor4D;
    const a = tf.randomNormal([6, 3]);
    const large = tf.randomNormal([200, 40]);
    const once = () => {
      tf.conv2dTranspose(dy, w, [2, 14, 14, 2], 2, 'same').dispose();
      tf.matMul(a, a, true, false).dispose();
      tf.matMul(large, large, true, false).dispose();
    };
    once();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) once();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([dy, w, a, large]);
  });
});
