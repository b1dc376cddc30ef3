/**
 * What the face-swap lab's worker and its views say to each other. Pictures
 * travel as Float32Arrays of n·s·s·C values in [0, 1] (channels last), a few
 * times per second; scores as compact summaries (swapScoreSummary.ts).
 */
import type { CodeProjection } from '../../core/faceswap/codeProjection';
import type { FaceFactors } from '../../core/toyfaces/faceFactors';
import type { FaceSwapSettings } from '../../core/autoencoder/faceSwapSettings';
import type { FaceSwapStepStats } from '../../core/faceswap/faceSwapTrainer';
import type { SwapPreview } from '../../core/faceswap/swapPreview';
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { SwapSnapshot } from '../../core/faceswap/swapSnapshot';
import type { BackendChoice, FrameBase, SessionStatus, TrainingSessionApi, TrainingSpeed, WorkerInfo } from '../shared/sessionProtocol';

export type { BackendChoice, SessionStatus, TrainingSpeed, CodeProjection, SwapPreview, SwapScoreSummary, SwapSnapshot };

/** One point of the charts: the step's losses, plus the swap scores every few seconds. */
export interface SwapMetricPoint extends FaceSwapStepStats {
  step: number;
  scores: SwapScoreSummary | null;
}

export interface FaceSwapFrame extends FrameBase<SwapMetricPoint> {
  /** The live preview grid (the same evaluation pictures every frame). */
  preview: SwapPreview;
}

export type FaceSwapWorkerInfo = WorkerInfo;

/** What `configure` answers after loading a pretrained model or a model file saved by the lab. */
export interface PretrainedSwapStart {
  /** See src/core/autoencoder/pretrainedFaceSwaps.ts; 'file' for a model file. */
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

/** Puppet mode: a picture of A drawn with chosen factors, its reconstruction and its swap to B. */
export interface PuppetPictures {
  imageSize: number;
  channels: 1 | 3;
  /** One picture each, s·s·C values in [0, 1]. */
  source: Float32Array;
  reconstruction: Float32Array;
  swap: Float32Array;
}

/**
 * The face-swap lab's worker. `configure` starts a fresh model from the seed (answers start
 * null), a shipped pretrained model by id or a model file `saveModel` wrote (answers its
 * timeline and figures). With a pretrained model or a file, the shape-deciding settings must be
 * kept; otherwise the call rejects with the reason and the current model stays as it was.
 * Saving needs the judges, for the file's scores.
 */
export interface FaceSwapWorkerApi extends TrainingSessionApi<FaceSwapSettings, FaceSwapFrame, FaceSwapWorkerInfo, PretrainedSwapStart> {
  /** Scores the current model now (both directions). */
  scoreNow(): Promise<SwapScoreSummary>;
  /** Toy faces: A drawn with `factors`, reconstructed by decoder A and swapped by decoder B; null if the model swaps digits. */
  puppet(factors: FaceFactors): Promise<PuppetPictures | null>;
  /** Digit styles: the held-out thin digit number `index`, its reconstruction and its swap; null if the model swaps toy faces. */
  puppetDigit(index: number): Promise<PuppetPictures | null>;
  /** PCA of the codes of `count` evaluation pictures per side. */
  projectCodes(count: number): Promise<CodeProjection>;
}
