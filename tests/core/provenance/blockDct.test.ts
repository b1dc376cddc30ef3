/**
 * The 8×8 block DCT against the definition written out directly (an O(N⁴) sum per block),
 * its inverse, energy preservation (orthonormal), and the grid read from an offset.
 */
import { describe, expect, it } from 'vitest';
import { forwardBlockDct, forwardBlockDctAt, inverseBlockDct } from '../../../src/core/provenance/blockDct';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

/** Straight from the definition: X(u,v) = c(u)c(v) Σ_y Σ_x x(y,x) cos((2y+1)uπ/16) cos((2x+1)vπ/16), block by block. */
function referenceDct(plane: Float32Array, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  const c = (k: number) => (k === 0 ? Math.sqrt(1 / 8) : Math.sqrt(2 / 8));
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let u = 0; u < 8; u++) {
        for (let v = 0; v < 8; v++) {
          let s = 0;
          for (let y = 0; y < 8; y++) {
            for (let x = 0; x < 8; x++) {
              s += plane[(by + y) * width + bx + x] * Math.cos(((2 * y + 1) * u * Math.PI) / 16) * Math.cos(((2 * x + 1) * v * Math.PI) / 16);
            }
          }
          out[(by + u) * width + bx + v] = c(u) * c(v) * s;
        }
      }
    }
  }
  return out;
}

const randomPlane = (n: number, seed: number) => new SeededRandom(seed).fillUniform(new Float32Array(n), 0, 255);

describe('forwardBlockDct and inverseBlockDct', () => {
  it('match the direct definition on a 24×16 plane', () => {
    const plane = randomPlane(24 * 16, 1);
    const fast = forwardBlockDct(plane, 24, 16);
    const slow = referenceDct(plane, 24, 16);
    let worst = 0;
    for (let i = 0; i < fast.length; i++) worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
    expect(worst).toBeLessThan(2e-3);
  });

  it('puts a constant block in its DC coefficient only (8 × the value) and keeps energy', () => {
    const plane = new Float32Array(64).fill(10);
    const c = forwardBlockDct(plane, 8, 8);
    expect(c[0]).toBeCloseTo(80, 4);
    for (let i = 1; i < 64; i++) expect(Math.abs(c[i])).toBeLessThan(1e-4);
    const random = randomPlane(32 * 32, 2);
    const coefficients = forwardBlockDct(random, 32, 32);
    const energy = (a: Float32Array) => a.reduce((s, v) => s + v * v, 0);
    expect(energy(coefficients) / energy(random)).toBeCloseTo(1, 5);
  });

  it('inverts exactly (to float precision)', () => {
    const plane = randomPlane(128 * 128, 3);
    const back = inverseBlockDct(forwardBlockDct(plane, 128, 128), 128, 128);
    let worst = 0;
    for (let i = 0; i < plane.length; i++) worst = Math.max(worst, Math.abs(back[i] - plane[i]));
    expect(worst).toBeLessThan(1e-3);
  });

  it('reads the grid from an offset like the whole transform of the shifted plane', () => {
    const plane = randomPlane(40 * 32, 4);
    const { coefficients, blocksX, blocksY } = forwardBlockDctAt(plane, 40, 32, 3, 5);
    expect([blocksX, blocksY]).toEqual([4, 3]);
    const shifted = new Float32Array(32 * 24);
    for (let y = 0; y < 24; y++) for (let x = 0; x < 32; x++) shifted[y * 32 + x] = plane[(y + 5) * 40 + x + 3];
    const expected = forwardBlockDct(shifted, 32, 24);
    for (let i = 0; i < expected.length; i++) expect(coefficients[i]).toBeCloseTo(expected[i], 3);
  });

  it('refuses sizes that are not multiples of 8 and planes of the wrong length', () => {
    expect(() => forwardBlockDct(new Float32Array(100), 10, 10)).toThrow(/multiples of 8/);
    expect(() => forwardBlockDct(new Float32Array(63), 8, 8)).toThrow(/63 values/);
  });
});
