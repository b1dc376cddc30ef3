/**
 * The two training objectives, on a batch of data x_0, noise ε and times τ = t / T. Both are
 * plain regressions: noise the data along a known path, ask the network for a quantity the
 * noising makes known, and minimise the squared error. All return scalars to minimise.
 */
import * as tf from '../shared/tf';

/**
 * DDPM's L_simple (Ho et al. 2020, eq. 14): E‖ε − ε_θ(√ᾱ_t x_0 + √(1−ᾱ_t) ε, t)‖², averaged over
 * the batch and both coordinates. `signal` and `noise` hold √ᾱ_t and √(1−ᾱ_t) per row ([n, 1]).
 */
export function noisePredictionLoss(
  predict: (xt: tf.Tensor2D) => tf.Tensor2D, x0: tf.Tensor2D, epsilon: tf.Tensor2D, signal: tf.Tensor2D, noise: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const xt = tf.add(tf.mul(signal, x0), tf.mul(noise, epsilon)) as tf.Tensor2D;
    return tf.mean(tf.square(tf.sub(predict(xt), epsilon))) as tf.Scalar;
  });
}

/**
 * Conditional flow matching (Lipman et al. 2023, eq. 23 with the optimal-transport path and
 * σ_min = 0): on x_τ = (1 − τ) x_0 + τ ε the path's velocity is u = ε − x_0, and the loss is
 * E‖v_θ(x_τ, τ) − u‖². `taus` holds τ per row ([n, 1]).
 */
export function flowMatchingLoss(predict: (xt: tf.Tensor2D) => tf.Tensor2D, x0: tf.Tensor2D, epsilon: tf.Tensor2D, taus: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const xt = tf.add(tf.mul(tf.sub(1, taus), x0), tf.mul(taus, epsilon)) as tf.Tensor2D;
    return tf.mean(tf.square(tf.sub(predict(xt), tf.sub(epsilon, x0)))) as tf.Scalar;
  });
}
