/**
 * Optimizers and gradient measures shared by every trainer (2D GAN, digit GAN,
 * face swap): built from an optimizer's settings, disposed without leaks.
 */
import * as tf from './tf';
import { SmallAdamOptimizer } from './smallAdam';

export interface OptimizerChoice {
  optimizer: 'sgd' | 'adam';
  learningRate: number;
  /** SGD momentum (0 = plain SGD). */
  momentum: number;
  beta1: number;
  beta2: number;
}

export function createOptimizer(o: OptimizerChoice): tf.Optimizer {
  if (o.optimizer === 'adam') return tf.train.adam(o.learningRate, o.beta1, o.beta2);
  return o.momentum > 0 ? tf.train.momentum(o.learningRate, o.momentum) : tf.train.sgd(o.learningRate);
}

/**
 * The same optimizers for networks of a few thousand weights (the 2D lab's), where Adam's
 * dozen kernel calls per variable cost more than its arithmetic: Adam runs in a plain loop
 * (SmallAdamOptimizer, the same float32 results); SGD, two kernels per variable, stays.
 */
export function createSmallNetworkOptimizer(o: OptimizerChoice): tf.Optimizer {
  return o.optimizer === 'adam' ? new SmallAdamOptimizer(o.learningRate, o.beta1, o.beta2) : createOptimizer(o);
}

/** TF.js 4.22's MomentumOptimizer.dispose() forgets the learning-rate scalar it inherits from SGD. */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer instanceof tf.MomentumOptimizer) (optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
}

/** The L2 norm of all gradients together. */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  return tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
}
