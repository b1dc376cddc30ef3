/**
 * What the adversarial lab's worker and its views say to each other.
 * Frames carry typed arrays (transferred, not copied) a few times per second.
 */
import type { GanSettings } from '../../core/ganSettings';
import type { StepKind, StepStats } from '../../core/ganTrainer';
import type { Bounds } from '../../core/toyDistributions';

export type BackendChoice = 'auto' | 'wasm' | 'webgl' | 'cpu';

/** Speed as epochs per animation frame (60 per second), or as fast as the machine allows. */
export type TrainingSpeed = 1 | 5 | 20 | 100 | 'max';
export const TRAINING_SPEEDS: readonly TrainingSpeed[] = [1, 5, 20, 100, 'max'];

/** One point of the charts: the trainer's latest step statistics plus the distribution metrics. */
export interface MetricPoint extends StepStats {
  /** Generator steps (epochs) so far. */
  step: number;
  /** KL(real ‖ fake) and JS divergence of histograms on a grid over the plot (nats). */
  kl: number;
  js: number;
  /** Mixtures only: modes covered (of modeCount) and fraction of high-quality samples in [0, 1]. */
  modesCovered: number | null;
  highQuality: number | null;
  /** WGAN-GP only: the critic's estimate E[D(real)] − E[D(fake)]. */
  wasserstein: number | null;
}

export interface GanFrame {
  generatorSteps: number;
  discriminatorSteps: number;
  epochsPerSecond: number;
  bounds: Bounds;
  /** Interleaved x, y. */
  reals: Float32Array;
  fakes: Float32Array;
  /** Per fake point, the direction −∂L_G/∂x the generator's update pushes it (interleaved dx, dy). */
  push: Float32Array;
  /** heatmapSize² verdicts, row-major, row 0 at yMax (top of the plot), column 0 at xMin. */
  heatmap: Float32Array;
  heatmapSize: number;
  /** Whether heatmap values are probabilities in [0, 1] or unbounded critic scores (WGAN, hinge). */
  heatmapIsProbability: boolean;
  /** The generator's manifold: G applied to a grid in noise space (rows × cols points, interleaved x, y). */
  manifold: Float32Array;
  manifoldRows: number;
  manifoldCols: number;
  /** Mixtures: the true mode centres (interleaved), else empty. */
  modeCenters: Float32Array;
  /** Metric points recorded since the previous frame. */
  newMetrics: MetricPoint[];
}

export type TrainerStatus =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'paused' }
  | { kind: 'diverged'; message: string; lastGoodStep: number };

export interface WorkerInfo {
  backend: string;
  /** Set when the requested backend failed and another one is running instead. */
  backendNote: string | null;
}

/** The worker's API, called through comlink. Everything that can fail rejects with a readable message. */
export interface AdversarialWorkerApi {
  init(backend: BackendChoice): Promise<WorkerInfo>;
  /** Subscribe once; frames and status changes arrive through these callbacks. */
  subscribe(onFrame: (frame: GanFrame) => void, onStatus: (status: TrainerStatus) => void): void;
  /** (Re)initialise networks from the seed with these settings; pauses training. */
  configure(settings: GanSettings, customPoints: Float32Array | null): Promise<void>;
  play(): void;
  pause(): void;
  /** One step of the given kind while paused; posts a frame afterwards. */
  step(kind: StepKind): Promise<void>;
  setSpeed(speed: TrainingSpeed): void;
  /** After divergence: put back the weights of the last healthy frame. */
  restoreLastGood(): Promise<void>;
  /** The trained weights with their settings, as the text of a checkpoint file. */
  exportCheckpoint(): Promise<string>;
  /** Validates a checkpoint file's text; on success replaces the session and returns what it holds. */
  loadCheckpoint(text: string): Promise<{ settings: GanSettings; customPoints: Float32Array | null }>;
}

export type { StepKind };
