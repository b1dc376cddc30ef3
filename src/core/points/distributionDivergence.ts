/**
 * How far the generator's samples are from the real data, measured on 2D
 * histograms: KL(real ‖ fake) and the Jensen–Shannon divergence, in nats.
 */
import type { Bounds } from './toyDistributions';

/**
 * Additive smoothing per cell, added to every count before normalising.
 * Without it one empty fake cell under real data would make KL infinite;
 * with 1e-6 per cell the bound is about ln(N/1e-6) ≈ 22 nats for N = 2,500 samples.
 */
export const HISTOGRAM_SMOOTHING = 1e-6;

export const DEFAULT_HISTOGRAM_BINS = 40;

/**
 * Counts points (interleaved x, y) on a bins×bins grid over the bounds, row-major
 * with row 0 at yMin. Points outside the bounds are clamped into the edge cells;
 * non-finite points are skipped.
 */
export function histogram2d(points: Float32Array, bounds: Bounds, bins = DEFAULT_HISTOGRAM_BINS): Float64Array {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a whole number of at least 1 (got ${bins})`);
  const width = bounds.xMax - bounds.xMin;
  const height = bounds.yMax - bounds.yMin;
  if (!(width > 0) || !(height > 0)) throw new Error(`bounds must have a positive width and height (got ${width} × ${height})`);
  const counts = new Float64Array(bins * bins);
  const clampCell = (v: number) => (v < 0 ? 0 : v >= bins ? bins - 1 : v);
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const col = clampCell(Math.floor(((x - bounds.xMin) / width) * bins));
    const row = clampCell(Math.floor(((y - bounds.yMin) / height) * bins));
    counts[row * bins + col]++;
  }
  return counts;
}

/** Counts → probabilities summing to 1, after adding HISTOGRAM_SMOOTHING to every cell. */
export function normaliseHistogram(counts: Float64Array, smoothing = HISTOGRAM_SMOOTHING): Float64Array {
  let total = 0;
  for (const c of counts) total += c + smoothing;
  const p = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) p[i] = (counts[i] + smoothing) / total;
  return p;
}

function checkSameLength(p: Float64Array, q: Float64Array): void {
  if (p.length !== q.length) throw new Error(`histograms must have the same number of cells (${p.length} vs ${q.length})`);
}

/** KL(p ‖ q) = Σ p log(p/q) in nats, for normalised histograms; cells with p = 0 contribute 0. */
export function klDivergence(p: Float64Array, q: Float64Array): number {
  checkSameLength(p, q);
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] > 0) kl += p[i] * Math.log(p[i] / q[i]);
  }
  return Math.max(0, kl);
}

/** JS(p, q) = ½KL(p ‖ m) + ½KL(q ‖ m) with m = (p + q)/2, in nats; always in [0, ln 2]. */
export function jsDivergence(p: Float64Array, q: Float64Array): number {
  checkSameLength(p, q);
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) js += 0.5 * p[i] * Math.log(p[i] / m);
    if (q[i] > 0) js += 0.5 * q[i] * Math.log(q[i] / m);
  }
  // Rounding can stray a hair outside the mathematical range.
  return Math.min(Math.LN2, Math.max(0, js));
}

/** KL(real ‖ fake) and JS between the two point sets' histograms over the bounds. */
export function gridDivergences(
  reals: Float32Array,
  fakes: Float32Array,
  bounds: Bounds,
  bins = DEFAULT_HISTOGRAM_BINS,
): { kl: number; js: number } {
  const p = normaliseHistogram(histogram2d(reals, bounds, bins));
  const q = normaliseHistogram(histogram2d(fakes, bounds, bins));
  return { kl: klDivergence(p, q), js: jsDivergence(p, q) };
}
