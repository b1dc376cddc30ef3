/**
 * The reverse process for digits, with classifier-free guidance (Ho & Salimans 2022): at each
 * step the U-Net is asked for the noise twice, told the class (ε_c) and told nothing (ε_u), and
 * the sampler follows ε = ε_u + w (ε_c − ε_u). w = 0 ignores the class, w = 1 is the plain
 * conditional model, w > 1 pushes further towards "looks like this class" at the cost of variety.
 *
 * Samplers on the trailing step grid (trailingTimes, starting at t = T):
 * - `ddim`: deterministic (Song et al. 2021, eq. 12 with σ = 0): x_{t'} = √ᾱ_{t'} x̂_0 + √(1−ᾱ_{t'}) ε.
 * - `ancestral`: DDPM's posterior step (Ho et al. 2020, eq. 7) between two grid times t > t',
 *   with α = ᾱ_t / ᾱ_{t'} and β = 1 − α standing for the skipped steps (with every step, exactly DDPM):
 *   x_{t'} = (√ᾱ_{t'} β / (1−ᾱ_t)) x̂_0 + (√α (1−ᾱ_{t'}) / (1−ᾱ_t)) x_t + σ z, σ² = (1−ᾱ_{t'}) β / (1−ᾱ_t).
 * Both estimate x̂_0 = (x_t − √(1−ᾱ_t) ε) / √ᾱ_t clipped to the pixels' range [−1, 1], and DDIM
 * re-derives ε from the clipped x̂_0 so the step stays on the path through it.
 */
import * as tf from '../shared/tf';
import type { SeededRandom } from '../shared/seededRandom';
import { trailingTimes, type NoiseSchedule } from './noiseSchedule';
import { DIGIT_PIXELS, DIGIT_SIDE, NULL_CLASS } from './digitUnet';

export const DIGIT_SAMPLERS = ['ddim', 'ancestral'] as const;
export type DigitSamplerKind = (typeof DIGIT_SAMPLERS)[number];

/** The network as the sampler calls it: images [n, 28, 28, 1] at one time τ = t / T, labels (NULL_CLASS = none). */
export type DigitPredictor = (x: tf.Tensor4D, tau: number, labels: Int32Array) => tf.Tensor4D;

/** Classifier-free guidance: ε_u + w (ε_c − ε_u). */
export function guidedNoise(conditional: tf.Tensor, unconditional: tf.Tensor, guidance: number): tf.Tensor {
  return tf.tidy(() => tf.add(unconditional, tf.mul(tf.sub(conditional, unconditional), guidance)));
}

export interface DigitSampleRequest {
  sampler: DigitSamplerKind;
  /** Reverse steps S (1…T). */
  steps: number;
  /** Guidance scale w (0 = unconditional). */
  guidance: number;
  /** The class asked for, per image. */
  labels: Int32Array;
  /** The starting noise x_T, n·784 floats. */
  noise: Float32Array;
  /** Fresh noise for the ancestral sampler. */
  rng: SeededRandom;
  /** Keep every state x_t and every estimate x̂_0. */
  trajectory: boolean;
}

export interface DigitSampleResult {
  /** n·784 pixels in [−1, 1]-ish (the final state, x_0). */
  images: Float32Array;
  /** With `trajectory`: (S + 1) states, from x_T to x_0, each n·784. */
  states: Float32Array | null;
  /** With `trajectory`: S estimates x̂_0, one per step, each n·784. */
  estimates: Float32Array | null;
  /** The step t of each state (S + 1 numbers, T first, 0 last). */
  times: Int32Array;
}

/** The guided noise estimate at step t for the batch x (one network call of 2n images when 0 < w ≠ 1). */
export function guidedPrediction(predict: DigitPredictor, x: tf.Tensor4D, tau: number, labels: Int32Array, guidance: number): tf.Tensor4D {
  const n = x.shape[0];
  const none = new Int32Array(n).fill(NULL_CLASS);
  if (guidance === 0) return predict(x, tau, none);
  if (guidance === 1) return predict(x, tau, labels);
  return tf.tidy(() => {
    const both = new Int32Array(2 * n);
    both.set(labels, 0);
    both.set(none, n);
    const out = predict(tf.concat([x, x], 0), tau, both);
    const [cond, uncond] = tf.split(out, 2, 0);
    return guidedNoise(cond, uncond, guidance) as tf.Tensor4D;
  });
}

