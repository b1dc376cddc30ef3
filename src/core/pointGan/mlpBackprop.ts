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
