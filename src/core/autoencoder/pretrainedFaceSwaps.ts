/**
 * The pretrained face-swap models the app ships (models/faceSwap-<id>.weights,
 * written by `npm run train:faceswap`): what each is called, in which file, and
 * the exact settings it was trained with. The lab may change the settings that
 * do not decide the networks' shapes (swapCheckpointMismatch) and keep training.
 *
 * Pure data (no TF.js): the page imports it to list the choices, the worker and
 * the training script to find the files, and tests check each file against it.
 */
import { cloneSwapSettings, type FaceSwapSettings } from './faceSwapSettings';

export const PRETRAINED_FACE_SWAP_IDS = ['toy-faces', 'toy-faces-separate', 'digit-styles'] as const;
export type PretrainedFaceSwapId = (typeof PRETRAINED_FACE_SWAP_IDS)[number];

export interface PretrainedFaceSwap {
  id: PretrainedFaceSwapId;
  /** File name under models/. */
  file: string;
  label: string;
  /** One sentence beside the choice. */
  help: string;
  /** The settings it was trained with (the file holds them too; tests check they agree). */
  settings: FaceSwapSettings;
}

/**
 * Every field spelled out (nothing taken from DEFAULT_FACE_SWAP_SETTINGS), so a later
 * change to the lab's defaults cannot drift from what the files were trained with.
 * Wider than the lab's default (width 16): these train for minutes offline. The digit
 * styles use a strong warp (0.12): it makes a stroke's width an unreliable cue, so the
 * shared code stops carrying it and B's decoder draws thick strokes from thin digits
 * (warp 0.05 left ~30–60% of thin→thick swaps thin; 0.09 ~74%; 0.12 ~88%, at some cost
 * to the digit kept), and SSIM (weight 1) keeps the swapped strokes solid rather than faint.
 */
const TOY_FACES: FaceSwapSettings = {
  dataset: 'toyFaces',
  identityA: 'juno',
  identityB: 'orbo',
  colour: true,
  imageSize: 32,
  encoder: 'shared',
  latentSize: 64,
  width: 16,
  batchSize: 16,
  schedule: 'joint',
  learningRate: 4e-3,
  beta1: 0.9,
  beta2: 0.999,
  ssimWeight: 0,
  featurePriority: 4,
  warp: true,
  warpStrength: 0.05,
  warpGrid: 5,
  seed: 1,
};

export const PRETRAINED_FACE_SWAPS: readonly PretrainedFaceSwap[] = [
  {
    id: 'toy-faces',
    file: 'faceSwap-toy-faces.weights',
    label: 'Pretrained: Juno → Orbo',
    help: "One shared encoder, two decoders, already trained: Juno's expression and pose drawn on Orbo's face.",
    settings: TOY_FACES,
  },
  {
    id: 'toy-faces-separate',
    file: 'faceSwap-toy-faces-separate.weights',
    label: 'Pretrained: Juno → Orbo, separate encoders',
    help: "The same, but each decoder has its own encoder: both reconstruct well, yet the swap fails, because Orbo's decoder cannot read Juno's code.",
    settings: { ...TOY_FACES, encoder: 'separate' },
  },
  {
    id: 'digit-styles',
    file: 'faceSwap-digit-styles.weights',
    label: 'Pretrained: thin → thick digits',
    help: 'One shared encoder, two decoders, already trained: thin-stroke digits redrawn in thick strokes, keeping the digit and its slant.',
    settings: {
      dataset: 'digitStyles',
      identityA: 'juno',
      identityB: 'orbo',
      colour: false,
      imageSize: 32,
      encoder: 'shared',
      latentSize: 32,
      width: 16,
      batchSize: 16,
      schedule: 'joint',
      learningRate: 8e-3,
      beta1: 0.9,
      beta2: 0.999,
      ssimWeight: 1,
      featurePriority: 4,
      warp: true,
      warpStrength: 0.12,
      warpGrid: 5,
      seed: 1,
    },
  },
];

export function findPretrainedFaceSwap(id: string): PretrainedFaceSwap | undefined {
  return PRETRAINED_FACE_SWAPS.find((m) => m.id === id);
}

/** A copy of a pretrained model's settings, safe to edit. */
export function pretrainedFaceSwapSettings(id: PretrainedFaceSwapId): FaceSwapSettings {
  return cloneSwapSettings(findPretrainedFaceSwap(id)!.settings);
}
