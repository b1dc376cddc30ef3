/**
 * A labelled set of pictures for a detector: real pictures (label 0) and fakes (label 1),
 * all of one size, row-major, one channel. The detection lab uses the labs' pixel
 * convention, [-1, 1] (paper −1, ink +1), the range of the digit dataset and of every
 * generator's tanh output; any finite values are accepted, but train and judge a detector
 * on pictures in one range.
 */
import { SeededRandom } from '../shared/seededRandom';

export const REAL = 0;
export const FAKE = 1;

export interface DetectionSet {
  count: number;
  height: number;
  width: number;
  /** count·height·width values, picture after picture. */
  images: Float32Array;
  /** 1 = fake, 0 = real, one per picture. */
  labels: Uint8Array;
}

/** Throws a specific message when the set is malformed (sizes, labels, non-finite pixels). */
export function checkDetectionSet(set: DetectionSet, what = 'The picture set'): void {
  const { count, height, width, images, labels } = set;
  for (const [name, v] of [['height', height], ['width', width]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${what}: the ${name} must be a whole number of pixels, at least 1, not ${v}.`);
  }
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`${what} is empty; it needs at least one picture.`);
  if (images.length !== count * height * width) throw new RangeError(`${what}: ${count} pictures of ${height}×${width} need ${count * height * width} values, not ${images.length}.`);
  if (labels.length !== count) throw new RangeError(`${what}: ${count} pictures need ${count} labels, not ${labels.length}.`);
  for (let i = 0; i < count; i++) if (labels[i] !== REAL && labels[i] !== FAKE) throw new RangeError(`${what}: label ${i} is ${labels[i]}; labels are 1 (fake) or 0 (real).`);
  for (let i = 0; i < images.length; i++) {
    if (!Number.isFinite(images[i])) throw new RangeError(`${what}: pixel ${i % (height * width)} of picture ${Math.floor(i / (height * width))} is not a finite number.`);
  }
}

/** Real pictures (label 0) followed by fakes (label 1). */
export function labelledSet(real: Float32Array, fake: Float32Array, height: number, width: number): DetectionSet {
  const size = height * width;
  if (!(size > 0) || real.length % size !== 0 || fake.length % size !== 0) {
    throw new RangeError(`Real (${real.length} values) and fake (${fake.length} values) pictures must each be whole ${height}×${width} pictures.`);
  }
  const nReal = real.length / size;
  const nFake = fake.length / size;
  const images = new Float32Array(real.length + fake.length);
  images.set(real);
  images.set(fake, real.length);
  const labels = new Uint8Array(nReal + nFake).fill(FAKE, nReal);
  const set = { count: nReal + nFake, height, width, images, labels };
  checkDetectionSet(set);
  return set;
}

/** The pictures at the given indices, in that order. */
export function pickPictures(set: DetectionSet, indices: ArrayLike<number>): DetectionSet {
  const size = set.height * set.width;
  const images = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= set.count) throw new RangeError(`Picture ${i} is outside 0–${set.count - 1}.`);
    images.set(set.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = set.labels[i];
  }
  return { count: indices.length, height: set.height, width: set.width, images, labels };
}

/** A seeded shuffle split: `heldOutFraction` of each label's pictures held out, the rest for training. */
export function splitDetectionSet(set: DetectionSet, heldOutFraction: number, seed: number): { train: DetectionSet; heldOut: DetectionSet } {
  checkDetectionSet(set);
  if (!(heldOutFraction > 0 && heldOutFraction < 1)) throw new RangeError(`The held-out fraction must be between 0 and 1 (exclusive), not ${heldOutFraction}.`);
  const rng = new SeededRandom(seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const label of [REAL, FAKE]) {
    const members = [...set.labels.keys()].filter((i) => set.labels[i] === label);
    for (let i = members.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [members[i], members[j]] = [members[j], members[i]];
    }
    const cut = Math.round(members.length * heldOutFraction);
    heldOut.push(...members.slice(0, cut));
    train.push(...members.slice(cut));
  }
  if (train.length === 0 || heldOut.length === 0) throw new RangeError(`${set.count} pictures are too few to split ${Math.round(heldOutFraction * 100)}% off.`);
  return { train: pickPictures(set, train), heldOut: pickPictures(set, heldOut) };
}
