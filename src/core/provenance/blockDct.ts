/**
 * The 8×8 block DCT-II of JPEG, orthonormal (so energy is kept: the sum of squared
 * coefficients equals the sum of squared pixels), on a Float32Array plane, row-major.
 *
 * Coefficient (u, v) of a block (u down, v across) sits where pixel (u, v) of that
 * block sat, so a coefficient plane has the picture's layout: block (bx, by) holds
 * its 64 coefficients in rows 8·by … 8·by + 7 and columns 8·bx … 8·bx + 7.
 *   X(u, v) = c(u) c(v) Σ_y Σ_x x(y, x) cos((2y + 1)uπ/16) cos((2x + 1)vπ/16),
 *   c(0) = √(1/8), c(k > 0) = √(2/8).
 */
export const BLOCK = 8;

/** DCT_BASIS[k·8 + n] = c(k) cos((2n + 1)kπ/16): row k is the k-th basis vector. */
export const DCT_BASIS: Float64Array = (() => {
  const m = new Float64Array(BLOCK * BLOCK);
  for (let k = 0; k < BLOCK; k++) {
    const c = k === 0 ? Math.sqrt(1 / BLOCK) : Math.sqrt(2 / BLOCK);
    for (let n = 0; n < BLOCK; n++) m[k * BLOCK + n] = c * Math.cos(((2 * n + 1) * k * Math.PI) / (2 * BLOCK));
  }
  return m;
})();

function checkPlane(plane: ArrayLike<number>, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < BLOCK || height < BLOCK) {
    throw new RangeError(`A block DCT needs a width and height of at least ${BLOCK} whole pixels (got ${width}×${height}).`);
  }
  if (width % BLOCK !== 0 || height % BLOCK !== 0) {
    throw new RangeError(`A block DCT needs a width and height that are multiples of ${BLOCK} (got ${width}×${height}).`);
  }
  if (plane.length !== width * height) {
    throw new RangeError(`The plane has ${plane.length} values, but ${width}×${height} needs ${width * height}.`);
  }
}

/** One 8×8 block: out = B · block · Bᵀ (forward) or Bᵀ · block · B (inverse), read and written with a stride. */
function transformBlock(input: ArrayLike<number>, inOffset: number, inStride: number, out: Float32Array, outOffset: number, outStride: number, inverse: boolean, tmp: Float64Array): void {
  const B = DCT_BASIS;
  // Rows: tmp[y][k] = Σ_x in[y][x] · B[k][x]  (inverse: Σ_x in[y][x] · B[x][k]).
  for (let y = 0; y < BLOCK; y++) {
    const row = inOffset + y * inStride;
    for (let k = 0; k < BLOCK; k++) {
      let s = 0;
      for (let x = 0; x < BLOCK; x++) s += input[row + x] * (inverse ? B[x * BLOCK + k] : B[k * BLOCK + x]);
      tmp[y * BLOCK + k] = s;
    }
  }
  // Columns.
  for (let k = 0; k < BLOCK; k++) {
    for (let j = 0; j < BLOCK; j++) {
      let s = 0;
      for (let y = 0; y < BLOCK; y++) s += tmp[y * BLOCK + j] * (inverse ? B[y * BLOCK + k] : B[k * BLOCK + y]);
      out[outOffset + k * outStride + j] = s;
    }
  }
}

function blockTransform(plane: ArrayLike<number>, width: number, height: number, inverse: boolean, out?: Float32Array): Float32Array {
  checkPlane(plane, width, height);
  const result = out ?? new Float32Array(width * height);
  if (result.length !== width * height) throw new RangeError(`The output has ${result.length} values, but ${width}×${height} needs ${width * height}.`);
  if ((result as unknown) === plane) throw new RangeError('The block DCT cannot write over its own input; pass another array.');
  const tmp = new Float64Array(BLOCK * BLOCK);
  for (let by = 0; by < height; by += BLOCK) {
    for (let bx = 0; bx < width; bx += BLOCK) {
      const offset = by * width + bx;
      transformBlock(plane, offset, width, result, offset, width, inverse, tmp);
    }
  }
  return result;
}

/** Forward 8×8 block DCT-II (orthonormal) of a width×height plane; width and height multiples of 8. */
export function forwardBlockDct(plane: ArrayLike<number>, width: number, height: number, out?: Float32Array): Float32Array {
  return blockTransform(plane, width, height, false, out);
}

/** Inverse of forwardBlockDct (the DCT-III, orthonormal). */
export function inverseBlockDct(coefficients: ArrayLike<number>, width: number, height: number, out?: Float32Array): Float32Array {
  return blockTransform(coefficients, width, height, true, out);
}

/**
 * The DCT of the 8×8 blocks of a plane whose grid starts at pixel (x0, y0) (0 ≤ x0, y0 < 8):
 * the blocks that fit whole, as a ⌊(width − x0)/8⌋ × ⌊(height − y0)/8⌋ grid of blocks in
 * the same layout as forwardBlockDct. Used to find a watermark's grid in a cropped picture.
 */
export function forwardBlockDctAt(plane: ArrayLike<number>, width: number, height: number, x0: number, y0: number): { coefficients: Float32Array; blocksX: number; blocksY: number } {
  if (plane.length !== width * height) throw new RangeError(`The plane has ${plane.length} values, but ${width}×${height} needs ${width * height}.`);
  if (!Number.isInteger(x0) || !Number.isInteger(y0) || x0 < 0 || y0 < 0 || x0 >= BLOCK || y0 >= BLOCK) {
    throw new RangeError(`The grid's start must be whole pixels in 0–7 (got ${x0}, ${y0}).`);
  }
  const blocksX = Math.floor((width - x0) / BLOCK);
  const blocksY = Math.floor((height - y0) / BLOCK);
  const w = blocksX * BLOCK;
  const coefficients = new Float32Array(Math.max(0, w * blocksY * BLOCK));
  const tmp = new Float64Array(BLOCK * BLOCK);
  for (let by = 0; by < blocksY; by++) {
    for (let bx = 0; bx < blocksX; bx++) {
      transformBlock(plane, (y0 + by * BLOCK) * width + x0 + bx * BLOCK, width, coefficients, by * BLOCK * w + bx * BLOCK, w, false, tmp);
    }
  }
  return { coefficients, blocksX, blocksY };
}
