/**
 * Every knob of the digit forger (a GAN on 28×28 digits), its default and its
 * allowed range. Losses, optimizer kinds and the shared limits come from the
 * 2D lab's settings, so both labs speak the same vocabulary.
 */
import { GAN_OPTION_LIMITS as GAN_LIMITS, LOSS_KINDS, OPTIMIZER_KINDS, type LossKind, type OptimizerSettings } from '../shared/ganOptions';

export const DIGIT_ARCHITECTURES = ['mlp', 'dcgan'] as const;
export type DigitArchitecture = (typeof DIGIT_ARCHITECTURES)[number];

/** How the convolutional generator doubles its resolution. */
export const UPSAMPLINGS = ['transposed', 'resize'] as const;
export type Upsampling = (typeof UPSAMPLINGS)[number];

export const IMAGE_SIZE = 28;
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;
/** One-hot width of the class input: always all ten digits, so a checkpoint fits whatever subset is trained. */
export const CLASS_COUNT = 10;

export type { OptimizerSettings };

export interface DigitNetworkSettings extends OptimizerSettings {
  /**
   * Size knob. MLP: units of the narrower hidden layer (the other has twice as many).
   * DCGAN: channels of the full-resolution-side feature map (the 7×7 side has twice as many).
   */
  width: number;
}

export interface DigitGanSettings {
  architecture: DigitArchitecture;
  /** DCGAN generator only; ignored by the MLP. */
  upsampling: Upsampling;
  /** Conditional GAN: G and D both see the class, so the learner can ask for a 7. */
  conditional: boolean;
  /** Digits the lab trains on (and that conditional samples are drawn from). */
  classes: number[];
  latentSize: number;
  generator: DigitNetworkSettings;
  discriminator: DigitNetworkSettings;
  loss: LossKind;
  /** Gradient-penalty weight λ for WGAN-GP. */
  gpWeight: number;
  /** One-sided label smoothing: target for real samples (1 = off). */
  realLabel: number;
  /** Discriminator steps per generator step. */
  dSteps: number;
  batchSize: number;
  seed: number;
}

export const DIGIT_LIMITS = {
  latentSize: { min: 2, max: 128 },
  /** Per architecture: a DCGAN's width costs far more per unit than an MLP's. */
  width: { mlp: { min: 4, max: 512 }, dcgan: { min: 4, max: 64 } },
  batchSize: { min: 1, max: 256 },
  learningRate: GAN_LIMITS.learningRate,
  momentum: GAN_LIMITS.momentum,
  beta: GAN_LIMITS.beta,
  gpWeight: GAN_LIMITS.gpWeight,
  realLabel: GAN_LIMITS.realLabel,
  dSteps: GAN_LIMITS.dSteps,
  seed: GAN_LIMITS.seed,
} as const;

/**
 * Default widths, sized for TF.js's wasm backend on one core at batch 64 (see the speed
 * probe): the MLP runs ~30 steps/s, the DCGAN ~15–25 (transposed) or ~10–17 (resize).
 */
export const DEFAULT_WIDTH: Record<DigitArchitecture, number> = { mlp: 128, dcgan: 16 };

export function defaultDigitNetwork(overrides: Partial<DigitNetworkSettings> = {}): DigitNetworkSettings {
  // Adam with β1 = 0.5 is the DCGAN recipe; 1e-3 (rather than the usual 2e-4) learns fastest in a two-minute run.
  return { width: DEFAULT_WIDTH.mlp, optimizer: 'adam', learningRate: 1e-3, momentum: 0.9, beta1: 0.5, beta2: 0.999, ...overrides };
}

/**
 * The default is the MLP pair: on wasm it makes twice the steps per second of the
 * smallest useful DCGAN and reached the highest Inception Score after two minutes
 * of training from scratch. One-sided label smoothing (0.9) helped it further.
 */
export const DEFAULT_DIGIT_SETTINGS: DigitGanSettings = {
  architecture: 'mlp',
  upsampling: 'transposed',
  conditional: false,
  classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  latentSize: 64,
  generator: defaultDigitNetwork(),
  discriminator: defaultDigitNetwork(),
  loss: 'nonSaturating',
  gpWeight: 10,
  realLabel: 0.9,
  dSteps: 1,
  batchSize: 64,
  seed: 1,
};

export function cloneDigitSettings(s: DigitGanSettings): DigitGanSettings {
  return { ...s, classes: [...s.classes], generator: { ...s.generator }, discriminator: { ...s.discriminator } };
}

/** Problems with a settings object, each naming the field; empty when valid. */
export function digitSettingsProblems(s: DigitGanSettings): string[] {
  const problems: string[] = [];
  const inRange = (name: string, v: number, lim: { min: number; max: number }, integer = false) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${name} must be a number`);
    else if (v < lim.min || v > lim.max) problems.push(`${name} must be between ${lim.min} and ${lim.max}`);
    else if (integer && !Number.isInteger(v)) problems.push(`${name} must be a whole number`);
  };
  const oneOf = (name: string, v: unknown, options: readonly string[]) => {
    if (!options.includes(v as string)) problems.push(`${name} must be one of ${options.join(', ')}`);
  };
  oneOf('architecture', s.architecture, DIGIT_ARCHITECTURES);
  oneOf('upsampling', s.upsampling, UPSAMPLINGS);
  if (typeof s.conditional !== 'boolean') problems.push('conditional must be true or false');
  if (!Array.isArray(s.classes) || s.classes.length === 0) {
    problems.push('classes must list at least one digit');
  } else {
    if (s.classes.some((c) => !Number.isInteger(c) || c < 0 || c >= CLASS_COUNT)) problems.push(`classes must be digits 0 to ${CLASS_COUNT - 1}`);
    if (new Set(s.classes).size !== s.classes.length) problems.push('classes must not repeat a digit');
  }
  inRange('latentSize', s.latentSize, DIGIT_LIMITS.latentSize, true);
  for (const [prefix, net] of [['generator', s.generator], ['discriminator', s.discriminator]] as const) {
    if (!net || typeof net !== 'object') {
      problems.push(`${prefix} must be an object`);
      continue;
    }
    const widths = DIGIT_LIMITS.width[s.architecture === 'dcgan' ? 'dcgan' : 'mlp'];
    inRange(`${prefix}.width`, net.width, widths, true);
    oneOf(`${prefix}.optimizer`, net.optimizer, OPTIMIZER_KINDS);
    inRange(`${prefix}.learningRate`, net.learningRate, DIGIT_LIMITS.learningRate);
    inRange(`${prefix}.momentum`, net.momentum, DIGIT_LIMITS.momentum);
    inRange(`${prefix}.beta1`, net.beta1, DIGIT_LIMITS.beta);
    inRange(`${prefix}.beta2`, net.beta2, DIGIT_LIMITS.beta);
  }
  oneOf('loss', s.loss, LOSS_KINDS);
  inRange('gpWeight', s.gpWeight, DIGIT_LIMITS.gpWeight);
  inRange('realLabel', s.realLabel, DIGIT_LIMITS.realLabel);
  inRange('dSteps', s.dSteps, DIGIT_LIMITS.dSteps, true);
  inRange('batchSize', s.batchSize, DIGIT_LIMITS.batchSize, true);
  inRange('seed', s.seed, DIGIT_LIMITS.seed, true);
  return problems;
}
