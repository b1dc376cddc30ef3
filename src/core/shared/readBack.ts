/**
 * Computes a tensor and reads its values back, freeing the tensor. (Returning the typed array
 * from tf.tidy instead would make tidy walk it element by element looking for tensors:
 * ~300 ms for 100k values.)
 */
import * as tf from './tf';

export function readBack(f: () => tf.Tensor): Float32Array<ArrayBuffer> {
  const t = tf.tidy(f);
  const values = t.dataSync() as Float32Array<ArrayBuffer>;
  t.dispose();
  return values;
}
