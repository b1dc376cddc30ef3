/**
 * The face-swap trick's augmentation: the encoder sees a randomly warped
 * picture and the decoder must still draw the unwarped one, so the network
 * cannot just copy pixels through; it has to learn what a face of this person
 * looks like. A coarse grid of control points (grid × grid, spanning the whole
 * image) is jittered at random; the displacement between them is interpolated
 * bilinearly, and each output pixel samples the input bilinearly at its
 * displaced position (clamped to the border). Every output is a convex mix of
 * input pixels, so values stay in the input's range; zero jitter returns the input exactly.
 */
import type { SeededRandom } from '../shared/seededRandom';

export interface WarpSettings {
  /** Largest control-point displacement, as a fraction of the image side. */
  strength: number;
  /** Control points per side (at least 2). */
  grid: number;
}

/** Per-pixel displacement (dx, dy interleaved, in pixels) of one random warp of a side×side image. */
export function randomWarpField(side: number, warp: WarpSettings, rng: SeededRandom): Float32Array {
  const g = warp.grid;
  if (!Number.isInteger(g) || g < 2) throw new RangeError(`a warp grid needs at least 2 control points per side, got ${g}`);
  const reach = warp.strength * side;
  const control = new Float32Array(g * g * 2);
  for (let i = 0; i < control.length; i++) control[i] = rng.uniform(-1, 1) * reach;
  const field = new Float32Array(side * side * 2);
  const step = side > 1 ? (g - 1) / (side - 1) : 0;
  for (let y = 0; y < side; y++) {
    const gy = y * step;
    const y0 = Math.min(Math.floor(gy), g - 2);
    const fy = gy - y0;
    for (let x = 0; x < side; x++) {
      const gx = x * step;
      const x0 = Math.min(Math.floor(gx), g - 2);
      const fx = gx - x0;
      const c00 = (y0 * g + x0) * 2;
      const c01 = c00 + 2;
      const c10 = c00 + g * 2;
      const c11 = c10 + 2;
      for (let k = 0; k < 2; k++) {
        const top = control[c00 + k] * (1 - fx) + control[c01 + k] * fx;
        const bottom = control[c10 + k] * (1 - fx) + control[c11 + k] * fx;
        field[(y * side + x) * 2 + k] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return field;
}

/**
 * Resamples one side×side×channels image (at `offset` in `images`) through a displacement
 * field: output(x, y) = input(x + dx, y + dy), bilinear, coordinates clamped to the image.
 */
export function applyWarpField(
  images: Float32Array,
  side: number,
  channels: number,
  field: Float32Array,
  out: Float32Array,
  offset = 0,
): void {
  const last = side - 1;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const f = (y * side + x) * 2;
      const sx = Math.min(Math.max(x + field[f], 0), last);
      const sy = Math.min(Math.max(y + field[f + 1], 0), last);
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(x0 + 1, last);
      const y1 = Math.min(y0 + 1, last);
      const fx = sx - x0;
      const fy = sy - y0;
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      const p00 = offset + (y0 * side + x0) * channels;
      const p01 = offset + (y0 * side + x1) * channels;
      const p10 = offset + (y1 * side + x0) * channels;
      const p11 = offset + (y1 * side + x1) * channels;
      const o = offset + (y * side + x) * channels;
      for (let c = 0; c < channels; c++) {
        out[o + c] = images[p00 + c] * w00 + images[p01 + c] * w01 + images[p10 + c] * w10 + images[p11 + c] * w11;
      }
    }
  }
}

/** Every image of a batch (n·side·side·channels values) through its own random warp; a new array. */
export function randomWarpBatch(images: Float32Array, side: number, channels: number, warp: WarpSettings, rng: SeededRandom): Float32Array {
  const stride = side * side * channels;
  const n = images.length / stride;
  if (!Number.isInteger(n)) throw new RangeError(`${images.length} values are not a whole number of ${side}×${side}×${channels} images`);
  const out = new Float32Array(images.length);
  for (let i = 0; i < n; i++) applyWarpField(images, side, channels, randomWarpField(side, warp, rng), out, i * stride);
  return out;
}
