/**
 * How far a reconstruction is from its target: the mean squared error (optionally weighted
 * per pixel, as the face-swap tools weight the eyes and mouth), plus
 * optionally a structural-similarity term, weight·(1 − SSIM)/2, which rewards
 * matching local contrast and structure rather than only pixel values (the
 * face-swap tools' usual addition against blur).
 *
 * SSIM (Wang et al., 2004) on pixels mapped from [-1, 1] to [0, 1], per channel,
 * with a 7×7 Gaussian window (σ = 1.5; smaller than the usual 11×11, to suit
 * 32-pixel pictures), no padding, C1 = 0.01², C2 = 0.03². The local means and
 * moments come from one stride-1 convolution over all five maps stacked on the
 * batch axis, which trains fast on wasm.
 */
import * as tf from '../shared/tf';

export const SSIM_WINDOW = 7;
export const SSIM_SIGMA = 1.5;
export const SSIM_C1 = 0.01 ** 2;
export const SSIM_C2 = 0.03 ** 2;

/** The normalised 1D Gaussian weights of the window. */
export function ssimWeights1d(size = SSIM_WINDOW, sigma = SSIM_SIGMA): Float32Array {
  const w = new Float32Array(size);
  const centre = (size - 1) / 2;
  for (let i = 0; i < size; i++) w[i] = Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

function windowKernel(): tf.Tensor4D {
  const w = ssimWeights1d();
  const k = new Float32Array(SSIM_WINDOW * SSIM_WINDOW);
  for (let i = 0; i < SSIM_WINDOW; i++) for (let j = 0; j < SSIM_WINDOW; j++) k[i * SSIM_WINDOW + j] = w[i] * w[j];
  return tf.tensor4d(k, [SSIM_WINDOW, SSIM_WINDOW, 1, 1]);
}

/** SSIM per window position, [n, h − 6, w − 6, C], of two batches [n, h, w, C] in [-1, 1]. */
export function ssimMap(x: tf.Tensor4D, y: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    if (h < SSIM_WINDOW || w < SSIM_WINDOW) throw new Error(`SSIM needs images of at least ${SSIM_WINDOW}×${SSIM_WINDOW}, got ${h}×${w}`);
    // Channels onto the batch axis, pixels into [0, 1].
    const planes = (t: tf.Tensor4D) => tf.reshape(tf.transpose(tf.mul(tf.add(t, 1), 0.5), [0, 3, 1, 2]), [n * c, h, w, 1]);
    const a = planes(x);
    const b = planes(y);
    const stacked = tf.concat([a, b, tf.square(a), tf.square(b), tf.mul(a, b)]) as tf.Tensor4D;
    const [mx, my, xx, yy, xy] = tf.split(tf.conv2d(stacked, windowKernel(), 1, 'valid'), 5);
    const mxy = tf.mul(mx, my);
    const mx2 = tf.square(mx);
    const my2 = tf.square(my);
    const numerator = tf.mul(tf.add(tf.mul(2, mxy), SSIM_C1), tf.add(tf.mul(2, tf.sub(xy, mxy)), SSIM_C2));
    const denominator = tf.mul(tf.add(tf.add(mx2, my2), SSIM_C1), tf.add(tf.add(tf.sub(xx, mx2), tf.sub(yy, my2)), SSIM_C2));
    const map = tf.div(numerator, denominator);
    const [oh, ow] = [h - SSIM_WINDOW + 1, w - SSIM_WINDOW + 1];
    return tf.transpose(tf.reshape(map, [n, c, oh, ow]), [0, 2, 3, 1]) as tf.Tensor4D;
  });
}

/** Mean SSIM over the batch: 1 for identical images. */
export function meanSsim(x: tf.Tensor4D, y: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => tf.mean(ssimMap(x, y)) as tf.Scalar);
}

/**
 * Mean squared error + ssimWeight·(1 − SSIM)/2, a scalar. With per-pixel `weights` [n, h, w, 1]
 * (e.g. 1 + priority on the eyes and mouth), the squared error is their weighted mean instead.
 */
export function reconstructionLoss(output: tf.Tensor4D, target: tf.Tensor4D, ssimWeight = 0, weights?: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const squared = tf.squaredDifference(output, target);
    const mse = (weights
      ? tf.div(tf.sum(tf.mul(squared, weights)), tf.mul(tf.sum(weights), output.shape[3]))
      : tf.mean(squared)) as tf.Scalar;
    if (ssimWeight <= 0) return mse;
    return tf.add(mse, tf.mul(ssimWeight, tf.mul(0.5, tf.sub(1, meanSsim(output, target))))) as tf.Scalar;
  });
}
