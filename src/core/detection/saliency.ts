/**
 * Where a detector looks: gradient × input (Shrikumar et al. 2016; Simonyan et al. 2014 for
 * the gradient alone) of the detector's logit for one picture. Each pixel's value says how
 * much that pixel, as it is, pushes the verdict: positive towards "fake", negative towards
 * "real". Both detectors give TF.js logits that are differentiable in the pixels
 * (pictureLogits: the CNN directly, the spectrum detector through its DFT as matrix products),
 * so one function serves both.
 */
import * as tf from '../shared/tf';
import type { BinaryDetector } from './binaryDetector';

export interface Saliency {
  /** height·width values: ∂logit/∂x · x per pixel. */
  map: Float32Array;
  /** The detector's logit and P(fake) for the picture. */
  logit: number;
  pFake: number;
}

export function gradientTimesInput(detector: BinaryDetector, picture: Float32Array): Saliency {
  const { height, width } = detector;
  if (picture.length !== height * width) throw new RangeError(`A ${height}×${width} picture has ${height * width} values, not ${picture.length}.`);
  for (let i = 0; i < picture.length; i++) if (!Number.isFinite(picture[i])) throw new RangeError(`Pixel ${i} of the picture is not a finite number.`);
  const { map, logit } = tf.tidy(() => {
    const x = tf.tensor4d(picture, [1, height, width, 1]);
    const { value, grad } = tf.valueAndGrad((p: tf.Tensor) => tf.sum(detector.pictureLogits(p as tf.Tensor4D)) as tf.Scalar)(x);
    return { map: tf.mul(grad, x), logit: value };
  });
  try {
    const [values, z] = [map.dataSync() as Float32Array, logit.dataSync()[0]];
    return { map: Float32Array.from(values), logit: z, pFake: 1 / (1 + Math.exp(-z)) };
  } finally {
    map.dispose();
    logit.dispose();
  }
}

/** The share of the map's total |value| that lies on the given pixels (1 where chosen). */
export function shareOn(map: Float32Array, chosen: (i: number) => boolean): number {
  let on = 0;
  let total = 0;
  for (let i = 0; i < map.length; i++) {
    const a = Math.abs(map[i]);
    total += a;
    if (chosen(i)) on += a;
  }
  return total > 0 ? on / total : 0;
}
