import { describe, expect, it } from 'vitest';
import {
  gridDivergences, histogram2d, jsDivergence, klDivergence, normaliseHistogram,
} from '../../../src/core/points/distributionDivergence';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import type { Bounds } from '../../../src/core/points/toyDistributions';

const bounds: Bounds = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

function gaussianCloud(n: number, cx: number, cy: number, std: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = cx + std * rng.normal();
    out[2 * i + 1] = cy + std * rng.normal();
  }
  return out;
}

describe('histogram2d', () => {
  it('puts each point in its cell, row 0 at yMin, and clamps outsiders into edge cells', () => {
    const points = new Float32Array([-0.9, -0.9, 0.9, -0.9, 0.1, 0.6, 5, 5, -7, 0.2]);
    const h = histogram2d(points, bounds, 2);
    // cells: [row0 col0, row0 col1, row1 col0, row1 col1]
    expect(Array.from(h)).toEqual([1, 1, 1, 2]);
  });

  it('skips non-finite points and refuses bad bins or bounds', () => {
    expect(Array.from(histogram2d(new Float32Array([NaN, 0, 0.5, 0.5]), bounds, 2))).toEqual([0, 0, 0, 1]);
    expect(() => histogram2d(new Float32Array(2), bounds, 0)).toThrow(/bins/);
    expect(() => histogram2d(new Float32Array(2), { xMin: 1, xMax: 1, yMin: 0, yMax: 1 }, 4)).toThrow(/positive width/);
  });

  it('normalises to probabilities summing to 1, with no empty cell', () => {
    const p = normaliseHistogram(new Float64Array([3, 0, 1, 0]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Math.min(...p)).toBeGreaterThan(0);
    expect(p[0] / p[2]).toBeCloseTo(3, 4);
  });
});

describe('KL and JS divergences', () => {
  it('match hand-computed values on small distributions', () => {
    const p = new Float64Array([0.5, 0.5]);
    const q = new Float64Array([0.25, 0.75]);
    const kl = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
    expect(klDivergence(p, q)).toBeCloseTo(kl, 12);
    const m = [0.375, 0.625];
    const js = 0.5 * (0.5 * Math.log(0.5 / m[0]) + 0.5 * Math.log(0.5 / m[1])) + 0.5 * (0.25 * Math.log(0.25 / m[0]) + 0.75 * Math.log(0.75 / m[1]));
    expect(jsDivergence(p, q)).toBeCloseTo(js, 12);
  });

  it('are zero for identical histograms', () => {
    const points = gaussianCloud(2000, 0.2, -0.1, 0.3, 1);
    const result = gridDivergences(points, points, bounds);
    expect(result.kl).toBe(0);
    expect(result.js).toBe(0);
  });

  it('JS reaches ln 2 for disjoint supports, and KL stays finite', () => {
    const left = gaussianCloud(2500, -0.5, 0, 0.05, 2);
    const right = gaussianCloud(2500, 0.5, 0, 0.05, 3);
    const result = gridDivergences(left, right, bounds);
    expect(result.js).toBeLessThanOrEqual(Math.LN2);
    expect(result.js).toBeGreaterThan(Math.LN2 - 1e-3);
    expect(Number.isFinite(result.kl)).toBe(true);
    expect(result.kl).toBeGreaterThan(10);
  });

  it('grow as the fake cloud moves away from the real one, JS staying in [0, ln 2]', () => {
    const reals = gaussianCloud(4000, 0, 0, 0.2, 4);
    let previous = { kl: -1, js: -1 };
    for (const shift of [0, 0.2, 0.4, 0.8]) {
      const result = gridDivergences(reals, gaussianCloud(4000, shift, 0, 0.2, 5), bounds);
      expect(result.kl).toBeGreaterThan(previous.kl);
      expect(result.js).toBeGreaterThan(previous.js);
      expect(result.js).toBeGreaterThanOrEqual(0);
      expect(result.js).toBeLessThanOrEqual(Math.LN2);
      previous = result;
    }
  });

  it('refuse histograms of different sizes', () => {
    expect(() => klDivergence(new Float64Array(4), new Float64Array(9))).toThrow(/same number of cells/);
    expect(() => jsDivergence(new Float64Array(4), new Float64Array(9))).toThrow(/same number of cells/);
  });
});
