/**
 * What a marked picture may go through on its way: added noise, blur, shrinking and
 * enlarging again, cropping, a small rotation. Pure functions: each returns a new picture
 * (RGBA, alpha kept) or a new luminance plane and never changes its input. JPEG is not
 * here: the lab uses the browser's own encoder (canvas.toBlob), as a real upload would.
 */
import { SeededRandom } from '../shared/seededRandom';
import { checkPicture, createPicture, type RgbaPicture } from './picture';

/** A stack of planes: width·height·channels values, channels interleaved (RGBA has 4). */
interface Planes {
  data: ArrayLike<number>;
  width: number;
  height: number;
  channels: number;
}

function checkPlane(plane: ArrayLike<number>, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`A plane needs a positive whole width and height (got ${width}×${height}).`);
  if (plane.length !== width * height) throw new RangeError(`The plane has ${plane.length} values, but ${width}×${height} needs ${width * height}.`);
}

function fromPicture(picture: RgbaPicture): Planes {
  checkPicture(picture);
  return { data: picture.data, width: picture.width, height: picture.height, channels: 4 };
}

/** Writes colour channels back into a picture, keeping the input's alpha when the size is unchanged (opaque otherwise). */
function toPicture(values: Float32Array, width: number, height: number, source?: RgbaPicture): RgbaPicture {
  const out = createPicture(width, height);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) out.data[p * 4 + c] = Math.round(values[p * 4 + c]);
    out.data[p * 4 + 3] = source && source.width === width && source.height === height ? source.data[p * 4 + 3] : 255;
  }
  return out;
}

const at = (p: Planes, x: number, y: number, c: number) =>
  p.data[(Math.min(p.height - 1, Math.max(0, y)) * p.width + Math.min(p.width - 1, Math.max(0, x))) * p.channels + c];

/** Bilinear sample at (x, y) in pixel-centre coordinates (pixel k's centre is k), edges replicated. */
function bilinear(p: Planes, x: number, y: number, c: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  return (1 - fy) * ((1 - fx) * at(p, x0, y0, c) + fx * at(p, x0 + 1, y0, c)) + fy * ((1 - fx) * at(p, x0, y0 + 1, c) + fx * at(p, x0 + 1, y0 + 1, c));
}

/** Separable convolution with a symmetric kernel (kernel[0] is the centre), edges replicated. */
function convolve(p: Planes, kernel: number[]): Float32Array {
  const { width, height, channels } = p;
  const r = kernel.length - 1;
  const tmp = new Float32Array(width * height * channels);
  const out = new Float32Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let s = kernel[0] * at(p, x, y, c);
        for (let k = 1; k <= r; k++) s += kernel[k] * (at(p, x - k, y, c) + at(p, x + k, y, c));
        tmp[(y * width + x) * channels + c] = s;
      }
    }
  }
  const q: Planes = { data: tmp, width, height, channels };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let s = kernel[0] * at(q, x, y, c);
        for (let k = 1; k <= r; k++) s += kernel[k] * (at(q, x, y - k, c) + at(q, x, y + k, c));
        out[(y * width + x) * channels + c] = s;
      }
    }
  }
  return out;
}

function boxKernel(radius: number): number[] {
  if (!Number.isInteger(radius) || radius < 1 || radius > 16) throw new RangeError(`A box blur's radius is a whole number of pixels from 1 to 16 (got ${radius}).`);
  return Array.from({ length: radius + 1 }, () => 1 / (2 * radius + 1));
}

function gaussianKernel(sigma: number): number[] {
  if (!(sigma > 0) || sigma > 16) throw new RangeError(`A Gaussian blur's sigma is a number of pixels above 0 and at most 16 (got ${sigma}).`);
  const r = Math.ceil(3 * sigma);
  const k = Array.from({ length: r + 1 }, (_, i) => Math.exp(-(i * i) / (2 * sigma * sigma)));
  const total = k[0] + 2 * k.slice(1).reduce((a, b) => a + b, 0);
  return k.map((v) => v / total);
}

/** Adds independent Gaussian noise of standard deviation `sigma` (8-bit levels) to each of R, G, B. */
export function gaussianNoise(picture: RgbaPicture, sigma: number, seed: number): RgbaPicture {
  checkPicture(picture);
  if (!(sigma >= 0) || sigma > 128) throw new RangeError(`The noise's standard deviation is 0–128 levels (got ${sigma}).`);
  const rng = new SeededRandom(seed);
  const out = createPicture(picture.width, picture.height);
  for (let i = 0; i < picture.data.length; i += 4) {
    for (let c = 0; c < 3; c++) out.data[i + c] = Math.round(picture.data[i + c] + sigma * rng.normal());
    out.data[i + 3] = picture.data[i + 3];
  }
  return out;
}

