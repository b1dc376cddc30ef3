/**
 * Toy faces for the detection lab, real and swapped, as the detectors' one-channel pictures.
 * Real: the face-swap lab's renderer draws both characters (A and B in turn) with random
 * expression and pose. Fake: a face-swap model's swaps, made as the face-swap lab makes them:
 * a face of A through the shared encoder and B's decoder (a fake B), then a face of B through
 * A's decoder (a fake A), in turn. Both kinds then become the detectors' pictures: the centre
 * `side`×`side` of the model's square (the same crop for every picture, so it adds nothing a
 * detector could use) and its luminance (Rec. 601), in [-1, 1].
 */
import * as tf from '../shared/tf';
import { readBack } from '../shared/readBack';
import { SeededRandom } from '../shared/seededRandom';
import { FACTOR_COUNT, factorsToArray, sampleFactors } from '../toyfaces/faceFactors';
import { identityOrThrow } from '../toyfaces/toyFaceIdentities';
import { renderToyFaces } from '../toyfaces/toyFaceRenderer';
import type { FaceSwapSettings } from '../autoencoder/faceSwapSettings';
import { channelsOf } from '../autoencoder/faceSwapSettings';
import { decode, decoderOf, disposeSwapNets, encode, encoderOf, type Side } from '../autoencoder/sharedEncoderAutoencoder';
import { swapNetsOf, type SwapNetFile } from '../autoencoder/swapNetFile';

/** Largest number of faces drawn in one call. */
export const MAX_FACES = 5000;
const CHUNK = 100;
const LUMA = [0.299, 0.587, 0.114] as const;

function checkCount(count: number, seed: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_FACES) throw new RangeError(`The number of faces must be a whole number from 1 to ${MAX_FACES}, not ${count}.`);
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`The seed must be a whole number, at least 0, not ${seed}.`);
}

/** The centre side×side of n square pictures (size×size×channels, channels last), as luminance: n·side² values. */
export function centreLuminance(images: Float32Array, n: number, size: number, channels: 1 | 3, side: number): Float32Array {
  if (side > size || !Number.isInteger(side) || side < 1) throw new RangeError(`A ${side}×${side} centre does not fit a ${size}×${size} picture.`);
  if (images.length !== n * size * size * channels) throw new RangeError(`${n} pictures of ${size}×${size}×${channels} need ${n * size * size * channels} values, not ${images.length}.`);
  const off = Math.floor((size - side) / 2);
  const out = new Float32Array(n * side * side);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const p = ((i * size + y + off) * size + x + off) * channels;
        out[(i * side + y) * side + x] = channels === 1 ? images[p] : LUMA[0] * images[p] + LUMA[1] * images[p + 1] + LUMA[2] * images[p + 2];
      }
    }
  }
  return out;
}

/** Factors for n faces from one stream. */
function factorsFor(n: number, rng: SeededRandom): Float32Array {
  const out = new Float32Array(n * FACTOR_COUNT);
  for (let i = 0; i < n; i++) factorsToArray(sampleFactors(rng), out, i * FACTOR_COUNT);
  return out;
}

/** Picture i's side: A for even i, B for odd. */
const sideOf = (i: number): Side => (i % 2 === 0 ? 'a' : 'b');
const identityOf = (s: FaceSwapSettings, side: Side) => identityOrThrow(side === 'a' ? s.identityA : s.identityB);

/** Renders faces i = start … start+n−1 (A and B in turn) at the model's size and colour. */
function renderInTurn(s: FaceSwapSettings, start: number, n: number, factors: Float32Array): Record<Side, { index: number[]; images: Float32Array }> {
  const out = {} as Record<Side, { index: number[]; images: Float32Array }>;
  for (const side of ['a', 'b'] as const) {
    const index = Array.from({ length: n }, (_, k) => start + k).filter((i) => sideOf(i) === side);
    const f = new Float32Array(index.length * FACTOR_COUNT);
    index.forEach((i, k) => f.set(factors.subarray((i - start) * FACTOR_COUNT, (i - start + 1) * FACTOR_COUNT), k * FACTOR_COUNT));
    out[side] = { index, images: renderToyFaces(identityOf(s, side), f, s.imageSize, channelsOf(s)) };
  }
  return out;
}

function checkToyFaces(s: FaceSwapSettings): void {
  if (s.dataset !== 'toyFaces') throw new Error(`This face-swap model swaps ${s.dataset === 'digitStyles' ? 'digit styles' : String(s.dataset)}, not toy faces.`);
}

/** `count` real toy faces, A and B in turn, seeded: count·side² values. */
export function realToyFaces(settings: FaceSwapSettings, count: number, seed: number, side: number): Float32Array {
  checkCount(count, seed);
  checkToyFaces(settings);
  const factors = factorsFor(count, new SeededRandom(seed));
  const out = new Float32Array(count * side * side);
  const { imageSize: size } = settings;
  const channels = channelsOf(settings);
  for (const { index, images } of Object.values(renderInTurn(settings, 0, count, factors))) {
    const grey = centreLuminance(images, index.length, size, channels, side);
    index.forEach((i, k) => out.set(grey.subarray(k * side * side, (k + 1) * side * side), i * side * side));
  }
  return out;
}

/** `count` swapped toy faces (a fake B from a face of A, then a fake A from a face of B, in turn), seeded: count·side² values. */
export function drawFaceSwapFakes(file: SwapNetFile, count: number, seed: number, side: number): Float32Array {
  checkCount(count, seed);
  const s = file.settings;
  checkToyFaces(s);
  const nets = swapNetsOf(file);
  try {
    const factors = factorsFor(count, new SeededRandom(seed));
    const { imageSize: size } = s;
    const channels = channelsOf(s);
    const out = new Float32Array(count * side * side);
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      for (const [from, { index, images }] of Object.entries(renderInTurn(s, start, n, factors.subarray(start * FACTOR_COUNT, (start + n) * FACTOR_COUNT)))) {
        if (index.length === 0) continue;
        const to: Side = from === 'a' ? 'b' : 'a';
        const swapped = readBack(() => decode(decoderOf(nets, to), encode(encoderOf(nets, from as Side), tf.tensor4d(images, [index.length, size, size, channels]))));
        const grey = centreLuminance(swapped, index.length, size, channels, side);
        index.forEach((i, k) => out.set(grey.subarray(k * side * side, (k + 1) * side * side), i * side * side));
      }
    }
    return out;
  } finally {
    disposeSwapNets(nets);
  }
}
