/**
 * What the adversarial lab's worker and its views say to each other.
 * Frames carry typed arrays (transferred, not copied) a few times per second.
 */
import type { GanSettings } from '../../core/pointGan/ganSettings';
import type { StepKind, StepStats } from '../../core/pointGan/ganTrainer';
import type { Bounds } from '../../core/points/toyDistributions';

import type { BackendChoice, FrameBase, SessionStatus, TrainingSessionApi, TrainingSpeed, WorkerInfo } from '../shared/sessionProtocol';

export type { BackendChoice, SessionStatus, TrainingSpeed, WorkerInfo };
export { TRAINING_SPEEDS } from '../shared/sessionProtocol';

/** What the adversarial lab trains with: the settings, and the points of a custom dataset (interleaved x, y), if any. */
export interface AdversarialSetup {
  settings: GanSettings;
  customPoints: Float32Array | null;
}

/** One point of the charts: the trainer's latest step statistics plus the distribution metrics. */
export interface MetricPoint extends StepStats {
  /** Generator steps (epochs) so far. */
  step: number;
  /** KL(real ‖ fake) and JS divergence of histograms on a grid over the plot (nats). */
  kl: number;
  js: number;
  /** Mixtures only: modes covered (of modeCount) and fraction of high-quality samples in [0, 1], by the live generator's samples. */
  modesCovered: number | null;
  highQuality: number | null;
  /** WGAN-GP only: the critic's estimate E[D(real)] − E[D(fake)]. */
  wasserstein: number | null;
}

// A mapped type makes the compiler insist on every field; insertion order is the column order.
const COLUMNS: { [K in keyof MetricPoint]: K } = {
  step: 'step',
  dLoss: 'dLoss',
  gLoss: 'gLoss',
  dReal: 'dReal',
  dFake: 'dFake',
  gradNormD: 'gradNormD',
  gradNormG: 'gradNormG',
  kl: 'kl',
  js: 'js',
  modesCovered: 'modesCovered',
  highQuality: 'highQuality',
  wasserstein: 'wasserstein',
};

/** The columns of the metrics CSV: every MetricPoint field. */
export const METRIC_COLUMNS: readonly (keyof MetricPoint)[] = Object.values(COLUMNS);

/** `steps` counts generator steps (epochs); the discriminator's are counted beside them. */
export interface GanFrame extends FrameBase<MetricPoint> {
  discriminatorSteps: number;
  bounds: Bounds;
  /** Interleaved x, y. */
  reals: Float32Array;
  fakes: Float32Array;
  /**
   * The averaged generator's points from the same noise as `fakes` (interleaved x, y), while the
   * generator's weights are averaged (the `generatorAverage` setting); empty otherwise.
   */
  averagedFakes: Float32Array;
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
}

/**
 * The worker's API, called through comlink. The lab ships no pretrained models: a start is from
 * scratch or from a file `saveModel` wrote (the JSON text of a checkpoint, which older exported
 * files share). Everything that can fail rejects with a readable message.
 */
export interface AdversarialWorkerApi extends TrainingSessionApi<AdversarialSetup, GanFrame, WorkerInfo, null> {
  /** One step of the given kind (both networks when none is given) while paused; posts a frame afterwards. */
  step(kind?: StepKind): Promise<void>;
}

export type { StepKind };
