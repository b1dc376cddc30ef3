/**
 * SmallAdam must train exactly as tf.train.adam does (same float32 results, bit for bit, on
 * the backends the app uses), take gradients as a map or a list, and leak nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { SmallAdamOptimizer } from '../../../src/core/shared/smallAdam';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Weights after `steps` updates by `optimizer` on a small network's loss, from the same start. */
function train(optimizer: tf.Optimizer, steps: number, asList: boolean): Float32Array[] {
  const rng = new SeededRandom(7);
  const vars = [[3, 5], [5], [5, 2]].map((shape) => tf.variable(tf.tensor(rng.fillUniform(new Float32Array(shape.reduce((a, b) => a * b, 1)), -1, 1), shape)));
  const x = tf.tensor2d(rng.fillUniform(new Float32Array(24), -2, 2), [8, 3]);
  for (let s = 0; s < steps; s++) {
    const { grads, value } = tf.variableGrads(() => tf.tidy(() => {
      const h = tf.tanh(tf.add(tf.matMul(x, vars[0]), vars[1]));
      return tf.mean(tf.square(tf.sub(tf.matMul(h, vars[2]), 0.5))) as tf.Scalar;
    }), vars);
    optimizer.applyGradients(asList ? Object.entries(grads).map(([name, tensor]) => ({ name, tensor })) : grads);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const weights = vars.map((v) => v.dataSync() as Float32Array);
  tf.dispose([x, ...vars]);
  return weights;
}

describe('SmallAdamOptimizer', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`follows tf.train.adam bit for bit on ${backend}`, async () => {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      expect(await tf.setBackend(backend)).toBe(true);
      for (const [rate, beta1, beta2] of [[0.001, 0.9, 0.999], [0.05, 0.5, 0.99]]) {
        const reference = tf.train.adam(rate, beta1, beta2);
        const expected = train(reference, 40, false);
        reference.dispose();
        const small = new SmallAdamOptimizer(rate, beta1, beta2);
        const actual = train(small, 40, true);
        small.dispose();
        expect(actual).toEqual(expected);
        // And it moved the weights: the comparison is not between two untouched starts.
        const fresh = train(new SmallAdamOptimizer(rate, beta1, beta2), 0, false);
        expect(actual[0]).not.toEqual(fresh[0]);
      }
    });
  }

  it('leaks no tensors once it has started, and refuses a gradient for something that is not a variable', () => {
    const w = tf.variable(tf.ones([4, 4]));
    const optimizer = new SmallAdamOptimizer(0.01);
    const step = () => {
      const g = tf.fill([4, 4], 0.5);
      optimizer.applyGradients({ [w.name]: g });
      g.dispose();
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    expect(optimizer.iterations).toBe(21);
    const g = tf.ones([2]);
    expect(() => optimizer.applyGradients({ 'no such variable': g })).toThrow('Adam was given a gradient for "no such variable", which is not a variable.');
    tf.dispose([g, w]);
    optimizer.dispose();
  });
});
