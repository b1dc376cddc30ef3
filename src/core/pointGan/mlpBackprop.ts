/**
 * Hand-derived backpropagation through an Mlp, written with TF.js kernels.
 * For networks this small, TF.js's autodiff tape costs more than the maths
 * (~150 kernels per discriminator step against ~40 here), so the trainer uses
 * this path; tests check it against tf.variableGrads on identical inputs.
 */
import * as tf from '../shared/tf';
import type { Mlp } from './mlp';

const LEAKY_ALPHA = 0.2;

export interface ForwardTrace {
  /** Input of each layer: [x, h1, h2, …]; the last entry feeds the output layer. */
  layerInputs: tf.Tensor2D[];
  output: tf.Tensor2D;
}

/** Forward pass that keeps each layer's input for the backward pass. Call inside tf.tidy. */
export function forwardWithTrace(net: Mlp, input: tf.Tensor2D): ForwardTrace {
  const layerInputs: tf.Tensor2D[] = [];
  let h = input;
  net.layers.forEach((layer, i) => {
    layerInputs.push(h);
    const isOutput = i === net.layers.length - 1;
    if (isOutput) {
      h = tf.fused.matMul({ a: h, b: layer.weights, bias: layer.bias }) as tf.Tensor2D;
    } else if (net.activation === 'tanh') {
      h = tf.tanh(tf.fused.matMul({ a: h, b: layer.weights, bias: layer.bias })) as tf.Tensor2D;
    } else {
      h = tf.fused.matMul({
        a: h,
        b: layer.weights,
        bias: layer.bias,
        activation: net.activation === 'relu' ? 'relu' : 'leakyrelu',
        leakyreluAlpha: LEAKY_ALPHA,
      }) as tf.Tensor2D;
    }
  });
  return { layerInputs, output: h };
}

/** dL/dz from dL/dh, using only the activation's output h (the layer's pre-activation z is not kept). */
function throughActivation(activation: Mlp['activation'], h: tf.Tensor2D, dh: tf.Tensor2D): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.mul(dh, tf.step(h)) as tf.Tensor2D;
    case 'leakyRelu':
      return tf.mul(dh, tf.step(h, LEAKY_ALPHA)) as tf.Tensor2D;
    case 'tanh':
      return tf.mul(dh, tf.sub(1, tf.square(h))) as tf.Tensor2D;
  }
}

export interface Backprop {
  /** Gradients in variable order (w0, b0, w1, b1, …), or null when not asked for. */
  paramGrads: tf.Tensor[] | null;
  /** dL/d(input), or null when not asked for. */
  inputGrad: tf.Tensor2D | null;
}

/**
 * Backpropagates dL/d(output) through the traced forward pass. Call inside tf.tidy.
 * `wantParams` false skips the weight gradients (e.g. D's, during the generator's step).
 */
export function backpropagate(net: Mlp, trace: ForwardTrace, outputGrad: tf.Tensor2D, wantParams: boolean, wantInput: boolean): Backprop {
  const grads: tf.Tensor[] = new Array(net.layers.length * 2);
  let dz = outputGrad;
  for (let i = net.layers.length - 1; i >= 0; i--) {
    const input = trace.layerInputs[i];
    if (wantParams) {
      grads[2 * i] = tf.matMul(input, dz, true, false);
      grads[2 * i + 1] = tf.sum(dz, 0);
    }
    if (i === 0 && !wantInput) break;
    const dInput = tf.matMul(dz, net.layers[i].weights, false, true) as tf.Tensor2D;
    if (i === 0) return { paramGrads: wantParams ? grads : null, inputGrad: dInput };
    dz = throughActivation(net.activation, input, dInput);
  }
  return { paramGrads: wantParams ? grads : null, inputGrad: null };
}

export interface GradientPenalty {
  /** λ·mean over the rows of (‖∇ₓD(x̂)‖₂ − 1)². */
  penalty: tf.Scalar;
  /** Its gradient with respect to D's variables, in variable order (w0, b0, w1, b1, …). */
  paramGrads: tf.Tensor[];
}

/**
 * WGAN-GP's gradient penalty (Gulrajani et al. 2017, eq. 3), λ·E_x̂[(‖∇ₓ̂D(x̂)‖₂ − 1)²],
 * and its gradient with respect to D's weights, by hand. Call inside tf.tidy.
 *
 * `interpolates` holds the points x̂ between real and fake samples, one row per input
 * of D (with packing, a whole pack: the norm spans it). For piecewise-linear
 * activations (relu, leakyRelu) each unit's slope s is locally constant, so
 * ∇ₓ̂D is a chain of matrix products: with d_{L−1} = 1, g_i = d_i·W_iᵀ and
 * d_{i−1} = g_i ⊙ s_{i−1}, the input gradient is g_0. Reverse mode over that
 * chain, from ḡ_0 = ∂P/∂g_0 = λ·2(‖g_0‖ − 1)·g_0/‖g_0‖/B, gives for i = 0…L−1:
 * W̄_i = ḡ_iᵀ·d_i, d̄_i = ḡ_i·W_i, ḡ_{i+1} = d̄_i ⊙ s_i. The biases enter the
 * input gradient only through the slopes, so their penalty gradient is zero.
 * tanh's second derivative is not zero: such networks need TF.js's autodiff.
 */
export function gradientPenaltyWithGrads(net: Mlp, interpolates: tf.Tensor2D, lambda: number): GradientPenalty {
  if (net.activation === 'tanh') {
    throw new Error('gradientPenaltyWithGrads: needs relu or leakyRelu (piecewise linear); tanh has a non-zero second derivative, use autodiff');
  }
  const layerCount = net.layers.length;
  const trace = forwardWithTrace(net, interpolates);
  const rows = interpolates.shape[0];
  // Each hidden layer's slope s_i, read from its output (the next layer's input): 1 or 0 (relu), 1 or α (leakyRelu).
  const alpha = net.activation === 'relu' ? 0 : LEAKY_ALPHA;
  const slopes = trace.layerInputs.slice(1).map((h) => tf.step(h, alpha) as tf.Tensor2D);
  // Forward along the chain, from the output back to the input: d_i, then g_i.
  const d: tf.Tensor2D[] = new Array(layerCount);
  d[layerCount - 1] = tf.ones([rows, 1]);
  for (let i = layerCount - 1; i > 0; i--) {
    d[i - 1] = tf.mul(tf.matMul(d[i], net.layers[i].weights, false, true), slopes[i - 1]) as tf.Tensor2D;
  }
  const g = tf.matMul(d[0], net.layers[0].weights, false, true) as tf.Tensor2D;
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(g), 1, true), 1e-12)) as tf.Tensor2D;
  const excess = tf.sub(norms, 1);
  const penalty = tf.mul(lambda, tf.mean(tf.square(excess))) as tf.Scalar;
  // Reverse mode over the chain.
  let gBar = tf.mul(g, tf.div(tf.mul(excess, (2 * lambda) / rows), norms)) as tf.Tensor2D;
  const paramGrads: tf.Tensor[] = new Array(layerCount * 2);
  for (let i = 0; i < layerCount; i++) {
    paramGrads[2 * i] = tf.matMul(gBar, d[i], true, false);
    paramGrads[2 * i + 1] = tf.zerosLike(net.layers[i].bias);
    if (i + 1 < layerCount) gBar = tf.mul(tf.matMul(gBar, net.layers[i].weights), slopes[i]) as tf.Tensor2D;
  }
  return { penalty, paramGrads };
}
