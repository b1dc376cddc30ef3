/**
 * Every knob of the digit forger (a GAN on 28×28 digits), its default and its
 * allowed range. Losses, optimizer kinds and their limits come from
 * core/shared/ganOptions.ts, so both GAN labs speak the same vocabulary.
 */
import { GAN_OPTION_LIMITS as GAN_LIMITS, objectiveProblems, optimizerProblems, type LossKind, type OptimizerSettings } from '../shared/ganOptions';
import { SettingsProblems } from '../shared/settingsProblems';

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
  const p = new SettingsProblems();
  p.oneOf('architecture', s.architecture, DIGIT_ARCHITECTURES);
  p.oneOf('upsampling', s.upsampling, UPSAMPLINGS);
  p.flag('conditional', s.conditional);
  if (!Array.isArray(s.classes) || s.classes.length === 0) {
    p.add('classes must list at least one digit');
  } else {
    if (s.classes.some((c) => !Number.isInteger(c) || c < 0 || c >= CLASS_COUNT)) p.add(`classes must be digits 0 to ${CLASS_COUNT - 1}`);
    if (new Set(s.classes).size !== s.classes.length) p.add('classes must not repeat a digit');
  }
  p.number('latentSize', s.latentSize, DIGIT_LIMITS.latentSize, true);
  for (const [prefix, net] of [['generator', s.generator], ['discriminator', s.discriminator]] as const) {
    if (!net || typeof net !== 'object') {
      p.add(`${prefix} must be an object`);
      continue;
    }
    const widths = DIGIT_LIMITS.width[s.architecture === 'dcgan' ? 'dcgan' : 'mlp'];
    p.number(`${prefix}.width`, net.width, widths, true);
    optimizerProblems(p, prefix, net);
  }
  objectiveProblems(p, s);
  p.number('batchSize', s.batchSize, DIGIT_LIMITS.batchSize, true);
  p.number('seed', s.seed, DIGIT_LIMITS.seed, true);
  return p.list;
}
