/**
 * Learning-rate decay for the 2D GAN: both learning rates fall exponentially from their set
 * values to LR_DECAY_FLOOR of them over the chosen number of generator steps, then stay there.
 * Late in training, smaller steps stop the duel from jostling the fakes off the modes.
 */

/** Where the decay ends: a twentieth of the set learning rates. */
export const LR_DECAY_FLOOR = 0.05;

/** The factor on both learning rates after `step` generator steps, decaying over `decaySteps` (0 or absent: off, 1). */
export function learningRateScale(step: number, decaySteps: number | undefined): number {
  if (!decaySteps || decaySteps <= 0) return 1;
  return Math.pow(LR_DECAY_FLOOR, Math.min(Math.max(step, 0), decaySteps) / decaySteps);
}
