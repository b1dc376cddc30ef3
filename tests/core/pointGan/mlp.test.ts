import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { createMlp, disposeMlp, mlpForward, mlpVariables, readMlpWeights, writeMlpWeights, type Mlp } from '../../../src/core/pointGan/mlp';
import { discriminatorLoss } from '../../../src/core/shared/ganLosses';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import type { Activation } from '../../../src/core/pointGan/ganSettings';

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

const REAL = new SeededRandom(21).fillNormal(new Float32Array(16));
const FAKE = new SeededRandom(22).fillNormal(new Float32Array(16));

/** A realistic scalar to differentiate: the discriminator's log loss on 8 real and 8 fake points. */
function lossOf(net: Mlp): tf.Scalar {
  return discriminatorLoss('nonSaturating', mlpForward(net, tf.tensor2d(REAL, [8, 2])), mlpForward(net, tf.tensor2d(FAKE, [8, 2])), 0.9);
}

describe('createMlp', () => {
  it('builds weights [fanIn, fanOut] and zero biases per layer, in the init range', () => {
    const net = createMlp('d', [2, 5, 3, 1], 'relu', new SeededRandom(1));
    const vars = mlpVariables(net);
    expect(vars.map((v) => v.shape)).toEqual([[2, 5], [5], [5, 3], [3], [3, 1], [1]]);
    const w = readMlpWeights(net);
    // He-uniform before ReLU layers, Glorot-uniform at the linear output.
    const limits = [Math.sqrt(6 / 2), Math.sqrt(6 / 5), Math.sqrt(6 / 4)];
    limits.forEach((limit, l) => {
      expect(Math.max(...w[2 * l].map(Math.abs))).toBeLessThanOrEqual(limit);
      expect(Math.max(...w[2 * l].map(Math.abs))).toBeGreaterThan(limit * 0.3);
      expect(Array.from(w[2 * l + 1]).every((b) => b === 0)).toBe(true);
    });
    disposeMlp(net);
  });

  it('is reproducible from the seed', () => {
    const a = createMlp('a', [3, 4, 2], 'tanh', new SeededRandom(8));
    const b = createMlp('b', [3, 4, 2], 'tanh', new SeededRandom(8));
    expect(readMlpWeights(a)).toEqual(readMlpWeights(b));
    disposeMlp(a);
    disposeMlp(b);
  });

  it('maps [n, in] to [n, out] and, with no hidden layer, is one linear map', () => {
    const net = createMlp('g', [2, 3], 'relu', new SeededRandom(4));
    const [w, b] = readMlpWeights(net);
    writeMlpWeights(net, [w, new Float32Array([0.5, -1, 2])]);
    const out = tf.tidy(() => mlpForward(net, tf.tensor2d([1, -2], [1, 2])).arraySync())[0];
    expect(b.length).toBe(3);
    for (let j = 0; j < 3; j++) expect(out[j]).toBeCloseTo(w[j] * 1 + w[3 + j] * -2 + [0.5, -1, 2][j], 5);
    disposeMlp(net);
  });
});

/** Which hidden units are active (z > 0) for every input: the piece of a piecewise-linear net we are on. */
function activationPattern(net: Mlp): string {
  return tf.tidy(() => {
    const bits: number[] = [];
    for (const data of [REAL, FAKE]) {
      let h: tf.Tensor2D = tf.tensor2d(data, [8, 2]);
      net.layers.slice(0, -1).forEach((layer) => {
        const z = tf.add(tf.matMul(h, layer.weights), layer.bias) as tf.Tensor2D;
        bits.push(...Array.from(z.greater(0).dataSync()));
        h = net.activation === 'tanh' ? tf.tanh(z) : net.activation === 'relu' ? tf.relu(z) : tf.leakyRelu(z, 0.2);
      });
    }
    return bits.join('');
  });
}

describe('gradients against central finite differences (float32: step 1e-2, rel 2e-2)', () => {
  for (const activation of ['tanh', 'leakyRelu', 'relu'] as Activation[]) {
    it(`${activation}: every parameter's gradient matches`, () => {
      const net = createMlp('d', [2, 6, 4, 1], activation, new SeededRandom(3));
      const vars = mlpVariables(net);
      const { grads, value } = tf.variableGrads(() => lossOf(net), vars);
      const analytic = vars.map((v) => grads[v.name].dataSync().slice() as Float32Array);
      tf.dispose([value, ...Object.values(grads)]);
      const weights = readMlpWeights(net);
      const basePattern = activationPattern(net);
      const h = 1e-2;
      const lossAt = () => tf.tidy(() => lossOf(net).dataSync()[0]);
      let checked = 0;
      let acrossKink = 0;
      weights.forEach((arr, k) => {
        for (let i = 0; i < arr.length; i++) {
          const original = arr[i];
          arr[i] = original + h;
          writeMlpWeights(net, weights);
          const plus = lossAt();
          const plusPattern = activationPattern(net);
          arr[i] = original - h;
          writeMlpWeights(net, weights);
          const minus = lossAt();
          const minusPattern = activationPattern(net);
          arr[i] = original;
          // A difference across a ReLU kink measures neither side's slope: skip those (counted below).
          if (activation !== 'tanh' && (plusPattern !== basePattern || minusPattern !== basePattern)) {
            acrossKink++;
            continue;
          }
          const numeric = (plus - minus) / (2 * h);
          expect(Math.abs(numeric - analytic[k][i])).toBeLessThanOrEqual(2e-2 * Math.abs(analytic[k][i]) + 2e-3);
          checked++;
        }
      });
      writeMlpWeights(net, weights);
      const total = 2 * 6 + 6 + 6 * 4 + 4 + 4 + 1;
      expect(checked + acrossKink).toBe(total);
      expect(checked).toBeGreaterThanOrEqual(0.8 * total);
      disposeMlp(net);
    });
  }
});

describe('weights in and out', () => {
  it('round-trip through readMlpWeights / writeMlpWeights', () => {
    const a = createMlp('a', [2, 4, 1], 'relu', new SeededRandom(1));
    const b = createMlp('b', [2, 4, 1], 'relu', new SeededRandom(2));
    expect(readMlpWeights(a)).not.toEqual(readMlpWeights(b));
    writeMlpWeights(b, readMlpWeights(a));
    expect(readMlpWeights(b)).toEqual(readMlpWeights(a));
    disposeMlp(a);
    disposeMlp(b);
  });

  it('refuses weight arrays of the wrong count or length, naming the network', () => {
    const net = createMlp('generator', [2, 4, 1], 'relu', new SeededRandom(1));
    const w = readMlpWeights(net);
    expect(() => writeMlpWeights(net, w.slice(0, 3))).toThrow('generator: expected 4 weight arrays, got 3');
    expect(() => writeMlpWeights(net, [w[0], new Float32Array(5), w[2], w[3]])).toThrow('generator: weight array 1 has 5 values, expected 4');
    disposeMlp(net);
  });

  it('frees every tensor on dispose', () => {
    const before = tf.memory().numTensors;
    const net = createMlp('n', [2, 8, 8, 1], 'leakyRelu', new SeededRandom(1));
    tf.dispose(tf.tidy(() => mlpForward(net, tf.ones([4, 2]))));
    expect(tf.memory().numTensors).toBe(before + 6);
    disposeMlp(net);
    expect(tf.memory().numTensors).toBe(before);
  });
});
