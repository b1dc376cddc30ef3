import { describe, expect, it } from 'vitest';
import { projectCodes } from '../../../src/core/faceswap/codeProjection';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

/**
 * Independent reference: the top two principal axes by power iteration on the
 * covariance (with deflation), signed by the same rule (largest loading positive).
 */
function referenceAxes(codes: ArrayLike<number>, n: number, d: number): { axes: number[][]; variances: number[]; total: number } {
  const mean = Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += codes[i * d + j];
    return s / n;
  });
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < n; i++) for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) cov[p][q] += (codes[i * d + p] - mean[p]) * (codes[i * d + q] - mean[q]);
  const total = cov.reduce((s, row, p) => s + row[p], 0);
  const axes: number[][] = [];
  const variances: number[] = [];
  for (let k = 0; k < 2; k++) {
    let v = Array.from({ length: d }, (_, j) => 1 + j * 0.37);
    let lambda = 0;
    for (let it = 0; it < 5000; it++) {
      const w = cov.map((row) => row.reduce((s, c, q) => s + c * v[q], 0));
      lambda = Math.hypot(...w);
      v = w.map((x) => x / lambda);
    }
    let big = 0;
    v.forEach((x, j) => (Math.abs(x) > Math.abs(v[big]) ? (big = j) : 0));
    if (v[big] < 0) v = v.map((x) => -x);
    axes.push(v);
    variances.push(lambda);
    for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) cov[p][q] -= lambda * v[p] * v[q];
  }
  return { axes, variances, total };
}

function referenceScores(codes: ArrayLike<number>, n: number, d: number, axis: number[]): number[] {
  const mean = Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += codes[i * d + j];
    return s / n;
  });
  return Array.from({ length: n }, (_, i) => axis.reduce((s, a, j) => s + a * (codes[i * d + j] - mean[j]), 0));
}

/** Random codes with clearly separated variances along random directions, so the top axes are well defined. */
function randomCodes(n: number, d: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const spread = Array.from({ length: d }, (_, j) => 4 / (1 + j));
  const mix = Array.from({ length: d * d }, () => rng.normal());
  const codes = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const latent = spread.map((s) => s * rng.normal());
    for (let j = 0; j < d; j++) {
      let v = 0.5;
      for (let k = 0; k < d; k++) v += mix[j * d + k] * latent[k];
      codes[i * d + j] = v;
    }
  }
  return codes;
}

const sidesFor = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1));

