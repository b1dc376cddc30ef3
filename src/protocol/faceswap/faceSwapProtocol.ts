/**
 * What the face-swap lab's worker and its views say to each other. Pictures
 * travel as Float32Arrays of n·s·s·C values in [0, 1] (channels last), a few
 * times per second; scores as compact summaries (swapScoreSummary.ts).
 */
import type { CodeProjection } from '../../core/faceswap/codeProjection';
import type { FaceFactors } from '../../core/faceswap/faceFactors';
import type { FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import type { FaceSwapStepStats } from '../../core/faceswap/faceSwapTrainer';
import type { SwapPreview } from '../../core/faceswap/swapPreview';
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { SwapSnapshot } from '../../core/faceswap/swapSnapshot';
import type { BackendChoice, TrainingSpeed, WorkerInfo } from '../shared/sessionProtocol';

export type { BackendChoice, TrainingSpeed, CodeProjection, SwapPreview, SwapScoreSummary, SwapSnapshot };

/** One point of the charts: the step's losses, plus the swap scores every few seconds. */
export interface SwapMetricPoint extends FaceSwapStepStats {
  step: number;
  scores: SwapScoreSummary | null;
}

export interface FaceSwapFrame {
  steps: number;
  stepsPerSecond: number;
  /** The live preview grid (the same evaluation pictures every frame). */
  preview: SwapPreview;
  newMetrics: SwapMetricPoint[];
}

export type FaceSwapStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; message: string }
  | { kind: 'paused' }
  | { kind: 'running' }
  | { kind: 'diverged'; message: string };

export type FaceSwapWorkerInfo = WorkerInfo;

/** What `configure` answers after loading a pretrained model. */
export interface PretrainedSwapStart {
  /** See src/core/faceswap/pretrainedFaceSwaps.ts. */
  id: string;
  description: string;
  /** Steps it was trained for: the live frames count on from here. */
  steps: number;
  /** Seconds its training took (in Node, on one core). */
  seconds: number;
  /** Measured at the end of training. */
  scores: SwapScoreSummary;
  /** From step 0 to `steps`, in order. */
  timeline: SwapSnapshot[];
}

/** A model loaded from a file: like a shipped one, plus the settings it brings. */
export interface LoadedSwapModel extends PretrainedSwapStart {
  settings: FaceSwapSettings;
}

/** Puppet mode: a picture of A drawn with chosen factors, its reconstruction and its swap to B. */
export interface PuppetPictures {
  imageSize: number;
  channels: 1 | 3;
  /** One picture each, s·s·C values in [0, 1]. */
  source: Float32Array;
  reconstruction: Float32Array;
  swap: Float32Array;
}

export interface FaceSwapWorkerApi {
  init(backend: BackendChoice): Promise<FaceSwapWorkerInfo>;
  subscribe(onFrame: (frame: FaceSwapFrame) => void, onStatus: (status: FaceSwapStatus) => void): void;
  /**
   * A fresh model from the seed (`pretrained` null; answers null), or a shipped pretrained
   * model by id (answers its timeline and figures). A pretrained model's shape-deciding
   * settings must be kept; otherwise the call rejects with the reason and the current
   * model stays as it was.
   */
  configure(settings: FaceSwapSettings, pretrained: string | null): Promise<PretrainedSwapStart | null>;
  play(): void;
  pause(): void;
  step(): Promise<void>;
  setSpeed(speed: TrainingSpeed): void;
  /** Scores the current model now (both directions). */
  scoreNow(): Promise<SwapScoreSummary>;
  /** Toy faces: A drawn with `factors`, reconstructed by decoder A and swapped by decoder B; null if the model swaps digits. */
  puppet(factors: FaceFactors): Promise<PuppetPictures | null>;
  /** Digit styles: the held-out thin digit number `index`, its reconstruction and its swap; null if the model swaps toy faces. */
  puppetDigit(index: number): Promise<PuppetPictures | null>;
  /** PCA of the codes of `count` evaluation pictures per side. */
  projectCodes(count: number): Promise<CodeProjection>;
  /** The current model as a file the lab can load again (needs the judges, for its scores). */
  exportModel(): Promise<Uint8Array>;
  /**
   * A model from a file saved by the lab, trained on with `settings` (null: the ones it was saved
   * with; given, they must keep its shape). A file that is not such a model, or does not fit, is
   * refused with the reason and the current model stays as it was.
   */
  loadModel(bytes: Uint8Array, settings: FaceSwapSettings | null): Promise<LoadedSwapModel>;
}
