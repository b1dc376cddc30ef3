import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/core/shared/tf';
import { Float32Mlp } from './float32Mlp';
import { createMlp, disposeMlp, mlpForward, readMlpWeights } from '../../src/core/pointGan/mlp';
import { SeededRandom } from '../../src/core/shared/seededRandom';
import type { Activation } from '../../src/core/pointGan/ganSettings';

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

const sizes = [3, 7, 5, 2];
const input = new SeededRandom(77).fillNormal(new Float32Array(6 * 3));

describe('Float32Mlp', () => {
  for (const activation of ['relu', 'leakyRelu', 'tanh'] as Activation[]) {
    it(`${activation}: same init, outputs and input gradients as the TF.js MLP`, () => {
      const ours = new Float32Mlp(sizes, activation, new SeededRandom(4), 6);
      const theirs = createMlp('reference', sizes, activation, new SeededRandom(4));
      expect(ours.params).toEqual(readMlpWeights(theirs));

      ours.forward(input, 6);
      const reference = tf.tidy(() => mlpForward(theirs, tf.tensor2d(input, [6, 3])).dataSync());
      Array.from(ours.output.subarray(0, 12)).forEach((v, i) => expect(v).toBeCloseTo(reference[i], 5));

      // ∂(Σ w·output)/∂input for fixed weights w: the path the generator's gradient takes through D.
      const upstream = new SeededRandom(8).fillNormal(new Float32Array(12));
      ours.backward(upstream.slice(), 6, true);
      const inputGrad = tf.tidy(() =>
        tf.grad((x: tf.Tensor) => tf.sum(tf.mul(mlpForward(theirs, x as tf.Tensor2D), tf.tensor2d(upstream, [6, 2]))))(tf.tensor2d(input, [6, 3])).dataSync(),
      );
      Array.from(ours.inputGrad.subarray(0, 18)).forEach((v, i) => expect(v).toBeCloseTo(inputGrad[i], 4));
      disposeMlp(theirs);
    });
  }

  it('accumulates parameter gradients until zeroed', () => {
    const net = new Float32Mlp([2, 3, 1], 'tanh', new SeededRandom(1), 4);
    const x = new Float32Array([0.1, 0.2, -0.3, 0.4]);
    net.forward(x, 2);
    net.zeroGrads();
    net.backward(new Float32Array([1, 1]), 2, false);
    const once = net.grads.map((g) => g.slice());
    net.forward(x, 2);
    net.backward(new Float32Array([1, 1]), 2, false);
    net.grads.forEach((g, k) => g.forEach((v, i) => expect(v).toBeCloseTo(2 * once[k][i], 6)));
    expect(once[3][0]).toBe(2); // output bias: Σ over rows of ∂L/∂output
  });

  it('refuses more rows than its buffers hold', () => {
    const net = new Float32Mlp([2, 1], 'relu', new SeededRandom(1), 4);
    expect(() => net.forward(new Float32Array(10), 5)).toThrow('at most 4 rows fit this network\'s buffers, got 5');
  });
});
