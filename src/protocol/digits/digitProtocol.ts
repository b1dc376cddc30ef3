/**
 * What the digit forger's worker and its views say to each other. Images
 * travel as Float32Arrays of n·28·28 values in [0, 1], a few times per second.
 */
import type { DigitGanSettings } from '../../core/mnist/digitGanSettings';
import type { DigitStepStats } from '../../core/digits/digitGanTrainer';
import type { DigitQuality } from '../../core/mnist/digitQuality';
import type { BackendChoice, FrameBase, SessionStatus, TrainingSessionApi, TrainingSpeed, WorkerInfo } from '../shared/sessionProtocol';

export type { BackendChoice, SessionStatus, TrainingSpeed };

/** One point of the charts: the latest step statistics plus, every few seconds, the quality score. */
export interface DigitMetricPoint extends DigitStepStats {
  step: number;
  inceptionScore: number | null;
  frechetDistance: number | null;
}

/** `steps` counts generator steps. */
export interface DigitFrame extends FrameBase<DigitMetricPoint> {
  /** The fixed-noise grid: the same noise every frame, so each cell evolves visibly. */
  grid: Float32Array;
  gridCount: number;
  /** D's verdict on each grid cell, as a probability where the loss has one. */
  gridVerdicts: Float32Array;
  /** The class asked of each cell (conditional models), else null. */
  gridLabels: Int32Array | null;
}

export interface DigitWorkerInfo extends WorkerInfo {
  trainCount: number;
  heldOutCount: number;
  /** Real held-out digits scored exactly as the fakes are: the yardstick on the quality charts. */
  realQuality: DigitQuality;
}

export interface RealDigits {
  images: Float32Array;
  labels: Uint8Array;
}

/**
 * One moment of a pretrained model's training, as its checkpoint stores it: the
 * fixed-noise grid drawn at that step. Shaped like the lab's live timeline
 * snapshots (timeline.ts GridSnapshot), so it can seed that timeline as it is.
 */
export interface PretrainedSnapshot {
  /** Generator steps when the grid was drawn (the first is 0: the untrained generator). */
  step: number;
  /** gridCount·28·28 pixels in [0, 1] (stored as 256 grey levels). */
  grid: Float32Array;
  gridCount: number;
  /** D's verdict on each cell at that step. */
  verdicts: Float32Array;
  /** Asked-for class per cell (conditional models), else null. */
  labels: Int32Array | null;
  /** Quality of fresh samples at that step (as the charts measure it), or null where not measured. */
  inceptionScore: number | null;
  frechetDistance: number | null;
}

/** What `configure` answers after loading a pretrained model or a model file (a saved file's timeline holds the moment it was saved). */
export interface PretrainedStart {
  /** The pretrained model's id (see src/core/mnist/pretrainedDigitGans.ts), or 'file' for a model file. */
  id: string;
  description: string;
  /** Generator steps it was trained for: the live frames count on from here. */
  steps: number;
  /** Seconds its training took (in Node, on one core). */
  seconds: number;
  /** Measured at the end of training on `samples` fresh digits. */
  quality: DigitQuality;
  /** As many real digits, scored the same way. */
  realBaseline: DigitQuality;
  samples: number;
  /** From step 0 to `steps`, in order; the live grid continues its last snapshot (same noise, same classes). */
  timeline: PretrainedSnapshot[];
}

/**
 * The digit forger's worker. `configure` starts a fresh model from the seed (answers start
 * null), a shipped pretrained model by id or a model file (answer its timeline and figures).
 * With a pretrained model or a file, `settings` must keep its architecture, upsampling,
 * conditioning, latent size and widths (optimizers, loss, batch, seed and classes may change);
 * otherwise the call rejects with the reason and the current model stays as it was.
 */
export interface DigitWorkerApi extends TrainingSessionApi<DigitGanSettings, DigitFrame, DigitWorkerInfo, PretrainedStart> {
  /** Real training digits of the chosen classes, for the real-beside-fake view. */
  realDigits(count: number, seed: number): Promise<RealDigits>;
  /** Real digits of the trained classes scored as the fakes are (the charts' yardstick); null without a scorer. */
  realQuality(): Promise<DigitQuality | null>;
  /** G along a spherical path between two seeded noise vectors. */
  latentWalk(fromSeed: number, toSeed: number, steps: number, label: number | null): Promise<Float32Array>;
  /** G at a seeded noise vector with the first dimensions replaced by `overrides`. */
  sampleWithOverrides(seed: number, overrides: number[], label: number | null): Promise<Float32Array>;
}
