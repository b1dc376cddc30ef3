/**
 * Noise schedules and the forward process, in closed form. Time runs t = 0 (the data) to
 * t = T (pure noise). Plain numbers, no TF.js: the page draws them and the trainer and
 * samplers read them.
 *
 * DDPM (Ho et al. 2020): q(x_t | x_{t−1}) = N(√(1−β_t) x_{t−1}, β_t I), so with α_t = 1 − β_t
 * and ᾱ_t = ∏_{s≤t} α_s the forward process jumps straight to any t (their eq. 4):
 *   q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I),   x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε,  ε ~ N(0, I).
 *
 * Flow matching (Lipman et al. 2023) with the conditional optimal-transport path (σ_min = 0),
 * written with the same direction of time: x_τ = (1 − τ) x_0 + τ ε for τ = t / T in [0, 1].
 */
import type { DiffusionObjective, NoiseScheduleKind } from './diffusionKinds';

export interface NoiseSchedule {
  kind: NoiseScheduleKind;
  /** T: the number of noising steps. */
  T: number;
  /** β_t for t = 0…T (β_0 = 0, unused). */
  betas: Float64Array;
  /** α_t = 1 − β_t. */
  alphas: Float64Array;
  /** ᾱ_t = ∏_{s=1..t} α_s; ᾱ_0 = 1. */
  alphaBars: Float64Array;
}

/** Largest β a schedule uses (Nichol & Dhariwal clip at 0.999 so the last step is not a singularity). */
export const MAX_BETA = 0.999;

function fromBetas(kind: NoiseScheduleKind, betas: Float64Array): NoiseSchedule {
  const T = betas.length - 1;
  const alphas = new Float64Array(T + 1);
  const alphaBars = new Float64Array(T + 1);
  alphas[0] = 1;
  alphaBars[0] = 1;
  for (let t = 1; t <= T; t++) {
    alphas[t] = 1 - betas[t];
    alphaBars[t] = alphaBars[t - 1] * alphas[t];
  }
  return { kind, T, betas, alphas, alphaBars };
}

function checkT(T: number): void {
  if (!Number.isInteger(T) || T < 1) throw new Error(`T must be a whole number of steps, at least 1 (got ${T})`);
}

/**
 * Ho et al.'s linear schedule: β from 10⁻⁴ to 0.02 over T = 1000 steps. For another T the
 * ends scale by 1000 / T (as Nichol & Dhariwal's code does), so the data is as fully noised at t = T.
 */
export function linearSchedule(T: number): NoiseSchedule {
  checkT(T);
  const scale = 1000 / T;
  const start = 1e-4 * scale;
  const end = Math.min(0.02 * scale, MAX_BETA);
  const betas = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) betas[t] = Math.min(T === 1 ? end : start + ((end - start) * (t - 1)) / (T - 1), MAX_BETA);
  return fromBetas('linear', betas);
}

/** Nichol & Dhariwal's offset s, so that β_1 is not vanishingly small. */
export const COSINE_OFFSET = 0.008;

/**
 * Nichol & Dhariwal 2021 (improved DDPM, eq. 17): ᾱ_t = f(t) / f(0) with
 * f(t) = cos²(((t/T + s) / (1 + s)) · π/2), and β_t = 1 − ᾱ_t / ᾱ_{t−1}, clipped at 0.999.
 */
export function cosineSchedule(T: number): NoiseSchedule {
  checkT(T);
  const f = (t: number) => Math.cos(((t / T + COSINE_OFFSET) / (1 + COSINE_OFFSET)) * (Math.PI / 2)) ** 2;
  const betas = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) betas[t] = Math.min(1 - f(t) / f(t - 1), MAX_BETA);
  return fromBetas('cosine', betas);
}

export function makeSchedule(kind: NoiseScheduleKind, T: number): NoiseSchedule {
  return kind === 'cosine' ? cosineSchedule(T) : linearSchedule(T);
}

/** How much of the data and of the noise x_t holds: x_t = signal · x_0 + noise · ε. */
export interface PathCoefficients {
  signal: number;
  noise: number;
}

/**
 * The coefficients at step t (0…T) of the path an objective trains on: √ᾱ_t and √(1 − ᾱ_t)
 * for DDPM; 1 − τ and τ (τ = t / T) for flow matching's straight path.
 */
export function pathAt(objective: DiffusionObjective, schedule: NoiseSchedule, t: number): PathCoefficients {
  if (!Number.isInteger(t) || t < 0 || t > schedule.T) throw new Error(`t must be a whole step from 0 to ${schedule.T} (got ${t})`);
  if (objective === 'velocity') {
    const tau = t / schedule.T;
    return { signal: 1 - tau, noise: tau };
  }
  const alphaBar = schedule.alphaBars[t];
  return { signal: Math.sqrt(alphaBar), noise: Math.sqrt(1 - alphaBar) };
}

/**
 * One draw of the forward process for every point: x_t = signal · x_0 + noise · ε, with the
 * noise ε given (interleaved x, y like x_0), so the page can slide t over the same draw.
 */
export function diffusePoints(x0: Float32Array, epsilon: Float32Array, path: PathCoefficients): Float32Array {
  if (x0.length !== epsilon.length) throw new Error(`x0 and epsilon must be the same length (${x0.length} and ${epsilon.length})`);
  const out = new Float32Array(x0.length);
  for (let i = 0; i < x0.length; i++) out[i] = path.signal * x0[i] + path.noise * epsilon[i];
  return out;
}

/**
 * The "trailing" grid (Lin et al. 2024): T, T − T/S, T − 2T/S, … (S steps, rounded), then 0, so
 * even one step goes from pure noise to an estimate of the data. The digit model uses it: with
 * its linear schedule the first estimate, clipped to the pixels' range, enters the next state
 * weighted by √ᾱ_{t'} ≤ 0.02 (T = 1000, 10 steps), where it does no harm.
 */
export function trailingTimes(T: number, steps: number): number[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > T) throw new Error(`sampling steps must be a whole number from 1 to T = ${T} (got ${steps})`);
  const times: number[] = [];
  for (let i = 0; i < steps; i++) times.push(Math.round(T - (i * T) / steps));
  times.push(0);
  return times;
}
