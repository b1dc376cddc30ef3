/** Human names for setting values, so the page never shows raw ids such as "relu" or "gaussian". */
import type { Activation, DatasetKind, NoiseKind } from '../../../core/pointGan/ganSettings';

export { LOSS_LABELS, LOSS_SHORT_LABELS } from '../../shared/lossLabels';

export const ACTIVATION_LABELS: Record<Activation, string> = { relu: 'ReLU', leakyRelu: 'Leaky ReLU', tanh: 'tanh' };

export const NOISE_LABELS: Record<NoiseKind, string> = { uniform: 'Uniform', gaussian: 'Gaussian' };


/** Short enough for a box of the model diagram. */

export const DATASET_LABELS: Record<DatasetKind, string> = {
  ring: 'ring of Gaussians', grid: 'grid of Gaussians', moons: 'two moons', spiral: 'spiral', line: 'line', blobs: 'two blobs', custom: 'your own points',
};

export const DATASET_SHORT_LABELS: Record<DatasetKind, string> = {
  ring: 'ring', grid: 'grid', moons: 'two moons', spiral: 'spiral', line: 'line', blobs: 'two blobs', custom: 'your points',
};
