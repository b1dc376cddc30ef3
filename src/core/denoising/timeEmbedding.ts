/**
 * The sinusoidal time embedding both diffusion networks read t through: the Transformer's
 * position encoding (Vaswani et al. 2017), which DDPM uses for t (Ho et al. 2020).
 */
import * as tf from '../shared/tf';

/** τ = t / T in [0, 1] is embedded as step 1000 τ, DDPM's own range of t. */
export const EMBEDDING_TIME_SCALE = 1000;
/** The longest period of the embedding's sinusoids (as in the Transformer). */
export const EMBEDDING_MAX_PERIOD = 10000;

/** [sin(1000τ·ω_i), cos(1000τ·ω_i)] with ω_i = 10000^(−i/(d/2)), i = 0…d/2−1, for each τ: [n, d]. */
export function timeEmbedding(taus: tf.Tensor1D, size: number): tf.Tensor2D {
  if (size % 2 !== 0 || size < 2) throw new Error(`the time embedding size must be even and at least 2 (got ${size})`);
  return tf.tidy(() => {
    const half = size / 2;
    const freqs = new Float32Array(half);
    for (let i = 0; i < half; i++) freqs[i] = Math.exp((-Math.log(EMBEDDING_MAX_PERIOD) * i) / half);
    const angles = tf.mul(tf.reshape(tf.mul(taus, EMBEDDING_TIME_SCALE), [-1, 1]), tf.tensor2d(freqs, [1, half]));
    return tf.concat([tf.sin(angles), tf.cos(angles)], 1) as tf.Tensor2D;
  });
}
