import { describe, expect, it } from 'vitest';
import { lerp, slerp, slerpPath } from '../../../src/core/digits/latentInterpolation';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);
const angle = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.acos(Math.min(1, Math.max(-1, dot(a, b) / (norm(a) * norm(b)))));
const gaussian = (seed: number, n = 64) => new SeededRandom(seed).fillNormal(new Float32Array(n));

describe('slerp', () => {
  it('returns the endpoints exactly', () => {
    const a = gaussian(1);
    const b = gaussian(2);
    expect(slerp(a, b, 0)).toEqual(a);
    expect(slerp(a, b, 1)).toEqual(b);
  });

  it('turns at constant angular speed while the length goes linearly between the end lengths', () => {
    const a = gaussian(3);
    const b = Float32Array.from(gaussian(4), (x) => 1.7 * x);
    const total = angle(a, b);
    for (const t of [0.1, 0.25, 0.5, 0.9]) {
      const p = slerp(a, b, t);
      expect(angle(a, p)).toBeCloseTo(t * total, 4);
      expect(angle(p, b)).toBeCloseTo((1 - t) * total, 4);
      expect(norm(p)).toBeCloseTo((1 - t) * norm(a) + t * norm(b), 3);
    }
  });

  it('keeps the norm of equal-length ends, where lerp sags through the middle', () => {
    const a = gaussian(5);
    const raw = gaussian(6);
    const b = Float32Array.from(raw, (x) => (x * norm(a)) / norm(raw));
    for (const t of [0.2, 0.5, 0.8]) expect(norm(slerp(a, b, t))).toBeCloseTo(norm(a), 3);
    expect(norm(lerp(a, b, 0.5))).toBeLessThan(0.85 * norm(a));
  });

  it('handles degenerate ends: parallel, opposite, zero, one-dimensional', () => {
    const a = Float32Array.from([1, 2, 3]);
    const parallel = slerp(a, Float32Array.from([2, 4, 6]), 0.5);
    Array.from(parallel).forEach((v, i) => expect(v).toBeCloseTo(1.5 * a[i], 5));
    const opposite = Float32Array.from(a, (x) => -x);
    const mid = slerp(a, opposite, 0.5);
    expect(norm(mid)).toBeCloseTo(norm(a), 4);
    expect(dot(mid, a)).toBeCloseTo(0, 4); // a quarter turn: perpendicular to both ends
    for (const t of [0.25, 0.75]) expect(Array.from(slerp(a, opposite, t)).every(Number.isFinite)).toBe(true);
    const zero = new Float32Array(3);
    Array.from(slerp(zero, a, 0.25)).forEach((v, i) => expect(v).toBeCloseTo(0.25 * a[i], 6));
    expect(Array.from(slerp(Float32Array.from([2]), Float32Array.from([-2]), 0.5))).toEqual([0]);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => slerp([1, 2], [1, 2, 3], 0.5)).toThrow('lengths 2 and 3');
  });
});

describe('slerpPath', () => {
  it('lays out evenly spaced points as rows, ends included', () => {
    const a = gaussian(7, 8);
    const b = gaussian(8, 8);
    const path = slerpPath(a, b, 5);
    expect(path).toHaveLength(40);
    expect(path.subarray(0, 8)).toEqual(a);
    expect(path.subarray(32, 40)).toEqual(b);
    expect(path.subarray(16, 24)).toEqual(slerp(a, b, 0.5));
    expect(() => slerpPath(a, b, 1)).toThrow('at least 2 steps');
  });
});
