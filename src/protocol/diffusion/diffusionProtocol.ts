/**
 * What the diffusion lab's worker and its page say to each other. Frames carry typed arrays
 * (transferred, not copied) a few times per second: the loss, the reverse process's samples
 * and their trajectories, and the learned field at the chosen step.
 */
import type { DiffusionSettings } from '../../core/diffusion/diffusionSettings';
import { samplersFor, type SamplerKind } from '../../core/diffusion/samplerKinds';
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

/**
 * The full ancestral walk by default: it lands the most points on the data, and the lab's targets
 * are measured on it; `steps` is what DDIM takes when the learner switches to it.
 */
export const DEFAULT_SAMPLING_VIEW: SamplingView = { sampler: 'ancestral', steps: 20, fieldStep: 20 };

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

/** One side of the race against a GAN, as the table shows it. */
export interface RaceSide {
  /** Seconds this side has spent in training steps since the race began. */
  trainingSeconds: number;
  /** Its training steps (the GAN's: generator steps, each after one discriminator step). */
  steps: number;
  /** Mixtures only, on the samples shown: clusters with a sample within 3σ, and the share within 3σ. */
  modesCovered: number | null;
  highQuality: number | null;
  /**
   * Samples drawn per second, measured while drawing the ones shown (diffusion: at the chosen
   * sampler and steps; the GAN: averaged over recent frames, as one draw is too quick to time alone).
   */
  samplesPerSecond: number;
}

/** The race: a GAN trained on the same points and seed, sharing the worker's time with the denoiser half and half. */
export interface RaceFrame {
  /** The GAN's fakes from fixed noise, interleaved x, y: as many as the denoiser's particles. */
  fakes: Float32Array;
  diffusion: RaceSide;
  gan: RaceSide;
}

export interface DiffusionFrame extends FrameBase<DiffusionMetricPoint>, DiffusionPicture {
  /** The race against a GAN, while it is on; else null. */
  race: RaceFrame | null;
  bounds: Bounds;
  /** A fixed draw of the real data, interleaved x, y. */
  reals: Float32Array;
  /** Mixtures: the true mode centres (interleaved), else empty. */
  modeCenters: Float32Array;
  modeCount: number;
}

/** What the Digits view asks the worker for: a grid of one class (or every class, -1) from fixed noise. */
export interface DigitGridRequest {
  /** The digit asked for (0–9), or -1 for the ten digits in turn. */
  digit: number;
  /** Classifier-free guidance scale w (0 = ignore the class). */
  guidance: number;
  /** DDIM steps from noise to digit (1…T). */
  steps: number;
}

export const DIGIT_GRID_COUNT = 64;
export const GUIDANCE_RANGE = { min: 0, max: 8, step: 0.5 } as const;
export const DIGIT_STEPS_RANGE = { min: 1, max: 50 } as const;

/** What is wrong with a grid request, or null. */
export function digitGridProblem(r: DigitGridRequest): string | null {
  if (typeof r !== 'object' || r === null) return 'The digit request must be an object.';
  if (!Number.isInteger(r.digit) || r.digit < -1 || r.digit > 9) return `The digit must be 0 to 9, or -1 for all ten (got ${String(r.digit)}).`;
  if (typeof r.guidance !== 'number' || !(r.guidance >= GUIDANCE_RANGE.min && r.guidance <= GUIDANCE_RANGE.max)) return `The guidance scale must be from ${GUIDANCE_RANGE.min} to ${GUIDANCE_RANGE.max} (got ${String(r.guidance)}).`;
  if (!Number.isInteger(r.steps) || r.steps < DIGIT_STEPS_RANGE.min || r.steps > DIGIT_STEPS_RANGE.max) return `The sampling steps must be a whole number from ${DIGIT_STEPS_RANGE.min} to ${DIGIT_STEPS_RANGE.max} (got ${String(r.steps)}).`;
  return null;
}

/** One run of the digit model: every state x_t and every estimate x̂_0 of the grid, and what the classifier reads. */
export interface DigitGridPicture {
  request: DigitGridRequest;
  count: number;
  /** The class asked for, per digit. */
  labels: Int32Array;
  /** (steps + 1) states of the grid, count·784 each, from the noise x_T to the digits x_0. */
  states: Float32Array;
  /** steps estimates x̂_0, count·784 each (the estimate made at the state with the same index). */
  estimates: Float32Array;
  /** The step t of each state (T first, 0 last). */
  times: Int32Array;
  /** The classifier's reading of each final digit. */
  predicted: Uint8Array;
  /** Seconds the sampler took, in the worker, on its backend. */
  seconds: number;
}

/** Inception Score and Fréchet distance (by the project's digit classifier) of one model, as shipped. */
export interface DigitScoreRow {
  model: string;
  inceptionScore: number;
  frechetDistance: number;
  /** Conditional models: share of samples read as the class asked for. */
  classAgreement: number | null;
  /** Where the figure comes from. */
  source: string;
}

export interface DigitModelInfo {
  /** Settings of the shipped U-Net, its parameter count, training steps and seconds. */
  widths: number[];
  parameters: number;
  trainedSteps: number;
  trainedSeconds: number;
  timesteps: number;
  defaults: { guidance: number; steps: number };
  /** Loss and scores over training, from the file. */
  timeline: { step: number; loss: number | null; inceptionScore: number | null; frechetDistance: number | null }[];
  /** The diffusion model, the digit GANs and real digits, scored the same way. */
  scores: DigitScoreRow[];
}

/**
 * The worker's API, through comlink. The 2D training ships no pretrained models: a start is from
 * scratch or from a file `saveModel` wrote; the Digits view samples the shipped digit U-Net. Everything that can fail rejects with a readable message.
 */
export interface DiffusionWorkerApi extends TrainingSessionApi<DiffusionSettings, DiffusionFrame, WorkerInfo, null> {
  /** Shows the reverse process this way from now on, and returns it at once (for a paused model too). */
  setView(view: SamplingView): Promise<DiffusionPicture>;
  /**
   * Switches the race against a GAN on or off. On: a model without a GAN gets a fresh one (reset
   * to start both from scratch on one clock), and every model built from now on races. Off: the GAN is dropped.
   */
  setRace(on: boolean): Promise<void>;
  /** Loads the shipped digit model (once) and says what it is and how it scores beside the digit GANs. */
  digitModel(): Promise<DigitModelInfo>;
  /** Samples a grid of digits with the shipped model, keeping every step. */
  sampleDigitGrid(request: DigitGridRequest): Promise<DigitGridPicture>;
}
