/**
 * Where a face-swap run starts: from random weights, or from one of the pretrained
 * face-swap models this build ships (shippedFaceSwapFiles.ts). The default is
 * the pretrained toy-face swap when it ships, so a lecturer sees a working
 * swap the moment the page opens; from scratch otherwise.
 */
import type { FaceSwapSettings } from '../../core/autoencoder/faceSwapSettings';
import { SHIPPED_PRETRAINED } from '../../protocol/faceswap/shippedFaceSwapFiles';
import { scratchChoice, type StartChoice } from '../shared/startChoices';

export type SwapStartChoice = StartChoice<FaceSwapSettings>;

export const SCRATCH_START: SwapStartChoice = scratchChoice(
  'Random weights from the seed: the decoders first draw grey mush, and faces appear within a minute of training.',
);

export const SWAP_START_CHOICES: readonly SwapStartChoice[] = [
  SCRATCH_START,
  ...SHIPPED_PRETRAINED.map((m): SwapStartChoice => ({ id: m.id, label: m.label, help: m.help, request: { kind: 'pretrained', id: m.id }, settings: m.settings })),
];

export const DEFAULT_SWAP_START: SwapStartChoice = SWAP_START_CHOICES.find((c) => c.id === 'toy-faces') ?? SCRATCH_START;
