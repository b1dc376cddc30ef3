/**
 * The face-swap lab's set-up as a shareable link, and back: the settings being trained and
 * where training started (core/faceswap/faceSwapSettingsLink.ts), with the page's start
 * choices (the pretrained models this build ships). A loaded model file cannot travel in a link.
 */
import type { FaceSwapSettings } from '../../core/autoencoder/faceSwapSettings';
import { SWAP_SCRATCH_START, decodeSwapLink, encodeSwapLink, type SwapLinkStarts } from '../../core/faceswap/faceSwapSettingsLink';
import { hashFor } from '../shared/hashRoute';
import { DEFAULT_SWAP_START, SCRATCH_START, SWAP_START_CHOICES, type SwapStartChoice } from './swapStartChoices';

export const SWAP_LAB_PATH = '/faceswap';

const STARTS: SwapLinkStarts = {
  pretrainedIds: SWAP_START_CHOICES.filter((c) => c.request.kind === 'pretrained').map((c) => c.id),
  defaultStart: DEFAULT_SWAP_START.id,
};

export interface SwapLinkState {
  settings: FaceSwapSettings;
  start: SwapStartChoice;
  /** Plain-English notices about parameters that were ignored or replaced, each naming its parameter. */
  notices: string[];
}

export function readSwapLink(query: string): SwapLinkState {
  const decoded = decodeSwapLink(query, STARTS);
  const start = SWAP_START_CHOICES.find((c) => c.id === decoded.start) ?? SCRATCH_START;
  return { settings: decoded.settings, start, notices: decoded.problems.map((p) => p.message) };
}

/** The start a link can name: a shipped model by id; a model file opens as a run from scratch. */
function linkStart(start: SwapStartChoice): string {
  return start.request.kind === 'pretrained' ? start.request.id : SWAP_SCRATCH_START;
}

/** The hash (with `#`) that reproduces this set-up. */
export function swapLinkHash(settings: FaceSwapSettings, start: SwapStartChoice): string {
  return hashFor(SWAP_LAB_PATH, encodeSwapLink({ settings, start: linkStart(start) }, STARTS));
}

/** What the link leaves out of this set-up, for the share box; null when it carries everything. */
export function swapLinkLeftOut(start: SwapStartChoice): string | null {
  if (start.request.kind !== 'file') return null;
  return `The model file "${start.request.name}" is not part of the link: it opens these settings from scratch. To share the trained weights, use "Save this model" and send the file.`;
}
