/**
 * Laundering: what a forger (or any re-upload) does to a picture after it is made, and what
 * it does to a detector. Pure functions on pictures in the labs' convention ([-1, 1], one
 * channel, row-major, picture after picture); each returns new pictures and leaves its input
 * alone. JPEG is not here: the lab uses the browser's own encoder for it, and these functions
 * convert pictures to and from the 8-bit grey values that encoder reads and writes.
 */
import { SeededRandom } from '../shared/seededRandom';

export const LAUNDERING_ATTACKS = ['jpeg', 'blur', 'resize', 'noise'] as const;
export type LaunderingAttack = (typeof LAUNDERING_ATTACKS)[number];

/** The strengths each attack is measured at, mildest first (JPEG: quality; blur: σ in pixels; resize: the side it shrinks to; noise: σ in pixel units of [-1, 1]). */
export const ATTACK_LEVELS: Record<LaunderingAttack, readonly number[]> = {
  jpeg: [95, 85, 75, 60, 50, 40, 30],
  blur: [0.3, 0.5, 0.7, 1, 1.5],
  resize: [24, 20, 16, 14, 10],
  noise: [0.02, 0.05, 0.1, 0.2, 0.3],
};

function checkPictures(images: Float32Array, height: number, width: number): number {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) throw new RangeError(`Pictures need a whole-number size, not ${height}×${width}.`);
  const count = images.length / (height * width);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`${images.length} values are not a whole number of ${height}×${width} pictures.`);
  return count;
}

const clampUnit = (v: number) => Math.min(1, Math.max(-1, v));

/** A normalised 1D Gaussian kernel of radius ⌈3σ⌉. */
export function gaussianKernel(sigma: number): Float64Array {
  if (!(sigma > 0 && sigma <= 10)) throw new RangeError(`The blur's σ must be above 0 and at most 10 pixels, not ${sigma}.`);
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** Gaussian blur with σ in pixels, separable (rows then columns), edges extended (the border pixel repeats). */
export function gaussianBlur(images: Float32Array, height: number, width: number, sigma: number): Float32Array {
  const count = checkPictures(images, height, width);
  const k = gaussianKernel(sigma);
  const r = (k.length - 1) / 2;
  const size = height * width;
  const out = new Float32Array(images.length);
  const tmp = new Float64Array(size);
  for (let n = 0; n < count; n++) {
    const o = n * size;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let s = 0;
        for (let i = -r; i <= r; i++) s += k[i + r] * images[o + y * width + Math.min(width - 1, Math.max(0, x + i))];
        tmp[y * width + x] = s;
      }
    }
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let s = 0;
        for (let i = -r; i <= r; i++) s += k[i + r] * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x];
        out[o + y * width + x] = s;
      }
    }
  }
  return out;
}

/** Bilinear resampling of one picture to another size, pixel centres aligned (as a browser's image smoothing does, without its prefilter). */
function bilinear(src: Float32Array, sh: number, sw: number, dh: number, dw: number, out: Float32Array, offset: number): void {
  for (let y = 0; y < dh; y++) {
    const fy = Math.min(sh - 1, Math.max(0, ((y + 0.5) * sh) / dh - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(sh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < dw; x++) {
      const fx = Math.min(sw - 1, Math.max(0, ((x + 0.5) * sw) / dw - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(sw - 1, x0 + 1);
      const tx = fx - x0;
      const top = src[y0 * sw + x0] * (1 - tx) + src[y0 * sw + x1] * tx;
      const bottom = src[y1 * sw + x0] * (1 - tx) + src[y1 * sw + x1] * tx;
      out[offset + y * dw + x] = top * (1 - ty) + bottom * ty;
    }
  }
}

/** Box-average shrinking (each small pixel the mean of the area it covers), then bilinear enlarging back: the detail finer than the small size is gone. */
export function resizeDownUp(images: Float32Array, height: number, width: number, side: number): Float32Array {
  const count = checkPictures(images, height, width);
  if (!Number.isInteger(side) || side < 2 || side > Math.min(height, width)) throw new RangeError(`Pictures of ${height}×${width} can shrink to a whole side from 2 to ${Math.min(height, width)}, not ${side}.`);
  const sh = Math.round((side * height) / Math.min(height, width));
  const sw = Math.round((side * width) / Math.min(height, width));
  const size = height * width;
  const small = new Float32Array(sh * sw);
  const out = new Float32Array(images.length);
  for (let n = 0; n < count; n++) {
    const o = n * size;
    for (let y = 0; y < sh; y++) {
      for (let x = 0; x < sw; x++) {
        // The area [y0, y1) × [x0, x1) in source pixels, with partial pixels weighted.
        const y0 = (y * height) / sh, y1 = ((y + 1) * height) / sh;
        const x0 = (x * width) / sw, x1 = ((x + 1) * width) / sw;
        let s = 0;
        for (let yy = Math.floor(y0); yy < Math.ceil(y1); yy++) {
          const wy = Math.min(yy + 1, y1) - Math.max(yy, y0);
          for (let xx = Math.floor(x0); xx < Math.ceil(x1); xx++) {
            const wx = Math.min(xx + 1, x1) - Math.max(xx, x0);
            s += wy * wx * images[o + yy * width + xx];
          }
        }
        small[y * sw + x] = s / ((y1 - y0) * (x1 - x0));
      }
    }
    bilinear(small, sh, sw, height, width, out, o);
  }
  return out;
}

/** Adds Gaussian noise of standard deviation σ (seeded), clipped back to [-1, 1]. */
export function addNoise(images: Float32Array, height: number, width: number, sigma: number, seed: number): Float32Array {
  checkPictures(images, height, width);
  if (!(sigma >= 0 && sigma <= 2)) throw new RangeError(`The noise's σ must be from 0 to 2, not ${sigma}.`);
  const rng = new SeededRandom(seed);
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) out[i] = clampUnit(images[i] + sigma * rng.normal());
  return out;
}

/** Applies a non-JPEG attack at a strength (see ATTACK_LEVELS for what the number means). */
export function launder(attack: Exclude<LaunderingAttack, 'jpeg'>, images: Float32Array, height: number, width: number, level: number, seed = 1): Float32Array {
  switch (attack) {
    case 'blur': return gaussianBlur(images, height, width, level);
    case 'resize': return resizeDownUp(images, height, width, level);
    case 'noise': return addNoise(images, height, width, level, seed);
    default: throw new RangeError(`There is no attack called "${String(attack)}" here; JPEG goes through the browser's encoder.`);
  }
}

/** [-1, 1] → 0–255 grey, rounded (what a canvas holds). */
export function toGreyBytes(images: Float32Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(images.length);
  for (let i = 0; i < images.length; i++) out[i] = Math.round(((clampUnit(images[i]) + 1) / 2) * 255);
  return out;
}

/** 0–255 grey → [-1, 1]. */
export function fromGreyBytes(bytes: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] / 255) * 2 - 1;
  return out;
}
