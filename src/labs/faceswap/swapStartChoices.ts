/**
 * Where a run starts: from random weights, or from one of the pretrained
 * face-swap models this build ships (shippedFaceSwapFiles.ts). The default is
 * the pretrained toy-face swap when it ships, so a lecturer sees a working
 * swap the moment the page opens; from scratch otherwise.
 */
import type { FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import { SHIPPED_PRETRAINED } from '../../protocol/faceswap/shippedFaceSwapFiles';

export interface SwapStartChoice {
  id: string;
  label: string;
  /** One sentence beside the choice. */
  help: string;
  /** The pretrained model the worker should load, or null for fresh weights from the seed. */
  pretrained: string | null;
  /** The settings a pretrained model was trained with: choosing it puts them in the controls. */
  settings?: FaceSwapSettings;
  /** A model file the learner loaded (it starts from the file's weights instead). */
  file?: Uint8Array;
}

/** The start a loaded model file gives: Reset goes back to the file's weights. */
export function fileStart(name: string, bytes: Uint8Array, settings: FaceSwapSettings): SwapStartChoice {
  return {
    id: 'file',
    label: `From the file "${name}"`,
    help: 'A model saved from this lab: training goes on from its weights, and Reset goes back to them.',
    pretrained: null,
    settings,
    file: bytes,
  };
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

export function findSwapStart(id: string, choices: readonly SwapStartChoice[] = SWAP_START_CHOICES): SwapStartChoice {
  return choices.find((c) => c.id === id) ?? SCRATCH_START;
}
