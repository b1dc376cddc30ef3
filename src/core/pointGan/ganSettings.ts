/**
 * Every knob of the adversarial lab, its default and its allowed range.
 * The URL codec, the checkpoint loader and the UI all validate against this one table.
 */
import { GAN_OPTION_LIMITS, LOSS_KINDS, OPTIMIZER_KINDS, objectiveProblems, optimizerProblems, type LossKind, type OptimizerKind, type OptimizerSettings } from '../shared/ganOptions';
import { SettingsProblems } from '../shared/settingsProblems';
import { POINT_DATASET_KINDS, type PointDatasetKind } from '../points/toyDistributions';

/** The lab trains on every point dataset (core/points), the diffusion lab on some of them. */
export const DATASET_KINDS = POINT_DATASET_KINDS;
export type DatasetKind = PointDatasetKind;

export const ACTIVATIONS = ['relu', 'leakyRelu', 'tanh'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const NOISE_KINDS = ['uniform', 'gaussian'] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

export { LOSS_KINDS, OPTIMIZER_KINDS, type LossKind, type OptimizerKind };

export interface NetworkSettings extends OptimizerSettings {
  /** Units of each hidden layer, input side first; [] means no hidden layer. */
  hidden: number[];
  activation: Activation;
}

export interface GanSettings {
  dataset: DatasetKind;
  /** Mode count for ring (any) and grid (a square number). */
  modes: number;
  /** Spread σ of each mode, or the noise of moons/spiral/line. */
  sigma: number;
  seed: number;
  noiseDim: number;
  noiseKind: NoiseKind;
  generator: NetworkSettings;
  discriminator: NetworkSettings;
  loss: LossKind;
  /** Gradient-penalty weight λ for WGAN-GP. */
  gpWeight: number;
  /** One-sided label smoothing: target for real samples (1 = off). */
  realLabel: number;
  /** PacGAN packing degree m: the discriminator judges m samples at once (1 = off). */
  packing: number;
  /** Discriminator steps per generator step. */
  dSteps: number;
  batchSize: number;
  /**
   * Decay β of an exponential moving average of the generator's weights, updated after each
   * generator step ("EMA" in Yazıcı et al. 2019, "The unusual effectiveness of averaging in GAN
   * training"); 0 or absent = off. Fakes can then be drawn from the averaged copy, which
   * oscillates far less than the last iterate.
   */
  generatorAverage?: number;
  /**
   * Generator steps over which both learning rates fall exponentially to a twentieth of their set
   * values (then stay there; learningRateDecay.ts); 0 or absent = off, the rates stay as set.
   */
  learningRateDecay?: number;
}

export const LIMITS = {
  ...GAN_OPTION_LIMITS,
  modes: { min: 2, max: 49 },
  sigma: { min: 0.001, max: 2 },
  noiseDim: { min: 1, max: 16 },
  hiddenLayers: { min: 0, max: 6 },
  units: { min: 1, max: 128 },
  packing: { min: 1, max: 8 },
  batchSize: { min: 8, max: 1024 },
  /** 1 would freeze the average at its first value. */
  generatorAverage: { min: 0, max: 0.9999 },
  learningRateDecay: { min: 0, max: 100_000 },
} as const;

export const GRID_MODE_COUNTS = [4, 9, 16, 25, 36, 49] as const;

export function defaultNetwork(overrides: Partial<NetworkSettings> = {}): NetworkSettings {
  return {
    hidden: [64, 64],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.002,
    momentum: 0.9,
    beta1: 0.5,
    beta2: 0.999,
    ...overrides,
  };
}

/** Our default: a ring the healthy way (non-saturating loss, Adam). */
export const DEFAULT_SETTINGS: GanSettings = {
  dataset: 'ring',
  modes: 8,
  sigma: 0.01,
  seed: 1,
  noiseDim: 2,
  noiseKind: 'gaussian',
  generator: defaultNetwork(),
  discriminator: defaultNetwork(),
  loss: 'nonSaturating',
  gpWeight: 0.1,
  realLabel: 1,
  packing: 1,
  dSteps: 1,
  batchSize: 256,
};

export function cloneSettings(s: GanSettings): GanSettings {
  return {
    ...s,
    generator: { ...s.generator, hidden: [...s.generator.hidden] },
    discriminator: { ...s.discriminator, hidden: [...s.discriminator.hidden] },
  };
}

export function isMixtureDataset(kind: DatasetKind): kind is 'ring' | 'grid' | 'blobs' {
  return kind === 'ring' || kind === 'grid' || kind === 'blobs';
}

/** Problems with a settings object, each naming the field; empty when valid. */
export function settingsProblems(s: GanSettings): string[] {
  const p = new SettingsProblems();
  p.oneOf('dataset', s.dataset, DATASET_KINDS);
  p.number('modes', s.modes, LIMITS.modes, true);
  if (s.dataset === 'grid' && !(GRID_MODE_COUNTS as readonly number[]).includes(s.modes)) {
    p.add(`modes must be a square number (${GRID_MODE_COUNTS.join(', ')}) for the grid`);
  }
  p.number('sigma', s.sigma, LIMITS.sigma);
  p.number('seed', s.seed, LIMITS.seed, true);
  p.number('noiseDim', s.noiseDim, LIMITS.noiseDim, true);
  p.oneOf('noiseKind', s.noiseKind, NOISE_KINDS);
  for (const [prefix, net] of [['generator', s.generator], ['discriminator', s.discriminator]] as const) {
    if (!net || !Array.isArray(net.hidden)) {
      p.add(`${prefix}.hidden must be a list of layer sizes`);
      continue;
    }
    if (net.hidden.length > LIMITS.hiddenLayers.max) p.add(`${prefix} may have at most ${LIMITS.hiddenLayers.max} hidden layers`);
    net.hidden.forEach((u, i) => p.number(`${prefix}.hidden[${i}]`, u, LIMITS.units, true));
    p.oneOf(`${prefix}.activation`, net.activation, ACTIVATIONS);
    optimizerProblems(p, prefix, net);
  }
  objectiveProblems(p, s);
  p.number('packing', s.packing, LIMITS.packing, true);
  p.number('batchSize', s.batchSize, LIMITS.batchSize, true);
  if (s.generatorAverage !== undefined) p.number('generatorAverage', s.generatorAverage, LIMITS.generatorAverage);
  if (s.learningRateDecay !== undefined) p.number('learningRateDecay', s.learningRateDecay, LIMITS.learningRateDecay, true);
  if (Number.isInteger(s.packing) && Number.isInteger(s.batchSize) && s.batchSize % s.packing !== 0) {
    p.add(`batchSize (${s.batchSize}) must be a multiple of packing (${s.packing})`);
  }
  return p.list;
}
