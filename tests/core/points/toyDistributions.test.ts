import { describe, expect, it } from 'vitest';
import { gridCenters, makeDistribution, ringCenters, type Bounds, type PointDatasetKind as DatasetKind, type ToyDistribution } from '../../../src/core/points/toyDistributions';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

function nearestMode(x: number, y: number, centers: Float32Array): number {
  let best = -1, bestSq = Infinity;
  for (let m = 0; m < centers.length / 2; m++) {
    const d = (x - centers[2 * m]) ** 2 + (y - centers[2 * m + 1]) ** 2;
    if (d < bestSq) { bestSq = d; best = m; }
  }
  return best;
}

/** Per mode, the standard deviation of x and of y around the true centre, and the sample count. */
function perModeSpread(samples: Float32Array, centers: Float32Array) {
  const modes = centers.length / 2;
  const sq = new Float64Array(modes * 2);
  const counts = new Array(modes).fill(0);
  for (let i = 0; i < samples.length; i += 2) {
    const m = nearestMode(samples[i], samples[i + 1], centers);
    counts[m]++;
    sq[2 * m] += (samples[i] - centers[2 * m]) ** 2;
    sq[2 * m + 1] += (samples[i + 1] - centers[2 * m + 1]) ** 2;
  }
  return counts.map((c, m) => ({ count: c, stdX: Math.sqrt(sq[2 * m] / c), stdY: Math.sqrt(sq[2 * m + 1] / c) }));
}

function expectInside(samples: Float32Array, b: Bounds) {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let i = 0; i < samples.length; i += 2) {
    xMin = Math.min(xMin, samples[i]); xMax = Math.max(xMax, samples[i]);
    yMin = Math.min(yMin, samples[i + 1]); yMax = Math.max(yMax, samples[i + 1]);
  }
  expect(xMin).toBeGreaterThanOrEqual(b.xMin);
  expect(xMax).toBeLessThanOrEqual(b.xMax);
  expect(yMin).toBeGreaterThanOrEqual(b.yMin);
  expect(yMax).toBeLessThanOrEqual(b.yMax);
}

const make = (dataset: DatasetKind, modes: number, sigma: number, points?: Float32Array): ToyDistribution =>
  makeDistribution({ dataset, modes, sigma }, points);

describe('ring', () => {
  it('puts 8 centres on the unit circle, evenly spaced from angle 0', () => {
    const c = ringCenters(8);
    for (let i = 0; i < 8; i++) {
      expect(Math.hypot(c[2 * i], c[2 * i + 1])).toBeCloseTo(1, 6);
      expect(Math.atan2(c[2 * i + 1], c[2 * i])).toBeCloseTo(Math.atan2(Math.sin((i * Math.PI) / 4), Math.cos((i * Math.PI) / 4)), 5);
    }
  });

  it('samples every mode about equally with per-mode std ≈ σ = 0.01', () => {
    const dist = make('ring', 8, 0.01);
    expect(Array.from(dist.modeCenters!)).toEqual(Array.from(ringCenters(8)));
    const samples = dist.sample(16_000, new SeededRandom(1));
    for (const { count, stdX, stdY } of perModeSpread(samples, dist.modeCenters!)) {
      expect(count).toBeGreaterThan(1700);
      expect(count).toBeLessThan(2300);
      expect(stdX).toBeGreaterThan(0.0093);
      expect(stdX).toBeLessThan(0.0107);
      expect(stdY).toBeGreaterThan(0.0093);
      expect(stdY).toBeLessThan(0.0107);
    }
    expectInside(samples, dist.bounds);
  });
});

describe('grid', () => {
  it('has the 25 centres {−4, −2, 0, 2, 4}²', () => {
    const c = gridCenters(25);
    const pairs = new Set<string>();
    for (let i = 0; i < c.length; i += 2) pairs.add(`${c[i]},${c[i + 1]}`);
    const expected = new Set<string>();
    for (const x of [-4, -2, 0, 2, 4]) for (const y of [-4, -2, 0, 2, 4]) expected.add(`${x},${y}`);
    expect(pairs).toEqual(expected);
  });

  it('samples with per-mode std ≈ σ = 0.05, inside the bounds', () => {
    const dist = make('grid', 25, 0.05);
    const samples = dist.sample(25_000, new SeededRandom(2));
    for (const { count, stdX, stdY } of perModeSpread(samples, dist.modeCenters!)) {
      expect(count).toBeGreaterThan(800);
      expect(stdX).toBeGreaterThan(0.045);
      expect(stdX).toBeLessThan(0.055);
      expect(stdY).toBeGreaterThan(0.045);
      expect(stdY).toBeLessThan(0.055);
    }
    expectInside(samples, dist.bounds);
  });

  it('has 3×3 centres spaced 2 apart for 9 modes', () => {
    expect(Array.from(gridCenters(9)).sort((a, b) => a - b)).toEqual([-2, -2, -2, -2, -2, -2, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2]);
  });
});

describe('every dataset', () => {
  const custom = new Float32Array([0, 0, 1, 1, -0.5, 2]);
  const cases: [DatasetKind, number][] = [['ring', 8], ['grid', 25], ['moons', 8], ['spiral', 8], ['line', 8], ['blobs', 8], ['custom', 8]];
  for (const [dataset, modes] of cases) {
    it(`${dataset}: samples lie inside the bounds and repeat for the same seed`, () => {
      const dist = make(dataset, modes, 0.05, custom);
      expect(dist.kind).toBe(dataset);
      const a = dist.sample(3000, new SeededRandom(5));
      expect(a.length).toBe(6000);
      expect(a.every(Number.isFinite)).toBe(true);
      expectInside(a, dist.bounds);
      expect(Array.from(dist.sample(3000, new SeededRandom(5)))).toEqual(Array.from(a));
      expect(Array.from(dist.sample(3000, new SeededRandom(6)))).not.toEqual(Array.from(a));
      // The plot region is square, as the views assume.
      expect(dist.bounds.xMax - dist.bounds.xMin).toBeCloseTo(dist.bounds.yMax - dist.bounds.yMin, 6);
    });
  }

  it('has mode centres exactly for the mixtures', () => {
    expect(make('blobs', 8, 0.1).modeCenters?.length).toBe(4);
    for (const kind of ['moons', 'spiral', 'line', 'custom'] as const) expect(make(kind, 8, 0.1, custom).modeCenters).toBeNull();
  });

  it('custom: resamples the given points with σ jitter', () => {
    const dist = make('custom', 8, 0.01, custom);
    const samples = dist.sample(3000, new SeededRandom(9));
    const spread = perModeSpread(samples, custom);
    for (const { count, stdX } of spread) {
      expect(count).toBeGreaterThan(800);
      expect(stdX).toBeGreaterThan(0.009);
      expect(stdX).toBeLessThan(0.011);
    }
  });

  it('line: points follow y = x / 2 for x in [−1, 1]', () => {
    const samples = make('line', 8, 0.001).sample(2000, new SeededRandom(3));
    for (let i = 0; i < samples.length; i += 2) {
      expect(Math.abs(samples[i + 1] - samples[i] / 2)).toBeLessThan(0.01);
      expect(Math.abs(samples[i])).toBeLessThan(1.01);
    }
  });

  it('spiral: radii stay between 0.1 and 1 (plus noise)', () => {
    const samples = make('spiral', 8, 0.001).sample(2000, new SeededRandom(3));
    for (let i = 0; i < samples.length; i += 2) {
      const r = Math.hypot(samples[i], samples[i + 1]);
      expect(r).toBeGreaterThan(0.09);
      expect(r).toBeLessThan(1.01);
    }
  });
});
