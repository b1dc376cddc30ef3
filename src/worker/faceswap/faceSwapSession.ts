/**
 * The face-swap lab's training session: owns the FaceSwapTrainer and its
 * dataset, runs the loop in time slices, posts the preview grid a few times
 * per second and scores the swaps every few seconds of training. A loss that
 * turns infinite or not a number pauses training with the last good weights
 * put back. No DOM: the worker exposes it through comlink, and Node tests drive it directly.
 */
import * as tf from '../../core/shared/tf';
import type { DigitSet } from '../../core/mnist/digitAsset';
import type { FaceFactors } from '../../core/faceswap/faceFactors';
import {
  captureSwapWeights, encodeFaceSwapCheckpoint, swapCheckpointMismatch, swapWeightMap, type FaceSwapCheckpoint,
} from '../../core/faceswap/faceSwapCheckpoint';
import { cloneSwapSettings, type FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import { FaceSwapTrainer, type FaceSwapStepStats } from '../../core/faceswap/faceSwapTrainer';
import type { WeightMap } from '../../core/shared/namedParams';
import type { Side } from '../../core/faceswap/sharedEncoderAutoencoder';
import { createSwapDataset, type SwapDataset } from '../../core/faceswap/swapDatasets';
import { scoreSwaps, type SwapJudges } from '../../core/faceswap/swapJudges';
import { makeSwapPreview, previewSources } from '../../core/faceswap/swapPreview';
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type {
  CodeProjection, FaceSwapFrame, FaceSwapStatus, PretrainedSwapStart, PuppetPictures, SwapMetricPoint, TrainingSpeed,
} from '../../protocol/faceswap/faceSwapProtocol';
import { PacedTrainingLoop } from '../shared/pacedTrainingLoop';
import { realClock, type SessionClock } from '../shared/sessionClock';
import { codeProjection, digitPuppet, toyFacePuppet } from './faceSwapProbes';

/** Pictures per direction in the scores measured during training (small, to keep training quick). */
export const LIVE_SCORE_COUNT = 64;
/** Pictures per direction when the page asks for the scores now. */
export const FULL_SCORE_COUNT = 128;
const SCORE_INTERVAL_MS = 3000;
/** Speed n trains 3n steps per second (n steps per 20 frames of 60), as in the digit forger. */
const PACING = { stepsPerSecondPerSpeed: 3, frameIntervalMs: 250, sliceMs: 30 };

/** What a model needs beside its settings: the MNIST digits (digit styles only) and the judges that score swaps, if loaded. */
export interface SwapResources {
  digits?: DigitSet;
  judges: SwapJudges | null;
}

interface GoodState {
  step: number;
  weights: Map<string, tf.Tensor>;
}

export class FaceSwapSession {
  private trainer: FaceSwapTrainer | null = null;
  private dataset: SwapDataset | null = null;
  private judges: SwapJudges | null = null;
  private sources: Record<Side, Float32Array> | null = null;
  private lastGood: GoodState | null = null;
  private latestStats: FaceSwapStepStats | null = null;
  private readonly loop: PacedTrainingLoop;
  private speed: TrainingSpeed = 'max';
  private pending: SwapMetricPoint[] = [];
  private lastScoreAt = -Infinity;
  /** Time spent in training steps (not measurements) since the model was built, or as loaded. */
  private trainingMs = 0;
  private rate = { at: 0, steps: 0, value: 0 };
  private onFrame: (frame: FaceSwapFrame) => void = () => {};
  private onStatus: (status: FaceSwapStatus) => void = () => {};

  constructor(private readonly clock: SessionClock = realClock) {
    this.loop = new PacedTrainingLoop(clock, PACING);
  }

  subscribe(onFrame: (frame: FaceSwapFrame) => void, onStatus: (status: FaceSwapStatus) => void): void {
    this.onFrame = onFrame;
    this.onStatus = onStatus;
  }

  get currentTrainer(): FaceSwapTrainer | null {
    return this.trainer;
  }

  get currentDataset(): SwapDataset | null {
    return this.dataset;
  }

  /** A new model from `settings` (weights from the seed, or `weights` when given: checked before anything changes). */
  configure(settings: FaceSwapSettings, resources: SwapResources, weights?: WeightMap): void {
    const { trainer, dataset } = this.build(settings, resources, weights);
    this.install(trainer, dataset, resources.judges);
  }

  /**
   * A shipped model, trained on with `settings` (which must keep the checkpoint's
   * shape-deciding settings: swapCheckpointMismatch). Throws the reason, changing nothing,
   * when it does not fit. The step count continues from the checkpoint's.
   */
  configurePretrained(settings: FaceSwapSettings, checkpoint: FaceSwapCheckpoint, id: string, resources: SwapResources): PretrainedSwapStart {
    const mismatch = swapCheckpointMismatch(checkpoint, settings);
    if (mismatch) throw new Error(`The pretrained model "${id}" does not fit these settings: ${mismatch}`);
    const weights = swapWeightMap(checkpoint);
    let built: { trainer: FaceSwapTrainer; dataset: SwapDataset };
    try {
      built = this.build(settings, resources, weights);
    } finally {
      tf.dispose([...weights.values()]);
    }
    built.trainer.steps = checkpoint.steps;
    this.install(built.trainer, built.dataset, resources.judges);
    this.trainingMs = checkpoint.seconds * 1000;
    return {
      id,
      description: checkpoint.description,
      steps: checkpoint.steps,
      seconds: checkpoint.seconds,
      scores: checkpoint.scores,
      timeline: checkpoint.timeline,
    };
  }

  /**
   * The current model as a file (checkpoint format, float16 weights): its settings, weights, steps
   * and scores, so it can be loaded again later, here or on another machine.
   */
  exportModel(): Uint8Array {
    const { trainer, dataset } = this.requireModel();
    if (!this.judges) throw new Error('The judges that score swaps are not loaded, so the model cannot be saved with its scores.');
    const checkpoint: FaceSwapCheckpoint = {
      settings: cloneSwapSettings(trainer.settings),
      steps: trainer.steps,
      seconds: this.trainingMs / 1000,
      description: `A face-swap model saved from the lab after ${trainer.steps.toLocaleString('en-US')} steps.`,
      weights: captureSwapWeights(trainer),
      timeline: [],
      scores: scoreSwaps(trainer, dataset, this.judges, FULL_SCORE_COUNT),
      training: { trainedBy: 'the face-swap lab in the browser', storage: 'float16 weights (scores measured before rounding)' },
    };
    return encodeFaceSwapCheckpoint(checkpoint, 'float16');
  }

  /**
   * A model from a file the lab saved, trained on with `settings` (its own, or edits that keep its
   * shape): checked fully before anything changes, so a bad file leaves the current model as it was.
   */
  loadModel(checkpoint: FaceSwapCheckpoint, settings: FaceSwapSettings, resources: SwapResources): PretrainedSwapStart {
    return this.configurePretrained(cloneSwapSettings(settings), checkpoint, 'file', resources);
  }

  /** A trainer (with `weights` loaded) and its dataset; throws, leaving nothing behind, on bad settings or weights. */
  private build(settings: FaceSwapSettings, resources: SwapResources, weights?: WeightMap): { trainer: FaceSwapTrainer; dataset: SwapDataset } {
    const dataset = createSwapDataset(settings, resources.digits);
    const trainer = new FaceSwapTrainer(cloneSwapSettings(settings));
    try {
      if (weights) trainer.loadWeights(weights);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    return { trainer, dataset };
  }

  /** Replaces the current model (stopping its loop) with a ready one; posts its first frame. */
  private install(trainer: FaceSwapTrainer, dataset: SwapDataset, judges: SwapJudges | null): void {
    this.stopLoop();
    this.trainer?.dispose();
    this.forgetLastGood();
    this.trainer = trainer;
    this.dataset = dataset;
    this.judges = judges && judges.dataset === dataset.kind ? judges : null;
    this.sources = previewSources(dataset);
    this.latestStats = null;
    this.pending = [];
    this.lastScoreAt = -Infinity;
    this.rate = { at: this.clock.now(), steps: trainer.steps, value: 0 };
    this.trainingMs = 0;
    this.emitFrame(false);
    this.onStatus({ kind: 'paused' });
  }

  play(): void {
    if (!this.trainer || this.loop.running) return;
    this.onStatus({ kind: 'running' });
    this.rate = { at: this.clock.now(), steps: this.trainer.steps, value: this.rate.value };
    this.loop.start({
      steps: () => this.trainer?.steps ?? 0,
      trainOne: (withStats) => this.trainOne(withStats),
      postFrame: () => this.emitFrame(true),
    }, this.speed);
  }

  pause(): void {
    if (!this.loop.running) return;
    this.stopLoop();
    this.emitFrame(false);
    this.onStatus({ kind: 'paused' });
  }

  setSpeed(speed: TrainingSpeed): void {
    this.speed = speed;
    if (this.loop.running) {
      this.stopLoop();
      this.play();
    }
  }

  step(): void {
    this.requireTrainer();
    if (this.loop.running) this.pause();
    this.trainOne(true);
    this.emitFrame(true);
  }

  private stopLoop(): void {
    this.loop.stop();
  }

  /** One step on a fresh batch of each side; the batches' masks weight the loss (eyes-and-mouth priority). */
  private trainOne(withStats: boolean): void {
    const { trainer, dataset } = this.requireModel();
    const started = this.clock.now();
    const n = trainer.settings.batchSize;
    const a = dataset.nextBatch('a', n);
    const b = dataset.nextBatch('b', n);
    const stats = trainer.step(a.images, b.images, withStats, { a: a.masks, b: b.masks });
    if (stats) this.latestStats = stats;
    this.trainingMs += this.clock.now() - started;
  }

  /** Posts the preview (and any new metric point); pauses, putting back the last good weights, and returns false if training diverged. */
  private emitFrame(record: boolean): boolean {
    const { trainer, dataset } = this.requireModel();
    const now = this.clock.now();
    this.loop.framePosted(now);
    const preview = makeSwapPreview(trainer, this.sources ?? previewSources(dataset));
    const stats = this.latestStats;
    const lossesBad = stats !== null && !(Number.isFinite(stats.lossA) && Number.isFinite(stats.lossB));
    const pictureBad = Object.values(preview.rows).some((row) => !row.every(Number.isFinite));
    if (lossesBad || pictureBad) {
      this.diverged(trainer, lossesBad ? 'the reconstruction loss' : 'the pictures');
      return false;
    }
    this.rememberGood(trainer);
    if (record && stats) {
      const due = this.judges !== null && (now - this.lastScoreAt >= SCORE_INTERVAL_MS || !this.loop.running);
      const scores = due ? this.scoreOrNull(LIVE_SCORE_COUNT) : null;
      if (due) this.lastScoreAt = this.clock.now();
      this.pending.push({ step: trainer.steps, ...stats, scores });
    }
    if (now - this.rate.at >= 1000) {
      this.rate = { at: now, steps: trainer.steps, value: ((trainer.steps - this.rate.steps) * 1000) / (now - this.rate.at) };
    }
    this.onFrame({ steps: trainer.steps, stepsPerSecond: this.loop.running ? this.rate.value : 0, preview, newMetrics: this.pending });
    this.pending = [];
    return true;
  }

  private diverged(trainer: FaceSwapTrainer, what: string): void {
    this.stopLoop();
    const badStep = trainer.steps;
    const good = this.lastGood;
    if (good) {
      trainer.loadWeights(good.weights);
      trainer.steps = good.step;
    }
    this.latestStats = null;
    this.pending = [];
    const { learningRate } = trainer.settings;
    const restored = good
      ? `The weights from step ${good.step.toLocaleString('en-US')}, the last healthy ones, have been put back and training is paused.`
      : 'Training is paused.';
    // The restored model's pictures, so the preview shows what was kept rather than a blank.
    if (good) this.emitFrame(false);
    this.onStatus({
      kind: 'diverged',
      message:
        `Training diverged at step ${badStep.toLocaleString('en-US')}: ${what} became infinite or not a number. ${restored} ` +
        `The learning rate (${learningRate}) is probably too high for these settings: lower it and press Apply & reset.`,
    });
  }

  /** Copies the weights as the last healthy state (the earlier copy is freed). */
  private rememberGood(trainer: FaceSwapTrainer): void {
    if (this.lastGood?.step === trainer.steps) return;
    const weights = new Map(trainer.namedWeights().map(({ name, tensor }) => [name, tf.clone(tensor)] as const));
    this.forgetLastGood();
    this.lastGood = { step: trainer.steps, weights };
  }

  private forgetLastGood(): void {
    if (this.lastGood) tf.dispose([...this.lastGood.weights.values()]);
    this.lastGood = null;
  }

  /** The swap scores, or null when no judges are loaded or they cannot read this model's pictures. */
  private scoreOrNull(count: number): SwapScoreSummary | null {
    if (!this.judges) return null;
    const { trainer, dataset } = this.requireModel();
    try {
      return scoreSwaps(trainer, dataset, this.judges, count);
    } catch {
      // Judges trained for other pictures (another size, say) cannot score this model: stop asking.
      this.judges = null;
      return null;
    }
  }

  /** Both directions' scores now, on more pictures than the live ones. */
  scoreNow(): SwapScoreSummary {
    const { trainer, dataset } = this.requireModel();
    if (!this.judges) throw new Error('The judges that score swaps are not loaded for this dataset, so there are no scores.');
    return scoreSwaps(trainer, dataset, this.judges, FULL_SCORE_COUNT);
  }

  /**
   * Null when the model swaps digits: the page asks with the sliders of the dataset it shows, and
   * just after a switch (the new model's first frame arrives before the switch is answered) that
   * can still be the old one. Such a stale question needs no answer, and is no error.
   */
  puppet(factors: FaceFactors): PuppetPictures | null {
    const { trainer, dataset } = this.requireModel();
    return dataset.kind === 'toyFaces' ? toyFacePuppet(trainer, dataset, factors) : null;
  }

  /** Null when the model swaps toy faces (a stale question, as for puppet). */
  puppetDigit(index: number): PuppetPictures | null {
    const { trainer, dataset } = this.requireModel();
    return dataset.kind === 'digitStyles' ? digitPuppet(trainer, dataset, index) : null;
  }

  projectCodes(count: number): CodeProjection {
    const { trainer, dataset } = this.requireModel();
    return codeProjection(trainer, dataset, count);
  }

  private requireTrainer(): FaceSwapTrainer {
    if (!this.trainer) throw new Error('No model yet: configure the session first.');
    return this.trainer;
  }

  private requireModel(): { trainer: FaceSwapTrainer; dataset: SwapDataset } {
    const trainer = this.requireTrainer();
    return { trainer, dataset: this.dataset! };
  }

  dispose(): void {
    this.stopLoop();
    this.forgetLastGood();
    this.trainer?.dispose();
    this.trainer = null;
    this.dataset = null;
  }
}
