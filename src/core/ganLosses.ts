/**
 * The five GAN objectives, written on the discriminator's raw outputs
 * (logits for the log losses, scores for the others). All return scalars to minimise.
 */
import * as tf from './tf';
import type { LossKind } from './ganSettings';

/** Discriminator loss, without the WGAN gradient penalty (added by the trainer). */
export function discriminatorLoss(kind: LossKind, real: tf.Tensor, fake: tf.Tensor, realLabel = 1): tf.Scalar {
  return tf.tidy(() => {
    switch (kind) {
      case 'minimax':
      case 'nonSaturating': {
        // Binary cross-entropy on logits: −[t·log σ(r) + (1−t)·log(1−σ(r))] − log(1−σ(f)).
        const realTerm = realLabel === 1
          ? tf.softplus(tf.neg(real))
          : tf.add(tf.mul(realLabel, tf.softplus(tf.neg(real))), tf.mul(1 - realLabel, tf.softplus(real)));
        return tf.add(tf.mean(realTerm), tf.mean(tf.softplus(fake))) as tf.Scalar;
      }
      case 'leastSquares':
        return tf.add(tf.mul(0.5, tf.mean(tf.square(tf.sub(real, realLabel)))), tf.mul(0.5, tf.mean(tf.square(fake)))) as tf.Scalar;
      case 'wganGp':
        return tf.sub(tf.mean(fake), tf.mean(real)) as tf.Scalar;
      case 'hinge':
        return tf.add(tf.mean(tf.relu(tf.sub(1, real))), tf.mean(tf.relu(tf.add(1, fake)))) as tf.Scalar;
    }
  });
}

export function generatorLoss(kind: LossKind, fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    switch (kind) {
      case 'minimax':
        // Saturating: minimise log(1 − σ(f)) = −softplus(f); its gradient vanishes when D wins.
        return tf.neg(tf.mean(tf.softplus(fake))) as tf.Scalar;
      case 'nonSaturating':
        return tf.mean(tf.softplus(tf.neg(fake))) as tf.Scalar;
      case 'leastSquares':
        return tf.mul(0.5, tf.mean(tf.square(tf.sub(fake, 1)))) as tf.Scalar;
      case 'wganGp':
      case 'hinge':
        return tf.neg(tf.mean(fake)) as tf.Scalar;
    }
  });
}

/** How "real" the discriminator finds an output, in [0, 1] where the loss allows it. */
export function verdictOf(kind: LossKind, output: number): number {
  switch (kind) {
    case 'minimax':
    case 'nonSaturating':
      return 1 / (1 + Math.exp(-output));
    case 'leastSquares':
      return Math.min(1, Math.max(0, output));
    case 'wganGp':
    case 'hinge':
      return output; // unbounded critic score; views normalise it
  }
}
