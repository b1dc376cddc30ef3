import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/core/shared/tf';
import { eulerTimes, sampleReverse, samplingTimes, type Predictor } from '../../../src/core/diffusion/diffusionSamplers';
import { trailingTimes } from '../../../src/core/denoising/noiseSchedule';
import type { SamplerKind } from '../../../src/core/diffusion/samplerKinds';
import { makeSchedule, type NoiseSchedule } from '../../../src/core/denoising/noiseSchedule';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Predictors known in closed form, as independent references for the samplers. For data
 * N(0, s²I) the marginal at t is N(0, (ᾱ s² + 1 − ᾱ) I), so the ideal noise prediction is
 * ε* = √(1−ᾱ) x / (ᾱ s² + 1 − ᾱ); on flow matching's path (σ_t² = (1−τ)² s² + τ²) the ideal
 * velocity is E[ε − x_0 | x] = x (τ − (1−τ) s²) / ((1−τ)² s² + τ²).
 */
function gaussianEps(schedule: NoiseSchedule, s2: number): Predictor {
  return (x, tau) => {
    const ab = schedule.alphaBars[Math.round(tau * schedule.T)];
    return tf.mul(x, Math.sqrt(1 - ab) / (ab * s2 + 1 - ab)) as tf.Tensor2D;
  };
}
const gaussianVelocity = (s2: number): Predictor => (x, tau) =>
  tf.mul(x, (tau - (1 - tau) * s2) / ((1 - tau) ** 2 * s2 + tau ** 2)) as tf.Tensor2D;

const variance = (a: Float32Array) => a.reduce((sum, v) => sum + v * v, 0) / a.length;

describe('the reverse process', () => {
  it('visits Song et al.\'s evenly spaced steps, and Euler\'s equal steps of time', () => {
    expect(samplingTimes(10, 10)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(samplingTimes(100, 4)).toEqual([76, 51, 26, 1, 0]);
    expect(trailingTimes(100, 4)).toEqual([100, 75, 50, 25, 0]);
    expect(trailingTimes(100, 1)).toEqual([100, 0]);
    expect(trailingTimes(10, 3)).toEqual([10, 7, 3, 0]);
    expect(trailingTimes(10, 10)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(eulerTimes(10, 4)).toEqual([10, 7.5, 5, 2.5, 0]);
    expect(() => samplingTimes(10, 11)).toThrow('sampling steps must be a whole number from 1 to T = 10 (got 11)');
  });

  it.each([
    ['ancestral', 'epsilon', 200, 0.1],
    ['ddim', 'epsilon', 200, 0.1],
    ['ddim', 'epsilon', 20, 0.15],
    ['euler', 'velocity', 200, 0.1],
    ['euler', 'velocity', 20, 0.15],
  ] as const)('%s (%s, %i steps) with the ideal predictor for N(0, 0.5²) returns samples of variance 0.25 (within %d)', (sampler: SamplerKind, objective, steps, within) => {
    const schedule = makeSchedule('cosine', 200);
    const s2 = 0.25;
    const predict = objective === 'epsilon' ? gaussianEps(schedule, s2) : gaussianVelocity(s2);
    const rng = new SeededRandom(5);
    const noise = rng.fillNormal(new Float32Array(8000));
    const { samples, trajectory, times } = sampleReverse(predict, objective, schedule, { sampler, steps, noise, rng, trajectory: true });
    expect(times.length).toBe((sampler === 'ancestral' ? 200 : steps) + 1);
    expect(Array.from(trajectory!.subarray(0, 8000))).toEqual(Array.from(noise));
    // Sampling error on 8,000 numbers is about 1.6%; 20 steps add discretisation error (about 12% here).
    expect(Math.abs(variance(samples) / s2 - 1)).toBeLessThan(within);
  });

  it('brings every particle exactly onto the data when the data is a single point', () => {
    const schedule = makeSchedule('linear', 50);
    const c = [0.7, -0.4];
    const cT = tf.tensor2d([c]);
    // With one data point x_0 = c is known, so ε = (x_t − √ᾱ c) / √(1−ᾱ) and v = (x_τ − c) / τ.
    const eps: Predictor = (x, tau) => {
      const ab = schedule.alphaBars[Math.round(tau * 50)];
      return tf.div(tf.sub(x, tf.mul(cT, Math.sqrt(ab))), Math.sqrt(1 - ab)) as tf.Tensor2D;
    };
    const velocity: Predictor = (x, tau) => tf.div(tf.sub(x, cT), tau) as tf.Tensor2D;
    const noise = new SeededRandom(1).fillNormal(new Float32Array(20));
    for (const [sampler, objective, predict] of [['ancestral', 'epsilon', eps], ['ddim', 'epsilon', eps], ['euler', 'velocity', velocity]] as const) {
      const { samples } = sampleReverse(predict, objective, schedule, { sampler, steps: 3, noise, rng: new SeededRandom(2), trajectory: false });
      for (let i = 0; i < samples.length; i++) expect(samples[i]).toBeCloseTo(c[i % 2], 4);
    }
    cT.dispose();
  });

  it('leaves no tensor behind and refuses a sampler the objective cannot use', () => {
    const schedule = makeSchedule('cosine', 20);
    const before = tf.memory().numTensors;
    sampleReverse(gaussianEps(schedule, 1), 'epsilon', schedule, { sampler: 'ancestral', steps: 20, noise: new Float32Array(10), rng: new SeededRandom(1), trajectory: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(() => sampleReverse(gaussianVelocity(1), 'velocity', schedule, { sampler: 'ddim', steps: 5, noise: new Float32Array(10), rng: new SeededRandom(1), trajectory: false }))
      .toThrow('the ddim sampler does not fit the velocity objective; use euler');
  });
});
