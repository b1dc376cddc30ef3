/**
 * The digit forger on the generic TrainingSession: an image GAN trainer fed real MNIST digits
 * of the chosen classes, its fixed-noise grid posted a few times per second and its quality
 * scored every few seconds of training. Builds from the seed, a shipped pretrained model or a
 * model file (the same checkpoint format; a saved file's timeline is the moment it was saved).
 */
import * as tf from '../../core/shared/tf';
import { verdictOf } from '../../core/shared/ganLosses';
import { SeededRandom } from '../../core/shared/seededRandom';
import type { DigitSet } from '../../core/mnist/digitAsset';
import { DigitSampler, imagesTensor, onlyClasses } from '../../core/mnist/digitDataset';
import { IMAGE_SIZE, cloneDigitSettings, type DigitGanSettings } from '../../core/mnist/digitGanSettings';
import {
  captureWeights, checkpointMismatch, decodeDigitCheckpoint, encodeDigitCheckpoint, pixelsToUnit, quantisePixels, type DigitCheckpoint,
} from '../../core/mnist/digitCheckpoint';
import { DigitGanTrainer } from '../../core/digits/digitGanTrainer';
import type { DigitQuality, DigitQualityScorer } from '../../core/mnist/digitQuality';
import type { DigitFrame, DigitMetricPoint, PretrainedStart } from '../../protocol/digits/digitProtocol';
import type { StartRequest } from '../../protocol/shared/sessionProtocol';
import type { BuiltModel, SessionAdapter } from '../shared/sessionAdapter';
import type { TrainingSession } from '../shared/trainingSession';
import { keptWeights } from '../shared/keptWeights';

export const GRID_COUNT = 64;
/** Fakes scored per quality measurement (the real yardstick uses as many). */
export const QUALITY_SAMPLES = 500;
/** Speed n trains 3n generator steps per second (n steps per 20 frames of 60). */
const PACING = { stepsPerSecondPerSpeed: 3, frameIntervalMs: 250, sliceMs: 30 };

/** Generator output in [-1, 1] → display pixels in [0, 1]. */
export function toUnitRange(images: Float32Array): Float32Array {
  return images.map((v) => (v + 1) / 2);
}

/** One digit model: the trainer, its stream of real digits, and the noise and classes of its live grid. */
export interface DigitModel {
  trainer: DigitGanTrainer;
  sampler: DigitSampler;
  gridNoise: Float32Array;
  gridLabels: Int32Array | null;
}

/** What the lab loads once: the training digits, the quality scorer (null: no scores) and the shipped pretrained models by id. */
export interface DigitLabData {
  train: DigitSet;
  scorer: DigitQualityScorer | null;
  pretrained(id: string): Promise<DigitCheckpoint>;
}

export interface DigitSessionTypes {
  settings: DigitGanSettings;
  model: DigitModel;
  metric: DigitMetricPoint;
  frame: DigitFrame;
  startInfo: PretrainedStart;
  stepKind: undefined;
}

export type DigitTrainingSession = TrainingSession<DigitSessionTypes>;

/** Fresh quality figures of `QUALITY_SAMPLES` fakes, on the same seeded noise every time. */
function scoreQuality(trainer: DigitGanTrainer, scorer: DigitQualityScorer): DigitQuality {
  const rng = new SeededRandom(trainer.settings.seed).fork(7000);
  const noise = trainer.sampleNoise(QUALITY_SAMPLES, rng);
  const labels = trainer.settings.conditional ? trainer.sampleLabels(QUALITY_SAMPLES, rng) : undefined;
  return scorer.score(trainer.generate(noise, labels));
}

