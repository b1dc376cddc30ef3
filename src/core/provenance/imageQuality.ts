/**
 * How much a mark (or an attack) changed a picture: PSNR over the R, G and B channels
 * of 8-bit pictures, 10·log10(255² / MSE), and a magnified difference picture.
 */
import { addLuminance, checkPicture, createPicture, type RgbaPicture } from './picture';

function checkSameSize(a: RgbaPicture, b: RgbaPicture): void {
  checkPicture(a, 'The first picture');
  checkPicture(b, 'The second picture');
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`PSNR compares pictures of the same size (got ${a.width}×${a.height} and ${b.width}×${b.height}).`);
  }
}

/** Mean squared error over R, G and B (alpha ignored), in 8-bit levels². */
export function meanSquaredError(a: RgbaPicture, b: RgbaPicture): number {
  checkSameSize(a, b);
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = a.data[i + c] - b.data[i + c];
      sum += d * d;
    }
  }
  return sum / (a.width * a.height * 3);
}

/** PSNR in dB (Infinity for identical pictures). */
export function psnr(a: RgbaPicture, b: RgbaPicture): number {
  const mse = meanSquaredError(a, b);
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** PSNR in dB of two planes on the 0–255 scale. */
export function planePsnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`PSNR compares planes of the same, non-zero length (got ${a.length} and ${b.length}).`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / sum);
}

/**
 * The difference b − a, magnified: mid-grey (128) where nothing changed, lighter where b
 * is brighter, darker where it is darker, each channel's difference times `gain`, clipped.
 */
export function differencePicture(a: RgbaPicture, b: RgbaPicture, gain = 10): RgbaPicture {
  checkSameSize(a, b);
  if (!(gain > 0) || !Number.isFinite(gain)) throw new RangeError(`The magnification must be a positive number (got ${gain}).`);
  const out = createPicture(a.width, a.height);
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) out.data[i + c] = 128 + gain * (b.data[i + c] - a.data[i + c]);
  }
  return out;
}

/**
 * The picture with its luminance moved by α·change, α ≥ 0 found by bisection so that its PSNR
 * against the picture is `target` dB (within rounding to whole levels): how two marks are set
 * to the same visibility before they are compared.
 */
export function addLuminanceAtPsnr(picture: RgbaPicture, change: ArrayLike<number>, target: number): RgbaPicture {
  if (!(target > 0 && target < 100)) throw new RangeError(`The target PSNR must be between 0 and 100 dB, not ${target}.`);
  let lo = 0;
  let hi = 64;
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2;
    if (psnr(picture, addLuminance(picture, Array.from(change, (d) => mid * d))) > target) lo = mid;
    else hi = mid;
  }
  return addLuminance(picture, Array.from(change, (d) => lo * d));
}
