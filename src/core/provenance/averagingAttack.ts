/**
 * The averaging (collusion) attack on a keyed watermark: someone holding N different
 * pictures marked with the same key and payload averages their fine detail. The pictures'
 * own detail differs from one to the next and averages away (about as 1/√N); the mark is
 * the same in all of them and stays. That average is an estimate of the mark, and
 * subtracting it from another marked picture removes most of its mark.
 *
 * Fine detail = the luminance minus its Gaussian blur (a simple denoiser), as in camera-
 * fingerprint estimation. The estimate is subtracted as it is (gain 1); a fitted gain (the
 * projection of the target's own fine detail onto the estimate) is available but, as the
 * target's own edges dominate that projection, it subtracts too little to matter.
 */
import { gaussianBlurPlane } from './imageAttacks';
import { addLuminance, checkPicture, luminance, type RgbaPicture } from './picture';

export const DEFAULT_DENOISE_SIGMA = 4;

function fineDetail(picture: RgbaPicture, sigma: number): Float32Array {
  const y = luminance(picture);
  const smooth = gaussianBlurPlane(y, picture.width, picture.height, sigma);
  for (let i = 0; i < y.length; i++) y[i] -= smooth[i];
  return y;
}

/** The mean fine detail of N marked pictures of one size: the attacker's estimate of the mark. */
export function estimatePattern(pictures: readonly RgbaPicture[], sigma = DEFAULT_DENOISE_SIGMA): Float32Array {
  if (pictures.length === 0) throw new RangeError('The averaging attack needs at least one marked picture.');
  const { width, height } = pictures[0];
  const sum = new Float32Array(width * height);
  pictures.forEach((picture, n) => {
    checkPicture(picture, `Picture ${n + 1}`);
    if (picture.width !== width || picture.height !== height) {
      throw new RangeError(`The averaging attack needs pictures of one size: picture ${n + 1} is ${picture.width}×${picture.height}, the first ${width}×${height}.`);
    }
    const detail = fineDetail(picture, sigma);
    for (let i = 0; i < sum.length; i++) sum[i] += detail[i];
  });
  for (let i = 0; i < sum.length; i++) sum[i] /= pictures.length;
  return sum;
}

export interface PatternRemoval {
  picture: RgbaPicture;
  /** How much of the estimate was subtracted. */
  gain: number;
}

/** Subtracts gain × estimate from the picture's luminance; gain 'fit' projects the picture's own fine detail onto the estimate. */
export function removePattern(picture: RgbaPicture, estimate: Float32Array, gain: number | 'fit' = 1, sigma = DEFAULT_DENOISE_SIGMA): PatternRemoval {
  checkPicture(picture);
  if (estimate.length !== picture.width * picture.height) {
    throw new RangeError(`The estimate has ${estimate.length} values, but the picture has ${picture.width * picture.height} pixels.`);
  }
  let g: number;
  if (gain === 'fit') {
    const detail = fineDetail(picture, sigma);
    let num = 0;
    let den = 0;
    for (let i = 0; i < estimate.length; i++) {
      num += detail[i] * estimate[i];
      den += estimate[i] * estimate[i];
    }
    g = den > 0 ? Math.max(0, num / den) : 0;
  } else {
    if (!Number.isFinite(gain)) throw new RangeError(`The gain must be a number or 'fit' (got ${gain}).`);
    g = gain;
  }
  const change = Float32Array.from(estimate, (v) => -g * v);
  return { picture: addLuminance(picture, change), gain: g };
}

/** Averages `colluders` (marked with one key and payload) and subtracts the estimate from `target` (another picture with that mark). */
export function averagingAttack(colluders: readonly RgbaPicture[], target: RgbaPicture, sigma = DEFAULT_DENOISE_SIGMA): PatternRemoval & { estimate: Float32Array } {
  const estimate = estimatePattern(colluders, sigma);
  return { ...removePattern(target, estimate, 1, sigma), estimate };
}
