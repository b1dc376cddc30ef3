/**
 * Where a run starts: from random weights, or from one of the pretrained
 * face-swap models this build ships (shippedFaceSwapFiles.ts). The default is
 * the pretrained toy-face swap when it ships, so a lecturer sees a working
 * swap the moment the page opens; from scratch otherwise.
 */
import type { FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import { SHIPPED_PRETRAINED } from './shippedFaceSwapFiles';

export interface SwapStartChoice {
  id: string;
  label: string;
  /** One sentence beside the choice. */
  help: string;
  /** The pretrained model the worker should load, or null for fresh weights from the seed. */
  pretrained: string | null;
  /** The settings a pretrained model was trained with: choosing it puts them in the controls. */
  settings?: FaceSwapSettings;
}

export const SCRATCH_START: SwapStartChoice = {
  id: 'scratch',
  label: 'From scratch',
  help: 'Random weights from the seed: the decoders first draw grey mush, and faces appear within a minute of training.',
  pretrained: null,
};

export const SWAP_START_CHOICES: readonly SwapStartChoice[] = [
  SCRATCH_START,
  ...SHIPPED_PRETRAINED.map((m) => ({ id: m.id, label: m.label, help: m.help, pretrained: m.id, settings: m.settings })),
];

export const DEFAULT_SWAP_START: SwapStartChoice = SWAP_START_CHOICES.find((c) => c.id === 'toy-faces') ?? SCRATCH_START;

export function findSwapStart(id: string): SwapStartChoice {
  return SWAP_START_CHOICES.find((c) => c.id === id) ?? SCRATCH_START;
}
