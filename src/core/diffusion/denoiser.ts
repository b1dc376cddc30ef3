/**
 * The denoiser: a small MLP that reads a point x_t and its time and predicts either the noise
 * ε (DDPM) or the velocity v (flow matching). Time enters as a sinusoidal embedding, the
 * Transformer's position encoding (Vaswani et al. 2017) that DDPM uses for t (Ho et al. 2020),
 * concatenated to the point; hidden layers use SiLU (swish), as DDPM's network does.
 */
import * as tf from '../shared/tf';
import type { ParamSpec } from '../shared/namedParams';
import type { DiffusionSettings } from './diffusionSettings';
import { timeEmbedding } from '../denoising/timeEmbedding';

/** The denoiser's parameters, in order: dense0 … denseL (the last is the 2-number output). */
export function denoiserSpecs(s: Pick<DiffusionSettings, 'hidden' | 'timeEmbedding'>): ParamSpec[] {
  const sizes = [2 + s.timeEmbedding, ...s.hidden, 2];
  const specs: ParamSpec[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const last = i + 2 === sizes.length;
    specs.push({ name: `dense${i}.kernel`, shape: [sizes[i], sizes[i + 1]], fanIn: sizes[i], fanOut: sizes[i + 1], init: last ? 'glorot' : 'he' });
    specs.push({ name: `dense${i}.bias`, shape: [sizes[i + 1]], fanIn: sizes[i], fanOut: sizes[i + 1], init: 'zero' });
  }
  return specs;
}

/** The network's output for points x [n, 2] at times τ [n]: [n, 2]. */
export function denoise(params: ReadonlyMap<string, tf.Variable>, layerCount: number, embeddingSize: number, x: tf.Tensor2D, taus: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    let h: tf.Tensor2D = tf.concat([x, timeEmbedding(taus, embeddingSize)], 1);
    for (let i = 0; i < layerCount; i++) {
      h = tf.add(tf.matMul(h, params.get(`dense${i}.kernel`)! as tf.Tensor2D), params.get(`dense${i}.bias`)!);
      if (i + 1 < layerCount) h = tf.mul(h, tf.sigmoid(h)); // SiLU
    }
    return h;
  });
}
