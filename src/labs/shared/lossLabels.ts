/** Human names for the GAN objectives, shared by the GAN labs. */
import type { LossKind } from '../../core/shared/ganOptions';

export const LOSS_LABELS: Record<LossKind, string> = {
  minimax: 'minimax (saturating)',
  nonSaturating: 'non-saturating',
  leastSquares: 'least squares',
  wganGp: 'WGAN-GP',
  hinge: 'hinge',
};

export const LOSS_SHORT_LABELS: Record<LossKind, string> = { ...LOSS_LABELS, minimax: 'minimax' };
