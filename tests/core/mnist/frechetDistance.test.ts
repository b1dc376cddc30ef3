import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { FrechetReference, featureStatistics, frechetDistance, type FeatureStatistics } from '../../../src/core/mnist/frechetDistance';

/** count correlated, ReLU-like feature vectors of `dim` values. */
function features(count: number, dim: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const out = new Float32Array(count * dim);
  for (let r = 0; r < count; r++) {
    const shared = rng.normal();
    for (let i = 0; i < dim; i++) out[r * dim + i] = Math.max(0, shared * (i % 3) + rng.normal() * (1 + i / dim));
  }
  return out;
}

function diagonalStats(mean: number[], variances: number[]): FeatureStatistics {
  const dim = mean.length;
  const covariance = new Float64Array(dim * dim);
  variances.forEach((v, i) => (covariance[i * dim + i] = v));
  return { dim, count: 1000, mean: Float64Array.from(mean), covariance };
}

describe('feature statistics', () => {
  it('computes the mean and unbiased covariance of a small hand example', () => {
    // Rows (1, 2), (3, 2), (5, 8): mean (3, 4); deviations (−2, −2), (0, −2), (2, 4).
    const s = featureStatistics([1, 2, 3, 2, 5, 8], 2);
    expect(Array.from(s.mean)).toEqual([3, 4]);
    expect(Array.from(s.covariance)).toEqual([4, 6, 6, 12]); // (4+0+4)/2, (4+0+8)/2, (4+4+16)/2
    expect(() => featureStatistics([1, 2], 2)).toThrow(/at least 2 feature vectors/);
  });
});

describe('Fréchet distance', () => {
  it('is 0 for identical sets', () => {
    const s = featureStatistics(features(600, 64, 1), 64);
    expect(frechetDistance(s, s)).toBeLessThan(1e-8);
  });

  it('is |shift|² between a set and the same set shifted', () => {
    const dim = 32;
    const base = features(400, dim, 2);
    const shift = Float32Array.from({ length: dim }, (_, i) => (i % 4) - 1.5); // |shift|² = 8 · (2.25 + 0.25 + 0.25 + 2.25) = 40
    const moved = base.map((v, k) => v + shift[k % dim]);
    const d = frechetDistance(featureStatistics(base, dim), featureStatistics(moved, dim));
    expect(d).toBeCloseTo(40, 3);
  });

  it('matches the closed form for diagonal Gaussians: |μ₁ − μ₂|² + Σ (σ₁ − σ₂)²', () => {
    const a = diagonalStats([0, 1, 2], [1, 4, 9]);
    const b = diagonalStats([1, 1, 0], [4, 4, 1]);
    // mean term 1 + 0 + 4 = 5; covariance term (1 − 2)² + 0 + (3 − 1)² = 5.
    expect(frechetDistance(a, b)).toBeCloseTo(10, 12);
    expect(frechetDistance(b, a)).toBeCloseTo(10, 12);
  });

  it('is symmetric and grows with the difference between sets', () => {
    const dim = 24;
    const a = featureStatistics(features(500, dim, 3), dim);
    const b = featureStatistics(features(500, dim, 4), dim);
    const far = featureStatistics(features(500, dim, 5).map((v) => v * 2), dim);
    expect(frechetDistance(a, b)).toBeCloseTo(frechetDistance(b, a), 8);
    expect(frechetDistance(a, far)).toBeGreaterThan(10 * frechetDistance(a, b));
  });

  it('reuses one reference for many comparisons, with the same answers', () => {
    const dim = 16;
    const ref = featureStatistics(features(300, dim, 6), dim);
    const reference = new FrechetReference(ref);
    for (const seed of [7, 8]) {
      const other = featureStatistics(features(300, dim, seed), dim);
      expect(reference.distanceTo(other)).toBeCloseTo(frechetDistance(ref, other), 10);
    }
    expect(() => reference.distanceTo(diagonalStats([0], [1]))).toThrow(/1-dimensional features with 16-dimensional/);
  });
});
