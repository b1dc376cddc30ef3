/**
 * Every knob of the face-swap lab, its default and its allowed range.
 *
 * The lab trains two autoencoders that share one encoder (the classic
 * face-swap deepfake) on two identities: two invented cartoon characters, or
 * thin-stroke and thick-stroke MNIST digits. `encoder: 'separate'` gives each
 * autoencoder its own encoder instead, the comparison in which swapping fails.
 */
import { identityOrThrow, TOY_FACE_IDS } from '../toyfaces/toyFaceIdentities';
import { SettingsProblems, throwIfProblems } from '../shared/settingsProblems';

export const SWAP_DATASETS = ['toyFaces', 'digitStyles'] as const;
export type SwapDatasetKind = (typeof SWAP_DATASETS)[number];

export const ENCODER_MODES = ['shared', 'separate'] as const;
export type EncoderMode = (typeof ENCODER_MODES)[number];

/**
 * How the two reconstruction losses are trained: 'joint' takes one optimizer step on the
 * sum of both (one pass through the shared encoder with A's and B's images stacked);
 * 'alternate' takes a step on A's batch (encoder + decoder A), then one on B's
 * (encoder + decoder B), each with its own optimizer, as the original deepfakes script did.
 */
export const SCHEDULES = ['joint', 'alternate'] as const;
export type Schedule = (typeof SCHEDULES)[number];

/** MNIST digits are 28×28; the lab pads them to 32×32 so both datasets share one network shape. */
export const DIGIT_STYLE_IMAGE_SIZE = 32;
/** The encoder halves the image three times, so a side must be a multiple of 8. */
export const IMAGE_SIZE_STEP = 8;

export interface FaceSwapSettings {
  dataset: SwapDatasetKind;
  /** Toy faces only: the two characters (ids from toyFaceIdentities.ts), A's expression goes onto B. */
  identityA: string;
  identityB: string;
  /** Toy faces only: RGB pictures, or their luminance. Digits are always grey. */
  colour: boolean;
  /** Side of the square pictures; digit styles are always 32 (28 padded). */
  imageSize: number;
  encoder: EncoderMode;
  latentSize: number;
  /** Channels of the first convolution; the next two have 2× and 4× as many, and the decoders mirror them. */
  width: number;
  /** Images per identity per step. */
  batchSize: number;
  schedule: Schedule;
  /** Adam. */
  learningRate: number;
  beta1: number;
  beta2: number;
  /** Weight of the structural-similarity term (1 − SSIM)/2 added to the mean squared error; 0 = MSE only. */
  ssimWeight: number;
  /**
   * Extra loss weight where the content shows (the face-swap tools' "eyes and mouth priority"):
   * the squared error counts 1 + this much on a toy face's eyes, brows and mouth and on a
   * digit's strokes; 0 = every pixel alike.
   */
  featurePriority: number;
  /** Random warp of the encoder's input (the target stays unwarped). */
  warp: boolean;
  /** Largest control-point displacement, as a fraction of the image side. */
  warpStrength: number;
  /** Control points per side of the warp grid. */
  warpGrid: number;
  seed: number;
}

