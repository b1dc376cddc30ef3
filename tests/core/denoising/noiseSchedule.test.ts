import { describe, expect, it } from 'vitest';
import { COSINE_OFFSET, MAX_BETA, cosineSchedule, diffusePoints, linearSchedule, makeSchedule, pathAt } from '../../../src/core/denoising/noiseSchedule';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

describe('noise schedules', () => {
  it('reproduces Ho et al.\'s linear betas at T = 1000 and scales them for a shorter T', () => {
    const s = linearSchedule(1000);
    expect(s.betas[1]).toBeCloseTo(1e-4, 12);
    expect(s.betas[1000]).toBeCloseTo(0.02, 12);
    expect(s.betas[500] - s.betas[499]).toBeCloseTo((0.02 - 1e-4) / 999, 12);
    // Known figure for this schedule: ᾱ_T ≈ 4.0e-5 (the data is all but gone at t = T).
    expect(s.alphaBars[1000]).toBeGreaterThan(3e-5);
    expect(s.alphaBars[1000]).toBeLessThan(5e-5);
    const short = linearSchedule(100);
    expect(short.betas[1]).toBeCloseTo(1e-3, 12);
    expect(short.betas[100]).toBeCloseTo(0.2, 12);
  });

  it('follows Nichol & Dhariwal\'s squared cosine for ᾱ_t', () => {
    const T = 200;
    const s = cosineSchedule(T);
    const f = (t: number) => Math.cos(((t / T + COSINE_OFFSET) / (1 + COSINE_OFFSET)) * Math.PI / 2) ** 2;
    for (const t of [1, 17, 100, 150, 190]) expect(s.alphaBars[t]).toBeCloseTo(f(t) / f(0), 10);
    // The last β is clipped at 0.999, as in their paper.
    expect(s.betas[T]).toBe(MAX_BETA);
  });

  it.each(['linear', 'cosine'] as const)('%s: ᾱ_0 = 1, ᾱ_t falls strictly to near 0, and α_t = 1 − β_t multiply up to ᾱ_t', (kind) => {
    for (const T of [10, 100, 1000]) {
      const s = makeSchedule(kind, T);
      expect(s.alphaBars[0]).toBe(1);
      let product = 1;
      for (let t = 1; t <= T; t++) {
        expect(s.betas[t]).toBeGreaterThan(0);
        expect(s.betas[t]).toBeLessThanOrEqual(MAX_BETA);
        expect(s.alphaBars[t]).toBeLessThan(s.alphaBars[t - 1]);
        product *= 1 - s.betas[t];
        expect(s.alphaBars[t]).toBeCloseTo(product, 12);
      }
      expect(s.alphaBars[T]).toBeLessThan(0.01);
    }
  });

  it('keeps more of the data half-way with the cosine schedule than with the linear one', () => {
    expect(cosineSchedule(100).alphaBars[50]).toBeGreaterThan(0.45);
    expect(linearSchedule(100).alphaBars[50]).toBeLessThan(0.1);
  });

  it('refuses a T that is not a whole number of steps', () => {
    expect(() => linearSchedule(0)).toThrow('T must be a whole number of steps, at least 1 (got 0)');
    expect(() => cosineSchedule(2.5)).toThrow('(got 2.5)');
  });
});

describe('the forward process q(x_t | x_0)', () => {
  it('matches the Markov chain run step by step: mean √ᾱ_t x_0 and variance 1 − ᾱ_t', () => {
    // Independent reference: x_t = √(1−β_t) x_{t−1} + √β_t z, one step at a time, from the same x_0.
    const T = 50;
    const schedule = makeSchedule('linear', T);
    const rng = new SeededRandom(3);
    const n = 20000;
    const x0 = [1.5, -0.5];
    const chain = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) { chain[2 * i] = x0[0]; chain[2 * i + 1] = x0[1]; }
    const stats = (xs: ArrayLike<number>, d: number) => {
      let m = 0, v = 0;
      for (let i = d; i < xs.length; i += 2) m += xs[i];
      m /= xs.length / 2;
      for (let i = d; i < xs.length; i += 2) v += (xs[i] - m) ** 2;
      return { mean: m, variance: v / (xs.length / 2 - 1) };
    };
    for (let t = 1; t <= T; t++) {
      const b = schedule.betas[t];
      for (let i = 0; i < chain.length; i++) chain[i] = Math.sqrt(1 - b) * chain[i] + Math.sqrt(b) * rng.normal();
      if (t !== 5 && t !== 25 && t !== T) continue;
      const { signal, noise } = pathAt('epsilon', schedule, t);
      const closed = diffusePoints(
        Float32Array.from({ length: 2 * n }, (_, i) => x0[i % 2]),
        rng.fillNormal(new Float32Array(2 * n)),
        { signal, noise },
      );
      const ab = schedule.alphaBars[t];
      for (const d of [0, 1]) {
        const se = 4 * Math.sqrt((1 - ab) / n);
        for (const sample of [stats(chain, d), stats(closed, d)]) {
          expect(Math.abs(sample.mean - Math.sqrt(ab) * x0[d])).toBeLessThan(se);
          expect(Math.abs(sample.variance - (1 - ab))).toBeLessThan(4 * (1 - ab) * Math.sqrt(2 / n));
        }
      }
    }
  });

  it('walks flow matching\'s straight path from the data (t = 0) to the noise (t = T)', () => {
    const s = makeSchedule('cosine', 40);
    expect(pathAt('velocity', s, 0)).toEqual({ signal: 1, noise: 0 });
    expect(pathAt('velocity', s, 10)).toEqual({ signal: 0.75, noise: 0.25 });
    expect(pathAt('velocity', s, 40)).toEqual({ signal: 0, noise: 1 });
    expect(pathAt('epsilon', s, 0)).toEqual({ signal: 1, noise: 0 });
    const x = diffusePoints(new Float32Array([2, 4]), new Float32Array([-1, 1]), pathAt('velocity', s, 10));
    expect(Array.from(x)).toEqual([1.25, 3.25]);
    expect(() => pathAt('epsilon', s, 41)).toThrow('t must be a whole step from 0 to 40 (got 41)');
    expect(() => diffusePoints(new Float32Array(2), new Float32Array(4), { signal: 1, noise: 0 })).toThrow('the same length');
  });
});
