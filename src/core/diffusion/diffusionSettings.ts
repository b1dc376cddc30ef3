/**
 * The diffusion lab's settings: which points to learn, which objective (DDPM noise
 * prediction or flow matching), the noise schedule and its length T, the denoiser's size
 * and the optimizer. Checked field by field on core/shared/settingsProblems.ts, so the link,
 * the checkpoint loader, the worker and the controls refuse a bad value with one sentence.
 */
import { SettingsProblems } from '../shared/settingsProblems';
import { DIFFUSION_OBJECTIVES, NOISE_SCHEDULES, type DiffusionObjective, type NoiseScheduleKind } from '../denoising/diffusionKinds';

/** The 2D point sets the lab trains on (core/points). */
export const DIFFUSION_DATASETS = ['ring', 'grid', 'moons', 'spiral'] as const;
export type DiffusionDataset = (typeof DIFFUSION_DATASETS)[number];

export { DIFFUSION_OBJECTIVES, NOISE_SCHEDULES, type DiffusionObjective, type NoiseScheduleKind };

export interface DiffusionSettings {
  dataset: DiffusionDataset;
  objective: DiffusionObjective;
  /** The DDPM objective's schedule; flow matching's path is a straight line whatever it says. */
  schedule: NoiseScheduleKind;
  /** Number of diffusion steps T (flow matching: the finest time grid the views use). */
  timesteps: number;
  /** Widths of the denoiser's hidden layers. */
  hidden: number[];
  /** Size of the sinusoidal time embedding (even). */
  timeEmbedding: number;
  batchSize: number;
  /** Adam's learning rate. */
  learningRate: number;
  /**
   * Sample with an exponential moving average of the weights (DDPM's EMA) instead of the latest
   * weights, which jitter from step to step. Absent means off, the default: on the ring, over
   * 2,000–5,000 steps, the average (decay 0.999) lagged behind a network still improving and
   * scored no better.
   */
  ema?: boolean;
  seed: number;
}

/** Whether the settings sample with the weights' moving average (absent: the default, off). */
export function emaOn(s: Pick<DiffusionSettings, 'ema'>): boolean {
  return s.ema === true;
}

export const DIFFUSION_LIMITS = {
  timesteps: { min: 10, max: 1000 },
  hiddenLayers: { min: 1, max: 4 },
  width: { min: 4, max: 256 },
  timeEmbedding: { min: 2, max: 64 },
  batchSize: { min: 8, max: 1024 },
  learningRate: { min: 1e-5, max: 0.1 },
  seed: { min: 0, max: 2 ** 31 - 1 },
} as const;

export const DEFAULT_DIFFUSION_SETTINGS: DiffusionSettings = {
  dataset: 'ring',
  objective: 'epsilon',
  schedule: 'cosine',
  timesteps: 100,
  // A third layer of 64 learns the 25-mode grid about twice as fast in wall time as two layers of
  // 64 (Node, grid, seed 1, full ancestral walk: 96% within 3σ after 16,000 steps against 65%)
  // or of 96, though each step costs about a third more.
  hidden: [64, 64, 64],
  timeEmbedding: 16,
  // On the ring, 5,000 steps put 86% of DDIM's samples within 3σ of a cluster with 512 points a
  // step, against 54% with 128: a steadier gradient, at about half the steps per second.
  batchSize: 512,
  learningRate: 3e-3,
  ema: false,
  seed: 1,
};

export function cloneDiffusionSettings(s: DiffusionSettings): DiffusionSettings {
  return { ...s, hidden: [...s.hidden] };
}

export function sameDiffusionSettings(a: DiffusionSettings, b: DiffusionSettings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof DiffusionSettings)[]);
  return [...keys].every((k) => {
    if (k === 'hidden') return a.hidden.length === b.hidden.length && a.hidden.every((w, i) => w === b.hidden[i]);
    if (k === 'ema') return emaOn(a) === emaOn(b);
    return a[k] === b[k];
  });
}

/** Everything wrong with `s`, each problem naming its field; empty when the settings can train. */
export function diffusionSettingsProblems(s: DiffusionSettings): string[] {
  const p = new SettingsProblems();
  if (typeof s !== 'object' || s === null) return ['the settings must be an object'];
  p.oneOf('dataset', s.dataset, DIFFUSION_DATASETS);
  p.oneOf('objective', s.objective, DIFFUSION_OBJECTIVES);
  p.oneOf('schedule', s.schedule, NOISE_SCHEDULES);
  p.number('timesteps', s.timesteps, DIFFUSION_LIMITS.timesteps, true);
  const layers = DIFFUSION_LIMITS.hiddenLayers;
  if (!Array.isArray(s.hidden) || s.hidden.length < layers.min || s.hidden.length > layers.max) {
    p.add(`hidden must list ${layers.min} to ${layers.max} layer widths`);
  } else {
    s.hidden.forEach((w, i) => p.number(`hidden[${i}]`, w, DIFFUSION_LIMITS.width, true));
  }
  p.number('timeEmbedding', s.timeEmbedding, DIFFUSION_LIMITS.timeEmbedding, true);
  if (Number.isInteger(s.timeEmbedding) && s.timeEmbedding % 2 !== 0) p.add(`timeEmbedding (${s.timeEmbedding}) must be even: it holds sine and cosine pairs`);
  p.number('batchSize', s.batchSize, DIFFUSION_LIMITS.batchSize, true);
  p.number('learningRate', s.learningRate, DIFFUSION_LIMITS.learningRate);
  if (s.ema !== undefined && typeof s.ema !== 'boolean') p.add('ema must be true or false');
  p.number('seed', s.seed, DIFFUSION_LIMITS.seed, true);
  return p.list;
}
