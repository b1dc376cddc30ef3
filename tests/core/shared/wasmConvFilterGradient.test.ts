import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvFilterGradient } from '../../../src/core/shared/wasmConvFilterGradient';

type Case = { input: [number, number, number, number]; filter: [number, number, number, number]; stride: number; pad: 'same' | 'valid' };
const CASES: Case[] = [
  { input: [4, 14, 14, 3], filter: [5, 5, 3, 6], stride: 1, pad: 'same' },
  { input: [4, 14, 14, 3], filter: [4, 4, 3, 6], stride: 2, pad: 'same' },
  { input: [3, 15, 13, 2], filter: [3, 3, 2, 4], stride: 2, pad: 'same' },
  { input: [3, 15, 13, 2], filter: [3, 3, 2, 4], stride: 2, pad: 'valid' },
  { input: [2, 9, 9, 1], filter: [2, 2, 1, 3], stride: 1, pad: 'valid' },
];

async function filterGradients(backend: string): Promise<{ conv: Float32Array[]; transposed: Float32Array[] }> {
  expect(await tf.setBackend(backend)).toBe(true);
  expect(tf.getBackend()).toBe(backend);
  const conv: Float32Array[] = [];
  const transposed: Float32Array[] = [];
  for (const [i, c] of CASES.entries()) {
    const x = tf.randomNormal(c.input, 0, 1, 'float32', 10 + i) as tf.Tensor4D;
    const w = tf.randomNormal(c.filter, 0, 1, 'float32', 20 + i) as tf.Tensor4D;
    const y = tf.conv2d(x, w, c.stride, c.pad);
    const target = tf.randomNormal(y.shape, 0, 1, 'float32', 30 + i);
    conv.push(tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, c.stride, c.pad).mul(target).sum())(w).dataSync() as Float32Array);
    // A transposed convolution's filter gradient runs through the same kernel.
    transposed.push(tf.grad((f: tf.Tensor) => tf.conv2dTranspose(y as tf.Tensor4D, f as tf.Tensor4D, c.input, c.stride, c.pad).mul(x).sum())(w).dataSync() as Float32Array);
    tf.dispose([x, w, y, target]);
  }
  return { conv, transposed };
}

describe('Conv2DBackpropFilter on wasm', () => {
  let reference: { conv: Float32Array[]; transposed: Float32Array[] };
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    reference = await filterGradients('cpu');
    registerWasmConvFilterGradient();
  });

  it('matches the cpu backend for strided and padded convolutions and transposed convolutions', async () => {
    const wasm = await filterGradients('wasm');
    for (const kind of ['conv', 'transposed'] as const) {
      for (const [i, expected] of reference[kind].entries()) {
        const got = wasm[kind][i];
        expect(got.length).toBe(expected.length);
        const scale = Math.max(...expected.map(Math.abs));
        const worst = Math.max(...got.map((v, j) => Math.abs(v - expected[j])));
        expect(worst / scale, `${kind} case ${i}`).toBeLessThan(1e-4);
      }
    }
  });

  it('leaves no tensor behind', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const x = tf.randomNormal([2, 8, 8, 2]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 2, 4]) as tf.Tensor4D;
    const once = () => tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, 2, 'same').sum())(w).dispose();
    once();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) once();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });
});
