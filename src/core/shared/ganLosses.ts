/**
 * The five GAN objectives, written on the discriminator's raw outputs
 * (logits for the log losses, scores for the others). All return scalars to minimise.
 */
import * as tf from './tf';
import type { LossKind } from './ganOptions';

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

/**
 * ∂(discriminator loss)/∂(output) for D's outputs on [reals; fakes] stacked in
 * one column (nReal rows, then the fakes). The WGAN-GP penalty is not included.
 */
export function discriminatorOutputGradient(kind: LossKind, outputs: tf.Tensor2D, nReal: number, realLabel = 1): tf.Tensor2D {
  return tf.tidy(() => {
    const nFake = outputs.shape[0] - nReal;
    // Each half of the loss is a mean, so each row's gradient carries 1/n of its half.
    const scale = tf.concat([tf.fill([nReal, 1], 1 / nReal), tf.fill([nFake, 1], 1 / nFake)]);
    const targets = tf.concat([tf.fill([nReal, 1], realLabel), tf.zeros([nFake, 1])]);
    switch (kind) {
      case 'minimax':
      case 'nonSaturating':
        return tf.mul(tf.sub(tf.sigmoid(outputs), targets), scale);
      case 'leastSquares':
        return tf.mul(tf.sub(outputs, targets), scale);
      case 'wganGp': {
        const sign = tf.concat([tf.fill([nReal, 1], -1), tf.fill([nFake, 1], 1)]);
        return tf.mul(sign, scale);
      }
      case 'hinge': {
        // relu(1 − r) and relu(1 + f): slope −1 / +1 while inside the margin, 0 outside.
        const sign = tf.concat([tf.fill([nReal, 1], -1), tf.fill([nFake, 1], 1)]);
        const active = tf.step(tf.add(1, tf.mul(sign, outputs)));
        return tf.mul(tf.mul(sign, active), scale);
      }
    }
  });
}

/** ∂(generator loss)/∂(output) for D's outputs on fakes. */
export function generatorOutputGradient(kind: LossKind, outputs: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const inv = 1 / outputs.shape[0];
    switch (kind) {
      case 'minimax':
        return tf.mul(tf.sigmoid(outputs), -inv);
      case 'nonSaturating':
        return tf.mul(tf.sub(tf.sigmoid(outputs), 1), inv);
      case 'leastSquares':
        return tf.mul(tf.sub(outputs, 1), inv);
      case 'wganGp':
      case 'hinge':
        return tf.fill(outputs.shape, -inv) as tf.Tensor2D;
    }
  });
}
