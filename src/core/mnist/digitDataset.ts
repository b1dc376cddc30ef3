/**
 * The digits as the labs use them: a fixed train / held-out split, optional
 * restriction to chosen classes, and seeded batches of floats.
 *
 * Pixel convention: the labs work in [-1, 1] (paper −1, ink +1), matching a
 * generator's tanh output, and the digit classifier takes that range too.
 * `unit` ([0, 1]) is available for displays that want it.
 */
import { SeededRandom } from '../shared/seededRandom';
import * as tf from '../shared/tf';
import { DIGIT_CLASSES, type DigitSet } from './digitAsset';

/**
 * The split rule: within each class, taking the digits in file order, the last
 * round(15%) are held out and the rest are for training. It depends on nothing
 * but the file, so every run, tool and test sees the same split.
 */
export const HELD_OUT_FRACTION = 0.15;

export type PixelRange = 'signed' | 'unit';

export function classCounts(set: DigitSet): number[] {
  const counts = new Array<number>(DIGIT_CLASSES).fill(0);
  for (const l of set.labels) counts[l]++;
  return counts;
}

/** Indices (into the set) of the training and held-out digits, each in file order. */
export function splitIndices(set: DigitSet): { train: Int32Array; heldOut: Int32Array } {
  const counts = classCounts(set);
  const firstHeldOut = counts.map((n) => n - Math.round(n * HELD_OUT_FRACTION));
  const seen = new Array<number>(DIGIT_CLASSES).fill(0);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (let i = 0; i < set.count; i++) {
    const l = set.labels[i];
    (seen[l]++ < firstHeldOut[l] ? train : heldOut).push(i);
  }
  return { train: Int32Array.from(train), heldOut: Int32Array.from(heldOut) };
}

/** A new set holding the given digits, in the given order. */
export function pickDigits(set: DigitSet, indices: ArrayLike<number>): DigitSet {
  const size = set.rows * set.cols;
  const labels = new Uint8Array(indices.length);
  const pixels = new Uint8Array(indices.length * size);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= set.count) throw new RangeError(`Digit index ${i} is outside 0–${set.count - 1}.`);
    labels[k] = set.labels[i];
    pixels.set(set.pixels.subarray(i * size, (i + 1) * size), k * size);
  }
  return { count: indices.length, rows: set.rows, cols: set.cols, labels, pixels };
}

export function splitDigits(set: DigitSet): { train: DigitSet; heldOut: DigitSet } {
  const { train, heldOut } = splitIndices(set);
  return { train: pickDigits(set, train), heldOut: pickDigits(set, heldOut) };
}

/** Only the digits of the chosen classes (e.g. [3] to forge only threes); refuses a choice that leaves nothing. */
export function onlyClasses(set: DigitSet, classes: readonly number[]): DigitSet {
  const wanted = new Set(classes);
  if (wanted.size === 0) throw new RangeError('Choose at least one digit class to train on.');
  for (const c of wanted) {
    if (!Number.isInteger(c) || c < 0 || c >= DIGIT_CLASSES) throw new RangeError(`Digit class ${c} does not exist; classes are 0–9.`);
  }
  const indices: number[] = [];
  for (let i = 0; i < set.count; i++) if (wanted.has(set.labels[i])) indices.push(i);
  if (indices.length === 0) throw new RangeError(`There are no digits of class ${[...wanted].join(', ')} in this set.`);
  return pickDigits(set, indices);
}

/** Writes `count` digits starting at `first` as floats in the chosen range. */
export function digitsToFloats(set: DigitSet, first: number, count: number, range: PixelRange = 'signed', out?: Float32Array): Float32Array {
  const size = set.rows * set.cols;
  const floats = out ?? new Float32Array(count * size);
  const src = set.pixels.subarray(first * size, (first + count) * size);
  const [scale, offset] = range === 'signed' ? [2 / 255, -1] : [1 / 255, 0];
  for (let p = 0; p < src.length; p++) floats[p] = src[p] * scale + offset;
  return floats;
}

/** Images as a [n, rows, cols, 1] tensor, the layout the networks take. */
export function imagesTensor(images: Float32Array, rows: number, cols: number): tf.Tensor4D {
  return tf.tensor4d(images, [images.length / (rows * cols), rows, cols, 1]);
}

export interface DigitBatch {
  /** batchSize·rows·cols floats in the sampler's range. */
  images: Float32Array;
  labels: Uint8Array;
}

/**
 * Seeded batches: each pass visits every digit once in a fresh shuffled order
 * (epochs), so small sets are covered evenly; the same seed gives the same batches.
 */
export class DigitSampler {
  private readonly order: Int32Array;
  private position: number;
  private readonly rng: SeededRandom;
  /** Completed passes over the set. */
  epochs = 0;

  constructor(
    readonly set: DigitSet,
    seed: number,
    readonly range: PixelRange = 'signed',
  ) {
    this.rng = new SeededRandom(seed);
    this.order = Int32Array.from({ length: set.count }, (_, i) => i);
    this.position = -1; // shuffle on first use
  }

  private reshuffle(): void {
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const t = this.order[i];
      this.order[i] = this.order[j];
      this.order[j] = t;
    }
    this.position = 0;
  }

  /** The next batchSize digit indices, crossing into a new shuffled pass when one runs out. */
  nextIndices(batchSize: number): Int32Array {
    const picked = new Int32Array(batchSize);
    for (let k = 0; k < batchSize; k++) {
      if (this.position < 0 || this.position >= this.order.length) {
        if (this.position >= 0) this.epochs++;
        this.reshuffle();
      }
      picked[k] = this.order[this.position++];
    }
    return picked;
  }

  nextBatch(batchSize: number): DigitBatch {
    const size = this.set.rows * this.set.cols;
    const indices = this.nextIndices(batchSize);
    const images = new Float32Array(batchSize * size);
    const labels = new Uint8Array(batchSize);
    indices.forEach((i, k) => {
      digitsToFloats(this.set, i, 1, this.range, images.subarray(k * size, (k + 1) * size));
      labels[k] = this.set.labels[i];
    });
    return { images, labels };
  }
}
