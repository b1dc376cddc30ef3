/**
 * The Fréchet distance between two sets of feature vectors (the digit
 * classifier's penultimate layer), each summarised as a Gaussian:
 *
 *   FD = |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)
 *
 * (the "FID" recipe with an MNIST classifier in place of Inception). Lower is
 * better; 0 for identical statistics. It is biased upwards for small sets, so
 * compare values computed from equally many samples.
 */
import { multiplySquare, sqrtPsd, symmetricEigen } from '../shared/symmetricEigen';

export interface FeatureStatistics {
  dim: number;
  count: number;
  mean: Float64Array;
  /** dim×dim unbiased sample covariance, row-major. */
  covariance: Float64Array;
}

/** Mean and covariance of `features`: count rows of `dim` values. */
export function featureStatistics(features: ArrayLike<number>, dim: number): FeatureStatistics {
  const count = features.length / dim;
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`Need at least 2 feature vectors of ${dim} values; got ${features.length} values.`);
  const mean = new Float64Array(dim);
  for (let r = 0; r < count; r++) for (let i = 0; i < dim; i++) mean[i] += features[r * dim + i];
  for (let i = 0; i < dim; i++) mean[i] /= count;
  const covariance = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < dim; i++) centred[i] = features[r * dim + i] - mean[i];
    for (let i = 0; i < dim; i++) {
      const ci = centred[i];
      if (ci === 0) continue; // ReLU features are often exactly zero
      for (let j = i; j < dim; j++) covariance[i * dim + j] += ci * centred[j];
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) covariance[i * dim + j] = covariance[j * dim + i] = covariance[i * dim + j] / (count - 1);
  }
  return { dim, count, mean, covariance };
}

/**
 * A fixed reference set (e.g. real training digits) with Σ₁^½ computed once,
 * so each live comparison costs one matrix product pair and one eigensolve.
 */
export class FrechetReference {
  private readonly sqrtCovariance: Float64Array;
  private readonly trace: number;

  constructor(readonly stats: FeatureStatistics) {
    this.sqrtCovariance = sqrtPsd(stats.covariance, stats.dim);
    this.trace = traceOf(stats.covariance, stats.dim);
  }

  distanceTo(other: FeatureStatistics): number {
    const n = this.stats.dim;
    if (other.dim !== n) throw new RangeError(`Cannot compare ${other.dim}-dimensional features with ${n}-dimensional ones.`);
    let meanTerm = 0;
    for (let i = 0; i < n; i++) meanTerm += (this.stats.mean[i] - other.mean[i]) ** 2;
    const s = this.sqrtCovariance;
    const middle = multiplySquare(multiplySquare(s, other.covariance, n), s, n);
    // tr(M^½) is the sum of the square roots of M's eigenvalues (M is PSD up to rounding).
    let traceSqrt = 0;
    for (const l of symmetricEigen(middle, n, false).values) traceSqrt += Math.sqrt(Math.max(l, 0));
    // Rounding can leave a tiny negative for identical sets; a distance is never below 0.
    return Math.max(0, meanTerm + this.trace + traceOf(other.covariance, n) - 2 * traceSqrt);
  }
}

function traceOf(m: Float64Array, n: number): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += m[i * n + i];
  return t;
}

export function frechetDistance(a: FeatureStatistics, b: FeatureStatistics): number {
  return new FrechetReference(a).distanceTo(b);
}
