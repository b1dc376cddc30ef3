import { describe, expect, it } from 'vitest';
import { applyWarpField, randomWarpBatch, randomWarpField } from '../../../src/core/faceswap/randomWarp';
import { renderToyFaces } from '../../../src/core/toyfaces/toyFaceRenderer';
import { identityOrThrow } from '../../../src/core/toyfaces/toyFaceIdentities';
import { FACTOR_COUNT, factorsToArray, sampleFactors } from '../../../src/core/toyfaces/faceFactors';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const SIDE = 32;

function faces(n: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const factors = new Float32Array(n * FACTOR_COUNT);
  for (let i = 0; i < n; i++) factorsToArray(sampleFactors(rng), factors, i * FACTOR_COUNT);
  return renderToyFaces(identityOrThrow('mags'), factors, SIDE, 3);
}

/** A generator whose uniform draws come from a list (then zeros). */
const scripted = (draws: number[]) => ({ uniform: (lo: number, hi: number) => lo + ((hi - lo) * ((draws.shift() ?? 0) + 1)) / 2 }) as unknown as SeededRandom;

describe('random warp', () => {
  it('is the identity at zero jitter, exactly', () => {
    const images = faces(4, 1);
    expect(randomWarpBatch(images, SIDE, 3, { strength: 0, grid: 5 }, new SeededRandom(2))).toEqual(images);
  });

  it('keeps every value within the input\'s range, and a flat picture flat', () => {
    const rng = new SeededRandom(3);
    const noise = rng.fillUniform(new Float32Array(6 * SIDE * SIDE), -1, 1);
    const warped = randomWarpBatch(noise, SIDE, 1, { strength: 0.2, grid: 5 }, rng);
    expect(Math.min(...warped)).toBeGreaterThanOrEqual(Math.min(...noise));
    expect(Math.max(...warped)).toBeLessThanOrEqual(Math.max(...noise));
    const flat = new Float32Array(2 * SIDE * SIDE * 3).fill(0.25);
    for (const v of randomWarpBatch(flat, SIDE, 3, { strength: 0.2, grid: 4 }, rng)) expect(v).toBeCloseTo(0.25, 6);
  });

  it('moves pixels by at most the strength, smoothly, reproducibly', () => {
    const warp = { strength: 0.06, grid: 5 };
    const field = randomWarpField(SIDE, warp, new SeededRandom(4));
    expect(randomWarpField(SIDE, warp, new SeededRandom(4))).toEqual(field);
    const reach = warp.strength * SIDE;
    expect(Math.max(...field.map(Math.abs))).toBeLessThanOrEqual(reach + 1e-5);
    expect(Math.max(...field.map(Math.abs))).toBeGreaterThan(reach / 3);
    // Bilinear between control points 31/4 pixels apart: neighbours differ by at most 2·reach per gap.
    for (let y = 0; y < SIDE; y++) {
      for (let x = 1; x < SIDE; x++) {
        for (let k = 0; k < 2; k++) {
          expect(Math.abs(field[(y * SIDE + x) * 2 + k] - field[(y * SIDE + x - 1) * 2 + k])).toBeLessThanOrEqual((2 * reach * (warp.grid - 1)) / (SIDE - 1) + 1e-5);
        }
      }
    }
    const images = faces(3, 5);
    const a = randomWarpBatch(images, SIDE, 3, warp, new SeededRandom(6));
    expect(randomWarpBatch(images, SIDE, 3, warp, new SeededRandom(6))).toEqual(a);
    expect(a).not.toEqual(images);
    // Mild: the warped face stays close to the original on average.
    const meanAbs = a.reduce((s, v, i) => s + Math.abs(v - images[i]), 0) / a.length;
    expect(meanAbs).toBeGreaterThan(0.005);
    expect(meanAbs).toBeLessThan(0.2);
  });

  it('samples each output pixel at its displaced position (a uniform shift moves a dot)', () => {
    // Grid 2: four control points, all moved by (+1, +0.5)·reach, so every pixel reads from (x + 2, y + 1).
    const field = randomWarpField(8, { strength: 0.25, grid: 2 }, scripted([1, 0.5, 1, 0.5, 1, 0.5, 1, 0.5]));
    for (let p = 0; p < 64; p++) {
      expect(field[p * 2]).toBeCloseTo(2, 6);
      expect(field[p * 2 + 1]).toBeCloseTo(1, 6);
    }
    const dot = new Float32Array(64).fill(-1);
    dot[4 * 8 + 5] = 1;
    const out = new Float32Array(64);
    applyWarpField(dot, 8, 1, field, out);
    expect(out[3 * 8 + 3]).toBeCloseTo(1, 6);
    expect(out.filter((v) => v > -1).length).toBe(1);
  });

  it('refuses a grid without two points per side and a batch of the wrong size', () => {
    expect(() => randomWarpField(8, { strength: 0.1, grid: 1 }, new SeededRandom(1))).toThrow(/at least 2/);
    expect(() => randomWarpBatch(new Float32Array(10), 8, 1, { strength: 0.1, grid: 3 }, new SeededRandom(1))).toThrow(/whole number/);
  });
});
