/**
 * A multilayer perceptron as plain TF.js variables (no tf.layers): small,
 * fast per step, and easy to snapshot, restore and serialise.
 */
import * as tf from '../shared/tf';
import type { Activation } from './ganSettings';
import type { SeededRandom } from '../shared/seededRandom';

export interface DenseLayer {
  weights: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
}

export interface Mlp {
  readonly name: string;
  readonly sizes: number[];
  readonly activation: Activation;
  readonly layers: DenseLayer[];
}

/** Layer sizes from input to output, e.g. [2, 64, 64, 1]. */
export function createMlp(name: string, sizes: number[], activation: Activation, rng: SeededRandom): Mlp {
  // Variables stay unnamed: TF.js names are global, and two trainers may coexist.
  const layers: DenseLayer[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i];
    const fanOut = sizes[i + 1];
    // He init before ReLU-like activations, Glorot before tanh and at the output.
    const isOutput = i + 2 === sizes.length;
    const scale = !isOutput && activation !== 'tanh' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    const w = rng.fillUniform(new Float32Array(fanIn * fanOut), -scale, scale);
    // tidy disposes the initial values; the variables themselves survive it.
    layers.push(tf.tidy(() => ({
      weights: tf.variable(tf.tensor2d(w, [fanIn, fanOut]), true),
      bias: tf.variable(tf.zeros<tf.Rank.R1>([fanOut]), true),
    })));
  }
  return { name, sizes: [...sizes], activation, layers };
}

export function mlpVariables(net: Mlp): tf.Variable[] {
  return net.layers.flatMap((l) => [l.weights, l.bias]);
}

const LEAKY_ALPHA = 0.2;

/**
 * Forward pass; the last layer is linear (a logit or a coordinate). Differentiable
 * by TF.js's autodiff (fused kernels only where their gradient exists), unlike
 * mlpBackprop's faster traced pass, which the trainer differentiates by hand.
 * `secondOrder` writes leakyRelu so that TF.js can differentiate it twice (a
 * gradient of a gradient, as in WGAN-GP's penalty), at the cost of a few kernels.
 */
export function mlpForward(net: Mlp, input: tf.Tensor2D, secondOrder = false): tf.Tensor2D {
  let h = input;
  net.layers.forEach((layer, i) => {
    const isOutput = i === net.layers.length - 1;
    if (isOutput || net.activation === 'relu') {
      // Fused matmul+bias(+relu) is one kernel call: the step rate of tiny nets is bound by op count.
      h = tf.fused.matMul({ a: h, b: layer.weights, bias: layer.bias, activation: isOutput ? 'linear' : 'relu' }) as tf.Tensor2D;
    } else {
      const z = tf.add(tf.matMul(h, layer.weights), layer.bias) as tf.Tensor2D;
      if (net.activation === 'tanh') h = tf.tanh(z) as tf.Tensor2D;
      // TF.js cannot differentiate leakyRelu's gradient (it goes through a comparison);
      // the same function as (1 − α)·relu(z) + α·z can be, for WGAN-GP's penalty.
      else if (secondOrder) h = tf.add(tf.mul(1 - LEAKY_ALPHA, tf.relu(z)), tf.mul(LEAKY_ALPHA, z)) as tf.Tensor2D;
      else h = tf.leakyRelu(z, LEAKY_ALPHA) as tf.Tensor2D;
    }
  });
  return h;
}

export function disposeMlp(net: Mlp): void {
  for (const v of mlpVariables(net)) v.dispose();
}

/** All weights flattened in variable order, for checkpoints and "last good state". */
export function readMlpWeights(net: Mlp): Float32Array[] {
  return mlpVariables(net).map((v) => v.dataSync() as Float32Array).map((a) => a.slice());
}

export function writeMlpWeights(net: Mlp, values: Float32Array[]): void {
  const vars = mlpVariables(net);
  if (values.length !== vars.length) throw new Error(`${net.name}: expected ${vars.length} weight arrays, got ${values.length}`);
  vars.forEach((v, i) => {
    if (values[i].length !== v.size) throw new Error(`${net.name}: weight array ${i} has ${values[i].length} values, expected ${v.size}`);
    tf.tidy(() => v.assign(tf.tensor(values[i], v.shape)));
  });
}
