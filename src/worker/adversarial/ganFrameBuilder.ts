/**
 * Turns the trainer's current state into a GanFrame's own fields (what the views draw) and
 * the metrics the charts plot. Runs a few times per second, never per step.
 */
import type { StepStats } from '../../core/pointGan/ganTrainer';
import { GanTrainer } from '../../core/pointGan/ganTrainer';
import { SeededRandom } from '../../core/shared/seededRandom';
import { measureModeCoverage, COVERAGE_SAMPLE_COUNT } from '../../core/points/modeCoverage';
import { gridDivergences } from '../../core/points/distributionDivergence';
import type { GanFrame, MetricPoint } from '../../protocol/adversarial/adversarialProtocol';
import type { FrameBase } from '../../protocol/shared/sessionProtocol';

export const HEATMAP_SIZE = 48;
export const SHOWN_SAMPLES = 512;
const MANIFOLD_SIDE = 21;
const REFERENCE_SAMPLES = 10_000;

/** Fixed inputs drawn once per configuration, so points move smoothly from frame to frame. */
export class FrameInputs {
  readonly fixedNoise: Float32Array;
  readonly shownReals: Float32Array;
  readonly referenceReals: Float32Array;
  readonly heatmapPoints: Float32Array;
  readonly manifoldNoise: Float32Array;
  readonly manifoldRows: number;
  readonly manifoldCols: number;

  constructor(trainer: GanTrainer) {
    const { settings, distribution } = trainer;
    const rng = new SeededRandom(settings.seed).fork(99);
    this.fixedNoise = trainer.sampleNoise(COVERAGE_SAMPLE_COUNT, rng);
    this.referenceReals = distribution.sample(REFERENCE_SAMPLES, rng);
    this.shownReals = this.referenceReals.slice(0, SHOWN_SAMPLES * 2);
    const { xMin, xMax, yMin, yMax } = distribution.bounds;
    this.heatmapPoints = new Float32Array(HEATMAP_SIZE * HEATMAP_SIZE * 2);
    for (let row = 0; row < HEATMAP_SIZE; row++) {
      for (let col = 0; col < HEATMAP_SIZE; col++) {
        const i = 2 * (row * HEATMAP_SIZE + col);
        this.heatmapPoints[i] = xMin + ((col + 0.5) / HEATMAP_SIZE) * (xMax - xMin);
        this.heatmapPoints[i + 1] = yMax - ((row + 0.5) / HEATMAP_SIZE) * (yMax - yMin);
      }
    }
    // The manifold: a grid over the first two noise dimensions (others held at 0), or a line for 1-D noise.
    const dim = settings.noiseDim;
    const extent = settings.noiseKind === 'uniform' ? 1 : 2;
    this.manifoldRows = dim === 1 ? 1 : MANIFOLD_SIDE;
    this.manifoldCols = dim === 1 ? 4 * MANIFOLD_SIDE : MANIFOLD_SIDE;
    this.manifoldNoise = new Float32Array(this.manifoldRows * this.manifoldCols * dim);
    for (let r = 0; r < this.manifoldRows; r++) {
      for (let c = 0; c < this.manifoldCols; c++) {
        const base = (r * this.manifoldCols + c) * dim;
        this.manifoldNoise[base] = -extent + (2 * extent * c) / (this.manifoldCols - 1);
        if (dim > 1) this.manifoldNoise[base + 1] = extent - (2 * extent * r) / (this.manifoldRows - 1);
      }
    }
  }
}

/** The name of the first non-finite quantity (a loss, G's output, D's verdict), or null when all is well. */
export function findNonFinite(trainer: GanTrainer, stats: StepStats, samples: Float32Array, heatmapRaw: Float32Array): string | null {
  // Stats not measured yet (fresh or restored weights) are unknown, not divergent.
  if (trainer.hasStats('discriminator') && !Number.isFinite(stats.dLoss)) return 'the discriminator loss';
  if (trainer.hasStats('generator') && !Number.isFinite(stats.gLoss)) return 'the generator loss';
  if (!samples.every(Number.isFinite)) return "the generator's output";
  if (!heatmapRaw.every(Number.isFinite)) return "the discriminator's verdict";
  return null;
}

export function measureMetrics(trainer: GanTrainer, inputs: FrameInputs, stats: StepStats, samples: Float32Array): MetricPoint {
  const { distribution, settings } = trainer;
  const coverage = distribution.modeCenters
    ? measureModeCoverage(samples, distribution.modeCenters, distribution.sigma)
    : null;
  const { kl, js } = gridDivergences(inputs.referenceReals, samples, distribution.bounds);
  return {
    step: trainer.steps,
    ...stats,
    kl,
    js,
    modesCovered: coverage ? coverage.modesCovered : null,
    highQuality: coverage ? coverage.highQualityFraction : null,
    wasserstein: settings.loss === 'wganGp' ? stats.dReal - stats.dFake : null,
  };
}

/** What a GanFrame shows beside the steps, the rate and the metric points (the session adds those). */
export type GanFrameFields = Omit<GanFrame, keyof FrameBase<MetricPoint>>;

export function buildFrameFields(trainer: GanTrainer, inputs: FrameInputs, samples: Float32Array, heatmapRaw: Float32Array): GanFrameFields {
  const { settings, distribution } = trainer;
  const fakes = samples.slice(0, SHOWN_SAMPLES * 2);
  // Packs of m points are judged together, so arrows are computed on a multiple of m.
  const pushable = Math.floor(SHOWN_SAMPLES / settings.packing) * settings.packing;
  const push = new Float32Array(fakes.length);
  push.set(trainer.generatorPush(fakes.subarray(0, pushable * 2)));
  const isProbability = settings.loss === 'minimax' || settings.loss === 'nonSaturating' || settings.loss === 'leastSquares';
  const heatmap = new Float32Array(heatmapRaw.length);
  for (let i = 0; i < heatmap.length; i++) {
    const v = heatmapRaw[i];
    heatmap[i] = settings.loss === 'leastSquares' ? Math.min(1, Math.max(0, v)) : isProbability ? 1 / (1 + Math.exp(-v)) : v;
  }
  return {
    discriminatorSteps: trainer.discriminatorSteps,
    bounds: { ...distribution.bounds },
    reals: inputs.shownReals.slice(),
    fakes,
    averagedFakes: trainer.averagesGenerator ? trainer.generateAveraged(inputs.fixedNoise.subarray(0, SHOWN_SAMPLES * settings.noiseDim)) : new Float32Array(0),
    push,
    heatmap,
    heatmapSize: HEATMAP_SIZE,
    heatmapIsProbability: isProbability,
    manifold: trainer.generate(inputs.manifoldNoise),
    manifoldRows: inputs.manifoldRows,
    manifoldCols: inputs.manifoldCols,
    modeCenters: distribution.modeCenters ? distribution.modeCenters.slice() : new Float32Array(0),
  };
}