/** Mean over a (2·radius + 1)² square. */
export function boxBlur(picture: RgbaPicture, radius: number): RgbaPicture {
  return toPicture(convolve(fromPicture(picture), boxKernel(radius)), picture.width, picture.height, picture);
}

export function gaussianBlur(picture: RgbaPicture, sigma: number): RgbaPicture {
  return toPicture(convolve(fromPicture(picture), gaussianKernel(sigma)), picture.width, picture.height, picture);
}

/** Gaussian blur of a luminance plane (unrounded). */
export function gaussianBlurPlane(plane: ArrayLike<number>, width: number, height: number, sigma: number): Float32Array {
  checkPlane(plane, width, height);
  return convolve({ data: plane, width, height, channels: 1 }, gaussianKernel(sigma));
}

/**
 * Bilinear resize to width×height. Shrinking first averages each source pixel's share
 * (an area pre-filter, as browsers do when drawing smaller), so it does not alias.
 */
export function resizeBilinear(picture: RgbaPicture, width: number, height: number): RgbaPicture {
  checkPicture(picture);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 4096 || height > 4096) {
    throw new RangeError(`A resize needs a whole width and height from 1 to 4096 (got ${width}×${height}).`);
  }
  const src = fromPicture(picture);
  const sx = picture.width / width;
  const sy = picture.height / height;
  const out = new Float32Array(width * height * 4);
  // Area pre-filter when shrinking: sample a box of the source footprint with bilinear taps.
  const tapsX = Math.max(1, Math.ceil(sx));
  const tapsY = Math.max(1, Math.ceil(sy));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let ty = 0; ty < tapsY; ty++) {
          for (let tx = 0; tx < tapsX; tx++) {
            const u = x * sx + ((tx + 0.5) * sx) / tapsX - 0.5;
            const v = y * sy + ((ty + 0.5) * sy) / tapsY - 0.5;
            s += bilinear(src, u, v, c);
          }
        }
        out[(y * width + x) * 4 + c] = s / (tapsX * tapsY);
      }
    }
  }
  return toPicture(out, width, height);
}

/** Shrinks by `factor` (e.g. 0.5) and enlarges back to the original size, both bilinear: the detail finer than the small size is lost. */
export function resizeDownUp(picture: RgbaPicture, factor: number): RgbaPicture {
  checkPicture(picture);
  if (!(factor > 0 && factor <= 1)) throw new RangeError(`The shrink factor is above 0 and at most 1 (got ${factor}).`);
  const w = Math.max(1, Math.round(picture.width * factor));
  const h = Math.max(1, Math.round(picture.height * factor));
  const out = resizeBilinear(resizeBilinear(picture, w, h), picture.width, picture.height);
  for (let i = 3; i < out.data.length; i += 4) out.data[i] = picture.data[i];
  return out;
}

/** The width×height rectangle whose top-left pixel is (x, y). */
export function cropPicture(picture: RgbaPicture, x: number, y: number, width: number, height: number): RgbaPicture {
  checkPicture(picture);
  for (const [name, v] of [['x', x], ['y', y], ['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`A crop's ${name} must be a whole number of pixels, 0 or more (got ${v}).`);
  }
  if (width < 1 || height < 1 || x + width > picture.width || y + height > picture.height) {
    throw new RangeError(`The crop ${width}×${height} at (${x}, ${y}) does not fit inside the ${picture.width}×${picture.height} picture.`);
  }
  const out = createPicture(width, height);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * picture.width + x) * 4;
    out.data.set(picture.data.subarray(from, from + width * 4), row * width * 4);
  }
  return out;
}

/** Rotates by `degrees` (clockwise on screen) about the centre, bilinear; corners that come from outside repeat the nearest edge pixel. */
export function rotatePicture(picture: RgbaPicture, degrees: number): RgbaPicture {
  checkPicture(picture);
  if (!Number.isFinite(degrees) || Math.abs(degrees) > 180) throw new RangeError(`A rotation is −180 to 180 degrees (got ${degrees}).`);
  const src = fromPicture(picture);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (picture.width - 1) / 2;
  const cy = (picture.height - 1) / 2;
  const out = new Float32Array(picture.data.length);
  for (let y = 0; y < picture.height; y++) {
    for (let x = 0; x < picture.width; x++) {
      // Where the output pixel comes from: the inverse rotation.
      const u = cos * (x - cx) + sin * (y - cy) + cx;
      const v = -sin * (x - cx) + cos * (y - cy) + cy;
      for (let c = 0; c < 3; c++) out[(y * picture.width + x) * 4 + c] = bilinear(src, u, v, c);
    }
  }
  return toPicture(out, picture.width, picture.height, picture);
}
