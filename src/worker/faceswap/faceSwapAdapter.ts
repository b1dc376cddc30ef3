/**
 * The face-swap lab on the generic TrainingSession: a FaceSwapTrainer with its dataset and
 * judges, the preview grid posted a few times per second and the swaps scored every few
 * seconds of training. Builds from the seed, a shipped pretrained model or a model file the
 * lab saved (the same checkpoint format, float16 weights).
 */
import * as tf from '../../core/shared/tf';
import type { DigitSet } from '../../core/mnist/digitAsset';
import {
  captureSwapWeights, decodeFaceSwapCheckpoint, encodeFaceSwapCheckpoint, swapCheckpointMismatch, swapWeightMap, type FaceSwapCheckpoint,
} from '../../core/faceswap/faceSwapCheckpoint';
import { cloneSwapSettings, swapSettingsProblems, type FaceSwapSettings, type SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';
import { FaceSwapTrainer, type FaceSwapStepStats } from '../../core/faceswap/faceSwapTrainer';
import type { Side } from '../../core/autoencoder/sharedEncoderAutoencoder';
import { createSwapDataset, type SwapDataset } from '../../core/faceswap/swapDatasets';
import { scoreSwaps, type SwapJudges } from '../../core/faceswap/swapJudges';
import { makeSwapPreview, previewSources } from '../../core/faceswap/swapPreview';
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { FaceSwapFrame, PretrainedSwapStart, SwapMetricPoint } from '../../protocol/faceswap/faceSwapProtocol';
import type { StartRequest } from '../../protocol/shared/sessionProtocol';
import type { BuiltModel, SessionAdapter } from '../shared/sessionAdapter';
import type { TrainingSession } from '../shared/trainingSession';
import { keptWeights } from '../shared/keptWeights';

/** Pictures per direction in the scores measured during training (small, to keep training quick). */
export const LIVE_SCORE_COUNT = 64;
/** Pictures per direction when the page asks for the scores now, and in a saved file. */
export const FULL_SCORE_COUNT = 128;
/** Speed n trains 3n steps per second (n steps per 20 frames of 60), as in the digit forger. */
const PACING = { stepsPerSecondPerSpeed: 3, frameIntervalMs: 250, sliceMs: 30 };

/** Where a model's files come from: the worker fetches them, Node tests read them from disk. */
export interface FaceSwapFiles {
  /** The MNIST digits (digit styles only); `loading` says so while they load. */
  digits(loading: (message: string) => void): Promise<DigitSet>;
  /** The judges that score a dataset's swaps, or null when the build has none (training goes on without scores). */
  judges(kind: SwapDatasetKind): Promise<SwapJudges | null>;
  pretrained(id: string): Promise<FaceSwapCheckpoint>;
}

/** One face-swap model: the trainer, its dataset and judges, the preview's fixed pictures and the latest step's losses. */
export interface FaceSwapModel {
  trainer: FaceSwapTrainer;
  dataset: SwapDataset;
  /** Null when none are loaded, or once they have failed to read this model's pictures. */
  judges: SwapJudges | null;
  sources: Record<Side, Float32Array>;
  latestStats: FaceSwapStepStats | null;
}

export interface FaceSwapSessionTypes {
  settings: FaceSwapSettings;
  model: FaceSwapModel;
  metric: SwapMetricPoint;
  frame: FaceSwapFrame;
  startInfo: PretrainedSwapStart;
  stepKind: undefined;
}

export type FaceSwapTrainingSession = TrainingSession<FaceSwapSessionTypes>;

/** The swap scores, or null when there are no judges or they cannot read this model's pictures (then they are dropped). */
function scoreOrNull(model: FaceSwapModel, count: number): SwapScoreSummary | null {
  if (!model.judges) return null;
  try {
    return scoreSwaps(model.trainer, model.dataset, model.judges, count);
  } catch {
    // Judges trained for other pictures (another size, say) cannot score this model: stop asking.
    model.judges = null;
    return null;
  }
}

export class FaceSwapAdapter implements SessionAdapter<FaceSwapSessionTypes> {
  readonly pacing = PACING;

  constructor(private readonly files: FaceSwapFiles) {}

  /** The checkpoint a start names (none from scratch), with how messages call it. */
  private async checkpointOf(start: StartRequest): Promise<{ checkpoint: FaceSwapCheckpoint; id: string; what: string } | null> {
    if (start.kind === 'scratch') return null;
    if (start.kind === 'file') return { checkpoint: decodeFaceSwapCheckpoint(start.bytes), id: 'file', what: `The model file "${start.name}"` };
    return { checkpoint: await this.files.pretrained(start.id), id: start.id, what: `The pretrained model "${start.id}"` };
  }

  async build(settings: FaceSwapSettings | null, start: StartRequest, loading: (message: string) => void): Promise<BuiltModel<FaceSwapSessionTypes>> {
    const source = await this.checkpointOf(start);
    const checkpoint = source?.checkpoint ?? null;
    const chosen = settings ?? checkpoint?.settings;
    if (!chosen) throw new Error('Settings are needed to start a model from scratch.');
    // Checked before anything loads: a misfit leaves the current model as it was.
    const mismatch = checkpoint ? swapCheckpointMismatch(checkpoint, chosen) : null;
    if (source && mismatch) throw new Error(`${source.what} does not fit these settings: ${mismatch}`);
    const problems = swapSettingsProblems(chosen);
    if (problems.length > 0) throw new Error(`The settings are not valid: ${problems.join('; ')}.`);
    const [digits, judges] = await Promise.all([
      chosen.dataset === 'digitStyles' ? this.files.digits(loading) : Promise.resolve(undefined),
      this.files.judges(chosen.dataset),
    ]);
    const dataset = createSwapDataset(chosen, digits);
    const trainer = new FaceSwapTrainer(cloneSwapSettings(chosen));
    if (checkpoint) {
      const weights = swapWeightMap(checkpoint);
      try {
        trainer.loadWeights(weights);
      } catch (error) {
        trainer.dispose();
        throw error;
      } finally {
        tf.dispose([...weights.values()]);
      }
      trainer.steps = checkpoint.steps;
    }
    return {
      model: { trainer, dataset, judges: judges && judges.dataset === dataset.kind ? judges : null, sources: previewSources(dataset), latestStats: null },
      settings: cloneSwapSettings(chosen),
      start: source && {
        id: source.id,
        description: source.checkpoint.description,
        steps: source.checkpoint.steps,
        seconds: source.checkpoint.seconds,
        scores: source.checkpoint.scores,
        timeline: source.checkpoint.timeline,
      },
      trainedSeconds: checkpoint?.seconds ?? 0,
    };
  }

  steps(model: FaceSwapModel): number {
    return model.trainer.steps;
  }

  /** One step on a fresh batch of each side; the batches' masks weight the loss (eyes-and-mouth priority). */
  trainStep(model: FaceSwapModel, withStats: boolean): void {
    const { trainer, dataset } = model;
    const n = trainer.settings.batchSize;
    const a = dataset.nextBatch('a', n);
    const b = dataset.nextBatch('b', n);
    const stats = trainer.step(a.images, b.images, withStats, { a: a.masks, b: b.masks });
    if (stats) model.latestStats = stats;
  }

  observe(model: FaceSwapModel, { record, scoreDue }: { record: boolean; scoreDue: boolean }) {
    const { trainer, latestStats: stats } = model;
    const preview = makeSwapPreview(trainer, model.sources);
    if (stats !== null && !(Number.isFinite(stats.lossA) && Number.isFinite(stats.lossB))) return { nonFinite: 'the reconstruction loss' };
    if (Object.values(preview.rows).some((row) => !row.every(Number.isFinite))) return { nonFinite: 'the pictures' };
    const scored = record && stats !== null && scoreDue && model.judges !== null;
    return {
      nonFinite: null,
      fields: { preview },
      metric: record && stats ? { step: trainer.steps, ...stats, scores: scored ? scoreOrNull(model, LIVE_SCORE_COUNT) : null } : null,
      scored,
    };
  }

  capture({ trainer }: FaceSwapModel) {
    const { steps } = trainer;
    return keptWeights<FaceSwapModel>(trainer.namedWeights(), steps, (model, weights) => {
      model.trainer.loadWeights(weights);
      model.trainer.steps = steps;
      model.latestStats = null;
    });
  }

  divergenceAdvice({ trainer }: FaceSwapModel): string {
    return `The learning rate (${trainer.settings.learningRate}) is probably too high for these settings: lower it and press Apply & reset.`;
  }

  /**
   * The model as a file (checkpoint format, float16 weights): its settings, weights, steps and
   * scores, so it can be loaded again later, here or on another machine.
   */
  save(model: FaceSwapModel, trainedSeconds: number): Uint8Array {
    const { trainer, dataset, judges } = model;
    if (!judges) throw new Error('The judges that score swaps are not loaded, so the model cannot be saved with its scores.');
    const checkpoint: FaceSwapCheckpoint = {
      settings: cloneSwapSettings(trainer.settings),
      steps: trainer.steps,
      seconds: trainedSeconds,
      description: `A face-swap model saved from the lab after ${trainer.steps.toLocaleString('en-US')} steps.`,
      weights: captureSwapWeights(trainer),
      timeline: [],
      scores: scoreSwaps(trainer, dataset, judges, FULL_SCORE_COUNT),
      training: { trainedBy: 'the face-swap lab in the browser', storage: 'float16 weights (scores measured before rounding)' },
    };
    return encodeFaceSwapCheckpoint(checkpoint, 'float16');
  }

  dispose(model: FaceSwapModel): void {
    model.trainer.dispose();
  }
}
