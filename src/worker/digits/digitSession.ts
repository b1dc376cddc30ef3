/**
 * The digit forger's training session: owns the image GAN trainer and the
 * real digits, runs the loop in time slices, posts the fixed-noise grid a few
 * times per second and scores quality every few seconds of training.
 * No DOM: the worker exposes it through comlink, and Node tests drive it directly.
 */
import * as tf from '../../core/shared/tf';
import { verdictOf } from '../../core/shared/ganLosses';
import { SeededRandom } from '../../core/shared/seededRandom';
import type { DigitSet } from '../../core/mnist/digitAsset';
import { DigitSampler, digitsToFloats, imagesTensor, onlyClasses, pickDigits } from '../../core/mnist/digitDataset';
import { IMAGE_PIXELS, IMAGE_SIZE, cloneDigitSettings, type DigitGanSettings } from '../../core/digits/digitGanSettings';
import { assertCheckpointFits, pixelsToUnit, type DigitCheckpoint } from '../../core/digits/digitCheckpoint';
import { DigitGanTrainer } from '../../core/digits/digitGanTrainer';
import type { DigitQuality, DigitQualityScorer } from '../../core/mnist/digitQuality';
import { slerpPath } from '../../core/digits/latentInterpolation';
import type { DigitFrame, DigitMetricPoint, DigitStatus, PretrainedStart, RealDigits, TrainingSpeed } from '../../protocol/digits/digitProtocol';
import { PacedTrainingLoop } from '../shared/pacedTrainingLoop';
import { realClock, type SessionClock } from '../shared/sessionClock';

export const GRID_COUNT = 64;
/** Fakes scored per quality measurement (the real yardstick uses as many). */
export const QUALITY_SAMPLES = 500;
const QUALITY_INTERVAL_MS = 3000;
/** Speed n trains 3n generator steps per second (n steps per 20 frames of 60). */
const PACING = { stepsPerSecondPerSpeed: 3, frameIntervalMs: 250, sliceMs: 30 };

/** Generator output in [-1, 1] → display pixels in [0, 1]. */
export function toUnitRange(images: Float32Array): Float32Array {
  return images.map((v) => (v + 1) / 2);
}

export class DigitSession {
  private trainer: DigitGanTrainer | null = null;
  private sampler: DigitSampler | null = null;
  private gridNoise: Float32Array = new Float32Array(0);
  private gridLabels: Int32Array | null = null;
  private readonly loop: PacedTrainingLoop;
  private speed: TrainingSpeed = 'max';
  private pending: DigitMetricPoint[] = [];
  private lastQualityAt = -Infinity;
  private rate = { at: 0, steps: 0, value: 0 };
  private realQualityCache: { key: string; quality: DigitQuality } | null = null;
  private onFrame: (frame: DigitFrame) => void = () => {};
  private onStatus: (status: DigitStatus) => void = () => {};

  constructor(
    private readonly train: DigitSet,
    private readonly scorer: DigitQualityScorer | null,
    private readonly clock: SessionClock = realClock,
  ) {
    this.loop = new PacedTrainingLoop(clock, PACING);
  }

  subscribe(onFrame: (frame: DigitFrame) => void, onStatus: (status: DigitStatus) => void): void {
    this.onFrame = onFrame;
    this.onStatus = onStatus;
  }

  get currentTrainer(): DigitGanTrainer | null {
    return this.trainer;
  }

