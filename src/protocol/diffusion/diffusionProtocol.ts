/**
 * What the diffusion lab's worker and its page say to each other. Frames carry typed arrays
 * (transferred, not copied) a few times per second: the loss, the reverse process's samples
 * and their trajectories, and the learned field at the chosen step.
 */
import type { DiffusionSettings } from '../../core/diffusion/diffusionSettings';
import { samplersFor, type SamplerKind } from '../../core/diffusion/diffusionSamplers';
import type { Bounds } from '../../core/points/toyDistributions';
import type { FrameBase, TrainingSessionApi, WorkerInfo } from '../shared/sessionProtocol';

export type { SamplerKind };

/** How the page wants the reverse process shown; changing it never resets training. */
export interface SamplingView {
  sampler: SamplerKind;
  /** Reverse steps for DDIM and Euler (1…T); the ancestral sampler always takes T. */
  steps: number;
  /** The step t (1…T) at which the learned field is drawn. */
  fieldStep: number;
}

export const DEFAULT_SAMPLING_VIEW: SamplingView = { sampler: 'ddim', steps: 20, fieldStep: 20 };

/** The view made to fit a model: a sampler its objective can use, steps and field step within 1…T. */
export function fitView(view: SamplingView, settings: DiffusionSettings): SamplingView {
  const samplers = samplersFor(settings.objective);
  const clampStep = (n: number) => Math.min(settings.timesteps, Math.max(1, Math.round(Number.isFinite(n) ? n : 1)));
  const sampler = samplers.includes(view.sampler) ? view.sampler : samplers[samplers.length - 1];
  return {
    sampler,
    steps: sampler === 'ancestral' ? settings.timesteps : clampStep(view.steps),
    fieldStep: clampStep(view.fieldStep),
  };
}

/** One run of the reverse process from the lab's fixed noise, with the field beside it. */
export interface DiffusionPicture {
  /** The view as the worker used it (a sampler the objective cannot use, or steps over T, are replaced). */
  view: SamplingView;
  /** The final particles, interleaved x, y (data space). */
  samples: Float32Array;
  /** (times.length) states of every particle, state after state, from the noise to the samples. */
  trajectory: Float32Array;
  /** The step t of each state (T … 0; fractional for Euler). */
  times: Float32Array;
  /** fieldSize² vectors (dx, dy), row 0 at yMax: the score (DDPM) or the reversed velocity (flow matching). */
  field: Float32Array;
  fieldSize: number;
  /** Particles the sampler produced per second, in this run. */
  samplesPerSecond: number;
  /** Mixtures only: modes covered by the particles (of modeCount) and the fraction within 3σ of a mode. */
  modesCovered: number | null;
  highQuality: number | null;
}

/** One point of the charts. */
export interface DiffusionMetricPoint {
  step: number;
  /** The latest batch's loss (mean squared error of the predicted noise or velocity). */
  loss: number;
  /** An exponential moving average of the losses measured (weight 0.1 for the newest). */
  smoothedLoss: number;
  modesCovered: number | null;
  highQuality: number | null;
  samplesPerSecond: number;
}

export interface DiffusionFrame extends FrameBase<DiffusionMetricPoint>, DiffusionPicture {
  bounds: Bounds;
  /** A fixed draw of the real data, interleaved x, y. */
  reals: Float32Array;
  /** Mixtures: the true mode centres (interleaved), else empty. */
  modeCenters: Float32Array;
  modeCount: number;
}

/**
 * The worker's API, through comlink. The lab ships no pretrained models: a start is from
 * scratch or from a file `saveModel` wrote. Everything that can fail rejects with a readable message.
 */
export interface DiffusionWorkerApi extends TrainingSessionApi<DiffusionSettings, DiffusionFrame, WorkerInfo, null> {
  /** Shows the reverse process this way from now on, and returns it at once (for a paused model too). */
  setView(view: SamplingView): Promise<DiffusionPicture>;
}
