/**
 * Every knob of the adversarial lab, its default and its allowed range.
 * The URL codec, the checkpoint loader and the UI all validate against this one table.
 */
import { GAN_OPTION_LIMITS, LOSS_KINDS, OPTIMIZER_KINDS, type LossKind, type OptimizerKind, type OptimizerSettings } from '../shared/ganOptions';

export const DATASET_KINDS = ['ring', 'grid', 'moons', 'spiral', 'line', 'blobs', 'custom'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

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
  const problems: string[] = [];
  const inRange = (name: string, v: number, lim: { min: number; max: number }, integer = false) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${name} must be a number`);
    else if (v < lim.min || v > lim.max) problems.push(`${name} must be between ${lim.min} and ${lim.max}`);
    else if (integer && !Number.isInteger(v)) problems.push(`${name} must be a whole number`);
  };
  const oneOf = (name: string, v: unknown, options: readonly string[]) => {
    if (!options.includes(v as string)) problems.push(`${name} must be one of ${options.join(', ')}`);
  };
  oneOf('dataset', s.dataset, DATASET_KINDS);
  inRange('modes', s.modes, LIMITS.modes, true);
  if (s.dataset === 'grid' && !(GRID_MODE_COUNTS as readonly number[]).includes(s.modes)) {
    problems.push(`modes must be a square number (${GRID_MODE_COUNTS.join(', ')}) for the grid`);
  }
  inRange('sigma', s.sigma, LIMITS.sigma);
  inRange('seed', s.seed, LIMITS.seed, true);
  inRange('noiseDim', s.noiseDim, LIMITS.noiseDim, true);
  oneOf('noiseKind', s.noiseKind, NOISE_KINDS);
  for (const [prefix, net] of [['generator', s.generator], ['discriminator', s.discriminator]] as const) {
    if (!net || !Array.isArray(net.hidden)) {
      problems.push(`${prefix}.hidden must be a list of layer sizes`);
      continue;
    }
    if (net.hidden.length > LIMITS.hiddenLayers.max) problems.push(`${prefix} may have at most ${LIMITS.hiddenLayers.max} hidden layers`);
    net.hidden.forEach((u, i) => inRange(`${prefix}.hidden[${i}]`, u, LIMITS.units, true));
    oneOf(`${prefix}.activation`, net.activation, ACTIVATIONS);
    oneOf(`${prefix}.optimizer`, net.optimizer, OPTIMIZER_KINDS);
    inRange(`${prefix}.learningRate`, net.learningRate, LIMITS.learningRate);
    inRange(`${prefix}.momentum`, net.momentum, LIMITS.momentum);
    inRange(`${prefix}.beta1`, net.beta1, LIMITS.beta);
    inRange(`${prefix}.beta2`, net.beta2, LIMITS.beta);
  }
  oneOf('loss', s.loss, LOSS_KINDS);
  inRange('gpWeight', s.gpWeight, LIMITS.gpWeight);
  inRange('realLabel', s.realLabel, LIMITS.realLabel);
  inRange('packing', s.packing, LIMITS.packing, true);
  inRange('dSteps', s.dSteps, LIMITS.dSteps, true);
  inRange('batchSize', s.batchSize, LIMITS.batchSize, true);
  if (Number.isInteger(s.packing) && Number.isInteger(s.batchSize) && s.batchSize % s.packing !== 0) {
    problems.push(`batchSize (${s.batchSize}) must be a multiple of packing (${s.packing})`);
  }
  return problems;
}
