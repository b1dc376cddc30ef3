/**
 * The digit forger's set-up as a shareable link, and back: the settings being trained,
 * where training started and whether the grid shows D's scores (core/digits/digitSettingsLink.ts),
 * with the page's start choices. A loaded model file cannot travel in a link.
 */
import type { DigitGanSettings } from '../../core/mnist/digitGanSettings';
import { DIGIT_SCRATCH_START, decodeDigitLink, encodeDigitLink } from '../../core/digits/digitSettingsLink';
import { hashFor } from '../shared/hashRoute';
import { DEFAULT_START, START_CHOICES, type DigitStartChoice } from './startChoices';

export const DIGIT_LAB_PATH = '/digits';

export interface DigitLinkState {
  settings: DigitGanSettings;
  start: DigitStartChoice;
  showScores: boolean;
  /** Plain-English notices about parameters that were ignored or replaced, each naming its parameter. */
  notices: string[];
}

export function readDigitLink(query: string): DigitLinkState {
  const decoded = decodeDigitLink(query);
  const start = START_CHOICES.find((c) => c.id === decoded.start) ?? DEFAULT_START;
  return { settings: decoded.settings, start, showScores: decoded.showScores, notices: decoded.problems.map((p) => p.message) };
}

/** The start a link can name: a shipped model by id; a model file opens as a run from scratch. */
function linkStart(start: DigitStartChoice): string {
  return start.request.kind === 'pretrained' ? start.request.id : DIGIT_SCRATCH_START;
}

/** The hash (with `#`) that reproduces this set-up. */
export function digitLinkHash(settings: DigitGanSettings, start: DigitStartChoice, showScores: boolean): string {
  return hashFor(DIGIT_LAB_PATH, encodeDigitLink({ settings, start: linkStart(start), showScores }));
}

/** What the link leaves out of this set-up, for the share box; null when it carries everything. */
export function digitLinkLeftOut(start: DigitStartChoice): string | null {
  if (start.request.kind !== 'file') return null;
  return `The model file "${start.request.name}" is not part of the link: it opens these settings from scratch. To share the trained weights, use "Save this model" and send the file.`;
}
