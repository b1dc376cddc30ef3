/**
 * The pictures the provenance lab signs: real output of one of the app's generative models.
 * The digit forger's pretrained conditional DCGAN file (models/digitGan-dcgan-conditional.weights)
 * keeps a timeline of its fixed-noise grid; the last snapshot is 64 digits the trained generator
 * drew, each asked for a known digit. Only the weights bundle is read (no TF.js): the
 * `timeline/pixels` tensor, the grid's classes and the settings' seed.
 */
import { decodeWeightsBundle } from '../shared/weightsBundle';

/** Must equal DIGIT_CHECKPOINT_FORMAT in core/mnist/digitCheckpoint.ts (a test checks it). */
export const DIGIT_CHECKPOINT_FORMAT = 'deepfake-lab/digit-gan@1';
export const TIMELINE_PIXELS = 'timeline/pixels';
export const DIGIT_SIDE = 28;

export interface ForgedDigit {
  /** 28·28 grey levels, 0 (paper) … 255 (ink). */
  pixels: Uint8Array;
  /** Which cell of the fixed-noise grid. */
  cell: number;
  /** The digit the generator was asked for (null for an unconditional model). */
  digit: number | null;
}

export interface ForgedDigitSet {
  digits: ForgedDigit[];
  /** Generator steps when the grid was drawn. */
  step: number;
  /** The seed of the generator's fixed noise. */
  seed: number;
}

export function readForgedDigits(bytes: Uint8Array): ForgedDigitSet {
  const bundle = decodeWeightsBundle(bytes, DIGIT_CHECKPOINT_FORMAT);
  const timeline = bundle.metadata.timeline as { steps?: unknown; labels?: unknown; gridCount?: unknown } | undefined;
  const settings = bundle.metadata.settings as { seed?: unknown } | undefined;
  const pixels = bundle.weights.find((w) => w.name === TIMELINE_PIXELS);
  if (!timeline || !Array.isArray(timeline.steps) || !pixels) throw new Error('The model file has no timeline of drawn digits.');
  const [snapshots, gridCount, rows, cols] = pixels.shape;
  if (rows !== DIGIT_SIDE || cols !== DIGIT_SIDE || snapshots !== timeline.steps.length) throw new Error('The model file\'s timeline pictures are not 28×28 digits.');
  const labels = Array.isArray(timeline.labels) ? (timeline.labels as number[]) : null;
  const size = DIGIT_SIDE * DIGIT_SIDE;
  const last = (snapshots - 1) * gridCount * size;
  const digits: ForgedDigit[] = [];
  for (let cell = 0; cell < gridCount; cell++) {
    const out = new Uint8Array(size);
    for (let p = 0; p < size; p++) out[p] = Math.round(pixels.data[last + cell * size + p]);
    digits.push({ pixels: out, cell, digit: labels ? labels[cell] : null });
  }
  return { digits, step: Number(timeline.steps[snapshots - 1]), seed: typeof settings?.seed === 'number' ? settings.seed : 0 };
}