/** One reverse step from t to prev (prev < t) given the noise estimate: [next state, clipped x̂_0]. */
export function digitReverseStep(
  schedule: NoiseSchedule,
  sampler: DigitSamplerKind,
  x: tf.Tensor4D,
  eps: tf.Tensor4D,
  t: number,
  prev: number,
  rng: SeededRandom | null,
): [tf.Tensor4D, tf.Tensor4D] {
  return tf.tidy(() => {
    const abT = schedule.alphaBars[t];
    const abPrev = schedule.alphaBars[prev];
    const x0 = tf.clipByValue(tf.div(tf.sub(x, tf.mul(eps, Math.sqrt(1 - abT))), Math.sqrt(abT)), -1, 1) as tf.Tensor4D;
    if (sampler === 'ddim') {
      const e = tf.div(tf.sub(x, tf.mul(x0, Math.sqrt(abT))), Math.sqrt(1 - abT));
      return [tf.add(tf.mul(x0, Math.sqrt(abPrev)), tf.mul(e, Math.sqrt(1 - abPrev))) as tf.Tensor4D, x0];
    }
    const alpha = abT / abPrev;
    const beta = 1 - alpha;
    const mean = tf.add(tf.mul(x0, (Math.sqrt(abPrev) * beta) / (1 - abT)), tf.mul(x, (Math.sqrt(alpha) * (1 - abPrev)) / (1 - abT))) as tf.Tensor4D;
    if (prev === 0 || !rng) return [mean, x0];
    const sigma = Math.sqrt(((1 - abPrev) * beta) / (1 - abT));
    const z = tf.tensor4d(rng.fillNormal(new Float32Array(x.size)), x.shape);
    return [tf.add(mean, tf.mul(z, sigma)) as tf.Tensor4D, x0];
  });
}

export function sampleDigits(predict: DigitPredictor, schedule: NoiseSchedule, request: DigitSampleRequest): DigitSampleResult {
  const { labels, noise, guidance } = request;
  const n = labels.length;
  if (n < 1) throw new Error('ask for at least one digit');
  if (noise.length !== n * DIGIT_PIXELS) throw new Error(`the starting noise must hold ${n} × ${DIGIT_PIXELS} values (got ${noise.length})`);
  if (!labels.every((c) => Number.isInteger(c) && c >= 0 && c <= NULL_CLASS)) throw new Error(`every label must be a digit 0–9, or ${NULL_CLASS} for none`);
  if (!Number.isFinite(guidance) || guidance < 0) throw new Error(`the guidance scale must be a number of at least 0 (got ${guidance})`);
  const times = trailingTimes(schedule.T, request.steps);
  const T = schedule.T;
  let x = tf.tensor4d(noise, [n, DIGIT_SIDE, DIGIT_SIDE, 1]);
  const states: tf.Tensor[] = request.trajectory ? [tf.clone(x)] : [];
  const estimates: tf.Tensor[] = [];
  try {
    for (let k = 0; k + 1 < times.length; k++) {
      const t = times[k];
      const eps = guidedPrediction(predict, x, t / T, labels, guidance);
      const [next, x0] = digitReverseStep(schedule, request.sampler, x, eps, t, times[k + 1], request.rng);
      eps.dispose();
      x.dispose();
      x = next;
      if (request.trajectory) {
        states.push(tf.clone(x));
        estimates.push(x0);
      } else x0.dispose();
    }
    const images = x.dataSync().slice() as Float32Array;
    const readAll = (list: tf.Tensor[]) => tf.tidy(() => tf.concat(list.map((s) => tf.reshape(s, [-1]))).dataSync().slice() as Float32Array);
    return {
      images,
      states: request.trajectory ? readAll(states) : null,
      estimates: request.trajectory ? readAll(estimates) : null,
      times: Int32Array.from(times),
    };
  } finally {
    x.dispose();
    tf.dispose(states);
    tf.dispose(estimates);
  }
}