/** The timeline and figures a checkpoint brings, as the page shows them. */
function startInfo(checkpoint: DigitCheckpoint, id: string): PretrainedStart {
  const { figures, timeline } = checkpoint;
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

export class DigitAdapter implements SessionAdapter<DigitSessionTypes> {
  readonly pacing = PACING;

  /** `data` may come later (the worker loads it in `init`), through `provide`. */
  constructor(private loaded: DigitLabData | null = null) {}

  provide(data: DigitLabData): void {
    this.loaded = data;
  }

  get data(): DigitLabData {
    if (!this.loaded) throw new Error('The digit worker has not loaded its digits yet: it has not started.');
    return this.loaded;
  }

  async build(settings: DigitGanSettings | null, start: StartRequest): Promise<BuiltModel<DigitSessionTypes>> {
    if (start.kind === 'scratch') {
      if (!settings) throw new Error('Settings are needed to start a model from scratch.');
      return this.fresh(settings);
    }
    const checkpoint = start.kind === 'file' ? decodeDigitCheckpoint(start.bytes) : await this.data.pretrained(start.id);
    const chosen = settings ?? checkpoint.settings;
    const mismatch = checkpointMismatch(checkpoint, chosen);
    if (mismatch) {
      throw new Error(`${start.kind === 'file' ? `The model file "${start.name}"` : 'This pretrained model'} cannot be loaded: ${mismatch}.`);
    }
    return this.fromCheckpoint(chosen, checkpoint, start.kind === 'file' ? 'file' : start.id);
  }

  private fresh(settings: DigitGanSettings): BuiltModel<DigitSessionTypes> {
    const trainer = new DigitGanTrainer(cloneDigitSettings(settings));
    const labels = settings.conditional ? trainer.fixedLabels(GRID_COUNT) : null;
    return { model: this.modelOf(trainer, trainer.fixedNoise(GRID_COUNT), labels), settings: cloneDigitSettings(settings), start: null, trainedSeconds: 0 };
  }

  /**
   * A model from a checkpoint, trained on with `settings` (checked to fit). The step count
   * continues from the checkpoint's, and the live grid uses the checkpoint's grid noise and
   * classes, so it continues its timeline.
   */
  private fromCheckpoint(settings: DigitGanSettings, checkpoint: DigitCheckpoint, id: string): BuiltModel<DigitSessionTypes> {
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
    trainer.steps = figures.steps;
    trainer.discriminatorSteps = figures.steps * checkpoint.settings.dSteps;
    // The grid the checkpoint's timeline shows: its seed's fixed noise (the trainer's fixedNoise with that seed).
    const noise = trainer.sampleNoise(GRID_COUNT, new SeededRandom(checkpoint.settings.seed).fork(1000));
    const keepLabels = timeline.labels !== null && timeline.gridCount === GRID_COUNT && timeline.labels.every((l) => settings.classes.includes(l));
    const labels = settings.conditional ? (keepLabels ? Int32Array.from(timeline.labels!) : trainer.fixedLabels(GRID_COUNT)) : null;
    return {
      model: this.modelOf(trainer, noise, labels),
      settings: cloneDigitSettings(settings),
      start: startInfo(checkpoint, id),
      trainedSeconds: figures.seconds,
    };
  }

  private modelOf(trainer: DigitGanTrainer, gridNoise: Float32Array, gridLabels: Int32Array | null): DigitModel {
    const sampler = new DigitSampler(onlyClasses(this.data.train, trainer.settings.classes), trainer.settings.seed);
    return { trainer, sampler, gridNoise, gridLabels };
  }

  steps(model: DigitModel): number {
    return model.trainer.steps;
  }

  /** One training step: dSteps D updates on fresh real batches, one G update. */
  trainStep({ trainer, sampler }: DigitModel, withStats: boolean): void {
    const { batchSize, dSteps, conditional } = trainer.settings;
    const batches = Array.from({ length: dSteps }, () => {
      const batch = sampler.nextBatch(batchSize);
      return { images: imagesTensor(batch.images, IMAGE_SIZE, IMAGE_SIZE), labels: conditional ? batch.labels : undefined };
    });
    try {
      trainer.step(batches, withStats);
    } finally {
      tf.dispose(batches.map((b) => b.images));
    }
  }

  observe({ trainer, gridNoise, gridLabels }: DigitModel, { record, scoreDue }: { record: boolean; scoreDue: boolean }) {
    const labels = gridLabels ?? undefined;
    const grid = trainer.generate(gridNoise, labels);
    const stats = trainer.latestStats();
    const measured = Number.isFinite(stats.dLoss) || Number.isFinite(stats.gLoss);
    if (!grid.every(Number.isFinite)) return { nonFinite: 'the generated digits' };
    if (measured && !(Number.isFinite(stats.dLoss) && Number.isFinite(stats.gLoss))) return { nonFinite: 'the losses' };
    const verdicts = trainer.discriminate(grid, labels).map((v) => verdictOf(trainer.settings.loss, v));
    const { scorer } = this.data;
    const quality = record && measured && scoreDue && scorer ? scoreQuality(trainer, scorer) : null;
    return {
      nonFinite: null,
      fields: { grid: toUnitRange(grid), gridCount: GRID_COUNT, gridVerdicts: verdicts, gridLabels: gridLabels ? gridLabels.slice() : null },
      metric: record && measured
        ? { step: trainer.steps, ...stats, inceptionScore: quality?.inceptionScore ?? null, frechetDistance: quality?.frechetDistance ?? null }
        : null,
      scored: quality !== null,
    };
  }

  capture({ trainer }: DigitModel) {
    const { steps, discriminatorSteps } = trainer;
    return keptWeights<DigitModel>(trainer.namedWeights(), steps, (model, weights) => {
      model.trainer.loadWeights(weights);
      model.trainer.steps = steps;
      model.trainer.discriminatorSteps = discriminatorSteps;
    });
  }

  divergenceAdvice({ trainer: { settings } }: DigitModel): string {
    return `The learning rates ${settings.generator.learningRate} (G) and ${settings.discriminator.learningRate} (D) are probably too high: lower them and press Apply & reset.`;
  }

  /**
   * The model as a checkpoint file: settings, both networks, steps, training time, its quality
   * now, and a one-snapshot timeline (the settings' fixed-noise grid, which a reload continues).
   */
  save({ trainer, gridLabels }: DigitModel, trainedSeconds: number): Uint8Array {
    const { scorer } = this.data;
    if (!scorer) throw new Error('The digit classifier that scores the forgeries is not loaded, so the model cannot be saved with its quality figures.');
    const { settings } = trainer;
    const labels = settings.conditional ? gridLabels ?? trainer.fixedLabels(GRID_COUNT) : null;
    const grid = trainer.generate(trainer.fixedNoise(GRID_COUNT), labels ?? undefined);
    const verdicts = trainer.discriminate(grid, labels ?? undefined).map((v) => verdictOf(settings.loss, v));
    const quality = scoreQuality(trainer, scorer);
    const steps = trainer.steps;
    return encodeDigitCheckpoint({
      settings: cloneDigitSettings(settings),
      weights: captureWeights(trainer),
      timeline: { gridCount: GRID_COUNT, labels, snapshots: [{ step: steps, pixels: quantisePixels(grid), verdicts, quality }] },
      figures: { ...quality, steps, seconds: trainedSeconds, samples: QUALITY_SAMPLES, realBaseline: { ...scorer.realBaseline } },
      description: `A digit forger model saved from the lab after ${steps.toLocaleString('en-US')} generator steps.`,
      training: { trainedBy: 'the digit forger in the browser' },
    });
  }

  dispose(model: DigitModel): void {
    model.trainer.dispose();
  }
}
