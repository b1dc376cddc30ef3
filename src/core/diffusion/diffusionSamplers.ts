/**
 * The reverse process: from pure noise back to data, in model space (data / scale).
 *
 * - `ancestral`: DDPM's sampler (Ho et al. 2020, Algorithm 2), all T steps, fresh noise at each:
 *   x_{t−1} = μ̃_t(x_t, x̂_0) + σ_t z with the posterior mean of their eq. 7,
 *   μ̃_t = (√ᾱ_{t−1} β_t / (1−ᾱ_t)) x̂_0 + (√α_t (1−ᾱ_{t−1}) / (1−ᾱ_t)) x_t, and σ_t² = β̃_t = (1−ᾱ_{t−1}) β_t / (1−ᾱ_t).
 * - `ddim`: DDIM (Song, Meng & Ermon 2021, eq. 12 with σ = 0), deterministic, on an evenly
 *   spaced subsequence of S ≤ T steps (samplingTimes): x_{t'} = √ᾱ_{t'} x̂_0 + √(1−ᾱ_{t'}) ε_θ(x_t, t).
 * - `euler`: flow matching's ODE dx/dτ = v_θ(x, τ) integrated from τ = 1 to 0 in S Euler steps.
 *
 * Both DDPM samplers estimate x̂_0 = (x_t − √(1−ᾱ_t) ε_θ) / √ᾱ_t and clip it to ±X0_CLIP, as
 * DDPM's code clips images to [−1, 1]: near t = T, √ᾱ_t is tiny and would magnify any error.
 */
import * as tf from '../shared/tf';
import type { SeededRandom } from '../shared/seededRandom';
import type { DiffusionObjective } from './diffusionSettings';
import { X0_CLIP, samplersFor, type SamplerKind } from './samplerKinds';
import type { NoiseSchedule } from '../denoising/noiseSchedule';

/** The network as a sampler calls it: points x [n, 2] at one time τ = t / T. */
export type Predictor = (x: tf.Tensor2D, tau: number) => tf.Tensor2D;

export interface SampleRequest {
  sampler: SamplerKind;
  /** Reverse steps for DDIM and Euler (ancestral always takes all T). */
  steps: number;
  /** The starting noise x_T, interleaved x, y. */
  noise: Float32Array;
  /** Fresh noise for the ancestral sampler's steps. */
  rng: SeededRandom;
  /** Keep every intermediate state. */
  trajectory: boolean;
}

export interface SampleResult {
  /** The final points, interleaved x, y (model space). */
  samples: Float32Array;
  /** With `trajectory`: (steps + 1) states of every point, from the noise to the samples, state after state. */
  trajectory: Float32Array | null;
  /** The time t (0…T, fractional for Euler) of each state. */
  times: Float32Array;
}

/**
 * The steps a DDPM sampler visits, from the first to t = 0: Song et al.'s evenly spaced
 * subsequence 1, 1 + T/S, 1 + 2T/S, … (S steps, rounded down), walked backwards. With S = T that
 * is every step from T down to 1. With fewer steps the walk starts below T: there √ᾱ_t is not
 * yet vanishingly small, so the first estimate of x̂_0 says something. (The price: one step never
 * leaves t = 1 and returns the noise. The "trailing" grid below starts at T instead, but there a
 * noise-predicting network's x̂_0 = (x_T − √(1−ᾱ_T) ε_θ) / √ᾱ_T divides its error by √ᾱ_T ≈ 0
 * for the cosine schedule, and the clipped estimate pushes the points towards the clip box's corners:
 * on the 8-mode ring, 10 trailing steps leave a mode empty where these 10 cover all eight.)
 */
export function samplingTimes(T: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > T) throw new Error(`sampling steps must be a whole number from 1 to T = ${T} (got ${steps})`);
  const times = [0];
  for (let i = 0; i < steps; i++) times.push(1 + Math.floor((i * T) / steps));
  return times.reverse();
}

/** Flow matching's Euler grid: S equal steps of time from T to 0 (fractional steps allowed). */
export function eulerTimes(T: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > T) throw new Error(`sampling steps must be a whole number from 1 to T = ${T} (got ${steps})`);
  return Array.from({ length: steps + 1 }, (_, i) => ((steps - i) * T) / steps);
}

export function sampleReverse(predict: Predictor, objective: DiffusionObjective, schedule: NoiseSchedule, request: SampleRequest): SampleResult {
  const { sampler, noise, rng } = request;
  if (!samplersFor(objective).includes(sampler)) throw new Error(`the ${sampler} sampler does not fit the ${objective} objective; use ${samplersFor(objective).join(' or ')}`);
  if (noise.length % 2 !== 0 || noise.length === 0) throw new Error('the starting noise must hold x, y pairs');
  const T = schedule.T;
  const times = sampler === 'euler' ? eulerTimes(T, request.steps) : samplingTimes(T, sampler === 'ancestral' ? T : request.steps);
  const n = noise.length / 2;
  let x = tf.tensor2d(noise, [n, 2]);
  // With a trajectory, every state is kept on the backend and read back once at the end.
  const states: tf.Tensor2D[] = request.trajectory ? [tf.clone(x)] : [];
  try {
    for (let k = 0; k + 1 < times.length; k++) {
      const t = times[k];
      const prev = times[k + 1];
      const next = tf.tidy(() => {
        const out = predict(x, t / T);
        if (sampler === 'euler') return tf.sub(x, tf.mul(out, (t - prev) / T)) as tf.Tensor2D;
        const abT = schedule.alphaBars[t];
        const abPrev = schedule.alphaBars[prev];
        const x0 = tf.clipByValue(tf.div(tf.sub(x, tf.mul(out, Math.sqrt(1 - abT))), Math.sqrt(abT)), -X0_CLIP, X0_CLIP);
        if (sampler === 'ddim') {
          // ε re-derived from the clipped x̂_0 keeps the step on the path through it.
          const eps = tf.div(tf.sub(x, tf.mul(x0, Math.sqrt(abT))), Math.sqrt(1 - abT));
          return tf.add(tf.mul(x0, Math.sqrt(abPrev)), tf.mul(eps, Math.sqrt(1 - abPrev))) as tf.Tensor2D;
        }
        const beta = schedule.betas[t];
        const mean = tf.add(
          tf.mul(x0, (Math.sqrt(abPrev) * beta) / (1 - abT)),
          tf.mul(x, (Math.sqrt(schedule.alphas[t]) * (1 - abPrev)) / (1 - abT)),
        );
        if (prev === 0) return mean as tf.Tensor2D;
        const sigma = Math.sqrt(((1 - abPrev) * beta) / (1 - abT));
        return tf.add(mean, tf.mul(tf.tensor2d(rng.fillNormal(new Float32Array(2 * n)), [n, 2]), sigma)) as tf.Tensor2D;
      });
      x.dispose();
      x = next;
      if (request.trajectory) states.push(tf.clone(x));
    }
    const samples = x.dataSync().slice() as Float32Array;
    let trajectory: Float32Array | null = null;
    if (request.trajectory) {
      const all = tf.concat(states);
      trajectory = all.dataSync().slice() as Float32Array;
      all.dispose();
    }
    return { samples, trajectory, times: Float32Array.from(times) };
  } finally {
    x.dispose();
    tf.dispose(states);
  }
}