export const SWAP_LIMITS = {
  imageSize: { min: 16, max: 64 },
  latentSize: { min: 2, max: 256 },
  width: { min: 4, max: 64 },
  batchSize: { min: 1, max: 128 },
  learningRate: { min: 1e-5, max: 0.05 },
  beta: { min: 0, max: 0.9999 },
  ssimWeight: { min: 0, max: 10 },
  featurePriority: { min: 0, max: 50 },
  warpStrength: { min: 0, max: 0.2 },
  warpGrid: { min: 3, max: 9 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

/**
 * Defaults sized for TF.js's wasm backend on one core of this 2-core machine (measured with
 * tests/bench/faceSwapRates.ts): width 12 runs ~19 steps/s (width 16: ~13, width 8: ~27), and
 * at equal time it swapped best: after a minute (~1,100 steps) the toy-face swaps are all
 * called B and carry about 70% of A's expression and pose (faceSwapQuality.test.ts measures it).
 * Colour costs nothing measurable over greyscale (only the first and last layers see the
 * channels), so the faces are in colour. Adam at 8e-3 learned fastest of 2e-3…8e-3; the
 * decoders' linear output keeps that stable. Eyes-and-mouth priority 4 nearly halved the
 * expression error left after a minute on the seed where it was worst.
 */
export const DEFAULT_FACE_SWAP_SETTINGS: FaceSwapSettings = {
  dataset: 'toyFaces',
  identityA: 'juno',
  identityB: 'orbo',
  colour: true,
  imageSize: 32,
  encoder: 'shared',
  latentSize: 32,
  width: 12,
  batchSize: 16,
  schedule: 'joint',
  learningRate: 8e-3,
  beta1: 0.9,
  beta2: 0.999,
  ssimWeight: 0,
  featurePriority: 4,
  warp: true,
  warpStrength: 0.05,
  warpGrid: 5,
  seed: 1,
};

export function cloneSwapSettings(s: FaceSwapSettings): FaceSwapSettings {
  return { ...s };
}

/** Colour channels of the pictures the settings describe. */
export function channelsOf(s: Pick<FaceSwapSettings, 'dataset' | 'colour'>): 1 | 3 {
  return s.dataset === 'toyFaces' && s.colour ? 3 : 1;
}

/** Problems with a settings object, each naming the field; empty when valid. */
export function swapSettingsProblems(s: FaceSwapSettings): string[] {
  const p = new SettingsProblems();
  p.oneOf('dataset', s.dataset, SWAP_DATASETS);
  if (s.dataset === 'toyFaces') {
    for (const [name, id] of [['identityA', s.identityA], ['identityB', s.identityB]] as const) {
      try {
        identityOrThrow(id);
      } catch {
        p.add(`${name} must be one of ${TOY_FACE_IDS.join(', ')}`);
      }
    }
    if (s.identityA === s.identityB) p.add('identityA and identityB must be different characters');
  }
  p.flag('colour', s.colour);
  p.number('imageSize', s.imageSize, SWAP_LIMITS.imageSize, true);
  if (Number.isInteger(s.imageSize) && s.imageSize % IMAGE_SIZE_STEP !== 0) p.add(`imageSize must be a multiple of ${IMAGE_SIZE_STEP}`);
  if (s.dataset === 'digitStyles' && s.imageSize !== DIGIT_STYLE_IMAGE_SIZE) p.add(`imageSize must be ${DIGIT_STYLE_IMAGE_SIZE} for digit styles`);
  p.oneOf('encoder', s.encoder, ENCODER_MODES);
  p.number('latentSize', s.latentSize, SWAP_LIMITS.latentSize, true);
  p.number('width', s.width, SWAP_LIMITS.width, true);
  p.number('batchSize', s.batchSize, SWAP_LIMITS.batchSize, true);
  p.oneOf('schedule', s.schedule, SCHEDULES);
  p.number('learningRate', s.learningRate, SWAP_LIMITS.learningRate);
  p.number('beta1', s.beta1, SWAP_LIMITS.beta);
  p.number('beta2', s.beta2, SWAP_LIMITS.beta);
  p.number('ssimWeight', s.ssimWeight, SWAP_LIMITS.ssimWeight);
  p.number('featurePriority', s.featurePriority, SWAP_LIMITS.featurePriority);
  p.flag('warp', s.warp);
  p.number('warpStrength', s.warpStrength, SWAP_LIMITS.warpStrength);
  p.number('warpGrid', s.warpGrid, SWAP_LIMITS.warpGrid, true);
  p.number('seed', s.seed, SWAP_LIMITS.seed, true);
  return p.list;
}

export function checkSwapSettings(s: FaceSwapSettings): void {
  throwIfProblems('face-swap settings', swapSettingsProblems(s));
}