  /** A new model from `settings` (weights from the seed, or `weights` when given: checked before anything changes). */
  configure(settings: DigitGanSettings, weights?: ReadonlyMap<string, tf.Tensor>): void {
    const trainer = new DigitGanTrainer(cloneDigitSettings(settings));
    try {
      if (weights) trainer.loadWeights(weights);
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    this.install(trainer, trainer.fixedNoise(GRID_COUNT), settings.conditional ? trainer.fixedLabels(GRID_COUNT) : null);
  }

  /**
   * A model from a pretrained checkpoint, trained on with `settings` (which must keep the
   * checkpoint's architecture: see checkpointMismatch). Throws the reason, changing
   * nothing, when it does not fit. The step count continues from the checkpoint's, and the
   * live grid uses the checkpoint's grid noise and classes, so it continues its timeline.
   */
  configurePretrained(settings: DigitGanSettings, checkpoint: DigitCheckpoint, id: string): PretrainedStart {
    assertCheckpointFits(checkpoint, settings);
    const trainer = new DigitGanTrainer(cloneDigitSettings(settings));
    try {
      const tensors = new Map(checkpoint.weights.map((w) => [w.name, tf.tensor(w.data, w.shape)] as const));
      try {
        trainer.loadWeights(tensors);
      } finally {
        tf.dispose([...tensors.values()]);
      }
    } catch (error) {
      trainer.dispose();
      throw error;
    }
    const { figures, timeline } = checkpoint;
    trainer.generatorSteps = figures.steps;
    trainer.discriminatorSteps = figures.steps * checkpoint.settings.dSteps;
    // The grid the checkpoint's timeline shows: its seed's fixed noise (the trainer's fixedNoise with that seed).
    const noise = trainer.sampleNoise(GRID_COUNT, new SeededRandom(checkpoint.settings.seed).fork(1000));
    const keepLabels = timeline.labels !== null && timeline.gridCount === GRID_COUNT && timeline.labels.every((l) => settings.classes.includes(l));
    const labels = settings.conditional ? (keepLabels ? Int32Array.from(timeline.labels!) : trainer.fixedLabels(GRID_COUNT)) : null;
    this.install(trainer, noise, labels);
    return {
      id,
      description: checkpoint.description,
      steps: figures.steps,
      seconds: figures.seconds,
      quality: { inceptionScore: figures.inceptionScore, frechetDistance: figures.frechetDistance },
      realBaseline: { ...figures.realBaseline },
      samples: figures.samples,
      timeline: timeline.snapshots.map((s) => ({
        step: s.step,
        grid: pixelsToUnit(s.pixels),
        gridCount: timeline.gridCount,
        verdicts: s.verdicts.slice(),
        labels: timeline.labels ? timeline.labels.slice() : null,
        inceptionScore: s.quality?.inceptionScore ?? null,
        frechetDistance: s.quality?.frechetDistance ?? null,
      })),
    };
  }

  /** Replaces the current model (stopping its loop) with a ready trainer; posts its first frame. */
  private install(trainer: DigitGanTrainer, gridNoise: Float32Array, gridLabels: Int32Array | null): void {
    const { settings } = trainer;
    this.stopLoop();
    this.trainer?.dispose();
    this.trainer = trainer;
    this.sampler = new DigitSampler(onlyClasses(this.train, settings.classes), settings.seed);
    this.gridNoise = gridNoise;
    this.gridLabels = gridLabels;
    this.pending = [];
    this.lastQualityAt = -Infinity;
    this.rate = { at: this.clock.now(), steps: trainer.generatorSteps, value: 0 };
    this.emitFrame(false);
    this.onStatus({ kind: 'paused' });
  }

  play(): void {
    if (!this.trainer || this.loop.running) return;
    this.onStatus({ kind: 'running' });
    this.rate = { at: this.clock.now(), steps: this.trainer.generatorSteps, value: this.rate.value };
    this.loop.start({
      steps: () => this.trainer?.generatorSteps ?? 0,
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
    if (!this.trainer) throw new Error('No model yet: configure the session first.');
    if (this.loop.running) this.pause();
    this.trainOne(true);
    this.emitFrame(true);
  }

  private stopLoop(): void {
    this.loop.stop();
  }

  /** One training step (dSteps D updates on fresh real batches, one G update). */
  private trainOne(withStats: boolean): void {
    const trainer = this.trainer!;
    const { batchSize, dSteps, conditional } = trainer.settings;
    const batches = Array.from({ length: dSteps }, () => {
      const batch = this.sampler!.nextBatch(batchSize);
      return { images: imagesTensor(batch.images, IMAGE_SIZE, IMAGE_SIZE), labels: conditional ? batch.labels : undefined };
    });
    try {
      trainer.step(batches, withStats);
    } finally {
      tf.dispose(batches.map((b) => b.images));
    }
  }

  /** Posts the grid (and any new metric point); pauses and returns false if training diverged. */
  private emitFrame(record: boolean): boolean {
    const trainer = this.trainer;
    if (!trainer) return false;
    const now = this.clock.now();
    this.loop.framePosted(now);
    const labels = this.gridLabels ?? undefined;
    const grid = trainer.generate(this.gridNoise, labels);
    const raw = trainer.discriminate(grid, labels);
    const stats = trainer.latestStats();
    const measured = Number.isFinite(stats.dLoss) || Number.isFinite(stats.gLoss);
    if (!grid.every(Number.isFinite) || (measured && !(Number.isFinite(stats.dLoss) && Number.isFinite(stats.gLoss)))) {
      this.stopLoop();
      this.onStatus({
        kind: 'diverged',
        message: `Training diverged at step ${trainer.generatorSteps}: the losses or the images became infinite or not a number. Lower the learning rates and reset.`,
      });
      return false;
    }
    if (record && measured) {
      const dueForQuality = this.scorer && (now - this.lastQualityAt >= QUALITY_INTERVAL_MS || !this.loop.running);
      const quality = dueForQuality ? this.scoreQuality() : null;
      if (quality) this.lastQualityAt = this.clock.now();
      this.pending.push({ step: trainer.generatorSteps, ...stats, inceptionScore: quality?.inceptionScore ?? null, frechetDistance: quality?.frechetDistance ?? null });
    }
    if (now - this.rate.at >= 1000) {
      this.rate = { at: now, steps: trainer.generatorSteps, value: ((trainer.generatorSteps - this.rate.steps) * 1000) / (now - this.rate.at) };
    }
    const verdicts = raw.map((v) => verdictOf(trainer.settings.loss, v));
    this.onFrame({
      generatorSteps: trainer.generatorSteps,
      epochsPerSecond: this.loop.running ? this.rate.value : 0,
      grid: toUnitRange(grid),
      gridCount: GRID_COUNT,
      gridVerdicts: verdicts,
      gridLabels: this.gridLabels ? this.gridLabels.slice() : null,
      newMetrics: this.pending,
    });
    this.pending = [];
    return true;
  }

  private scoreQuality() {
    const trainer = this.trainer!;
    const rng = new SeededRandom(trainer.settings.seed).fork(7000);
    const noise = trainer.sampleNoise(QUALITY_SAMPLES, rng);
    const labels = trainer.settings.conditional ? trainer.sampleLabels(QUALITY_SAMPLES, rng) : undefined;
    return this.scorer!.score(trainer.generate(noise, labels));
  }

  realDigits(count: number, seed: number): RealDigits {
    const classes = this.trainer?.settings.classes ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const pool = onlyClasses(this.train, classes);
    const rng = new SeededRandom(seed);
    const picked = pickDigits(pool, Array.from({ length: count }, () => rng.int(pool.count)));
    const images = new Float32Array(count * IMAGE_PIXELS);
    for (let i = 0; i < images.length; i++) images[i] = picked.pixels[i] / 255;
    return { images, labels: picked.labels.slice() };
  }

  /**
   * Real training digits of the trained classes, scored exactly as the fakes are:
   * the yardstick for a model that learns only some digits (the worker's
   * `realBaseline` is for all ten). Null without a scorer.
   */
  realQuality(): DigitQuality | null {
    if (!this.scorer) return null;
    const classes = this.trainer?.settings.classes ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const key = [...classes].sort((a, b) => a - b).join(',');
    if (this.realQualityCache?.key !== key) {
      const pool = onlyClasses(this.train, classes);
      // The pool is stored class by class: evenly spread picks keep the classes balanced.
      const picks = Array.from({ length: QUALITY_SAMPLES }, (_, i) => Math.floor((i * pool.count) / QUALITY_SAMPLES));
      this.realQualityCache = { key, quality: this.scorer.score(digitsToFloats(pickDigits(pool, picks), 0, QUALITY_SAMPLES)) };
    }
    return this.realQualityCache.quality;
  }

  latentWalk(fromSeed: number, toSeed: number, steps: number, label: number | null): Float32Array {
    const trainer = this.requireTrainer();
    const a = trainer.sampleNoise(1, new SeededRandom(fromSeed));
    const b = trainer.sampleNoise(1, new SeededRandom(toSeed));
    const path = slerpPath(a, b, steps);
    const asked = this.labelFor(trainer, label);
    return toUnitRange(trainer.generate(path, asked === undefined ? undefined : new Int32Array(steps).fill(asked)));
  }

  sampleWithOverrides(seed: number, overrides: number[], label: number | null): Float32Array {
    const trainer = this.requireTrainer();
    const z = trainer.sampleNoise(1, new SeededRandom(seed));
    overrides.slice(0, z.length).forEach((v, i) => (z[i] = v));
    const asked = this.labelFor(trainer, label);
    return toUnitRange(trainer.generate(z, asked === undefined ? undefined : [asked]));
  }

  /**
   * The class to draw: the one asked for by a conditional model, none for an unconditional one.
   * A view may ask just before or after a switch between the two (its request crosses the
   * reconfiguration), so a mismatched request is answered rather than refused.
   */
  private labelFor(trainer: DigitGanTrainer, label: number | null): number | undefined {
    if (!trainer.settings.conditional) return undefined;
    return label ?? trainer.settings.classes[0];
  }

  private requireTrainer(): DigitGanTrainer {
    if (!this.trainer) throw new Error('No model yet: configure the session first.');
    return this.trainer;
  }

  dispose(): void {
    this.stopLoop();
    this.trainer?.dispose();
    this.trainer = null;
  }
}