describe('projectCodes', () => {
  it('recovers known principal axes of a hand-built cloud, with their variance shares', () => {
    // Orthonormal axes of R³ (a rotation), and a 2×2×2 factorial design of ±3, ±1, ±0.2 along them:
    // uncorrelated, zero-mean scores with variances 9, 1 and 0.04.
    const u1 = [2 / 7, 3 / 7, 6 / 7];
    const u2 = [3 / 7, -6 / 7, 2 / 7];
    const u3 = [6 / 7, 2 / 7, -3 / 7];
    const centre = [5, -2, 1];
    const design: [number, number, number][] = [];
    for (const a of [-3, 3]) for (const b of [-1, 1]) for (const c of [-0.2, 0.2]) design.push([a, b, c]);
    const codes = new Float32Array(design.flatMap(([a, b, c]) => centre.map((m, j) => m + a * u1[j] + b * u2[j] + c * u3[j])));
    const { points, explained, sides } = projectCodes(codes, 3, sidesFor(8));

    // u1's largest loading (6/7) is positive, so PC1 = +a; u2's (−6/7) is negative, so PC2 = −b.
    design.forEach(([a, b], i) => {
      expect(points[2 * i]).toBeCloseTo(a, 5);
      expect(points[2 * i + 1]).toBeCloseTo(-b, 5);
    });
    const total = 9 + 1 + 0.04;
    expect(explained[0]).toBeCloseTo(9 / total, 6);
    expect(explained[1]).toBeCloseTo(1 / total, 6);
    expect(Array.from(sides)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('breaks a tie between equally large loadings towards the first code number', () => {
    // The axis is ±(1, −1)/√2, both loadings equally large: the rule makes the first positive, whichever sign the solver gave.
    for (const flip of [1, -1]) {
      const codes = Float32Array.from([1, -1, -1, 1, 2, -2, -2, 2].map((v) => flip * v));
      const { points } = projectCodes(codes, 2, sidesFor(4));
      expect(points[0]).toBeCloseTo(flip * Math.SQRT2, 5);
      expect(points[4]).toBeCloseTo(flip * 2 * Math.SQRT2, 5);
    }
  });

  it.each([
    ['more pictures than code numbers (scatter of the codes)', 40, 5],
    ['fewer pictures than code numbers (Gram matrix of the pictures)', 7, 20],
  ])('matches power iteration with %s', (_label, n, d) => {
    const codes = randomCodes(n, d, n * 100 + d);
    const { points, explained } = projectCodes(codes, d, sidesFor(n));
    const ref = referenceAxes(codes, n, d);
    for (let k = 0; k < 2; k++) {
      const expected = referenceScores(codes, n, d, ref.axes[k]);
      const scale = Math.max(...expected.map(Math.abs));
      for (let i = 0; i < n; i++) expect(Math.abs(points[2 * i + k] - expected[i]) / scale).toBeLessThan(1e-4);
      expect(explained[k]).toBeCloseTo(ref.variances[k] / ref.total, 5);
    }
    expect(explained[0]).toBeGreaterThan(explained[1]);
  });

  it('does not depend on where the cloud sits or on the order of the pictures', () => {
    const n = 12;
    const d = 4;
    const codes = randomCodes(n, d, 3);
    const base = projectCodes(codes, d, sidesFor(n));
    const shifted = projectCodes(codes.map((v, i) => v + (i % d) * 10), d, sidesFor(n));
    const order = Array.from({ length: n }, (_, i) => (i * 5) % n);
    const shuffled = new Float32Array(n * d);
    order.forEach((from, to) => shuffled.set(codes.subarray(from * d, from * d + d), to * d));
    const permuted = projectCodes(shuffled, d, Uint8Array.from(order, (i) => (i < n / 2 ? 0 : 1)));
    for (let i = 0; i < 2 * n; i++) expect(shifted.points[i]).toBeCloseTo(base.points[i], 3);
    order.forEach((from, to) => {
      expect(permuted.points[2 * to]).toBeCloseTo(base.points[2 * from], 4);
      expect(permuted.points[2 * to + 1]).toBeCloseTo(base.points[2 * from + 1], 4);
      expect(permuted.sides[to]).toBe(from < n / 2 ? 0 : 1);
    });
  });

  it('projects identical codes to the origin with no explained variance, and a 1-number code onto one axis', () => {
    const same = projectCodes(new Float32Array(12).fill(0.1), 3, sidesFor(4));
    expect(Array.from(same.points)).toEqual(new Array(8).fill(0));
    expect(same.explained).toEqual([0, 0]);

    const line = projectCodes(Float32Array.from([1, 2, 4, 5]), 1, sidesFor(4));
    expect(Array.from(line.points)).toEqual([-2, 0, -1, 0, 1, 0, 2, 0]);
    expect(line.explained).toEqual([1, 0]);
  });

  it('refuses malformed input with the reason', () => {
    expect(() => projectCodes(new Float32Array(7), 3, sidesFor(2))).toThrow(/whole codes of 3/);
    expect(() => projectCodes(new Float32Array(6), 0, sidesFor(2))).toThrow(/code size/);
    expect(() => projectCodes(new Float32Array(6), 3, sidesFor(3))).toThrow(/2 codes but 3 side labels/);
    expect(() => projectCodes(new Float32Array(6), 3, Uint8Array.from([0, 2]))).toThrow(/0 \(A\) or 1 \(B\)/);
    expect(() => projectCodes(Float32Array.from([0, 1, NaN, 0, 1, 2]), 3, sidesFor(2))).toThrow(/finite/);
    expect(() => projectCodes(new Float32Array(0), 3, new Uint8Array(0))).toThrow(/whole codes/);
  });
});
