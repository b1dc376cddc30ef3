/**
 * Trains the face-swap lab's judges and pretrained models and writes them under models/:
 *
 *   faceSwapJudges-toyFaces.weights     identity + factor judges over every toy character (colour and grey)
 *   faceSwapJudges-digitStyles.weights  thin/thick judge (the digit classifier is models/digitClassifier.weights)
 *   faceSwap-<id>.weights               each pretrained model (pretrainedFaceSwaps.ts), with its timeline
 *
 *   npm run train:faceswap [-- --only toy-faces,digit-styles --scale 0.1 --out-dir DIR --keep-judges]
 *
 * Judges first (real pictures only), since every model's timeline is scored by them.
 * Everything runs on TF.js's wasm backend, single-threaded, seeded, so a rerun gives
 * the same files. Each model trains with its catalogue settings; outside the settings,
 * the learning rate drops for the last part of the run (the lab continues with the
 * plain settings). The shipped weights are float16 and the final scores are measured
 * on the rounded weights, so they are the file's.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '../src/core/shared/tf';
import { storedValues, decodeWeightsBundle } from '../src/core/shared/weightsBundle';
import { CLASSIFIER_FORMAT, DigitClassifier } from '../src/core/mnist/digitClassifier';
import type { DigitSet } from '../src/core/mnist/digitAsset';
import { captureSwapWeights, decodeFaceSwapCheckpoint, encodeFaceSwapCheckpoint, swapWeightMap, type FaceSwapCheckpoint } from '../src/core/faceswap/faceSwapCheckpoint';
import { FaceSwapCheckpointError } from '../src/core/autoencoder/swapNetFile';
import { FaceSwapTrainer } from '../src/core/faceswap/faceSwapTrainer';
import { PRETRAINED_FACE_SWAPS, type PretrainedFaceSwap, type PretrainedFaceSwapId } from '../src/core/autoencoder/pretrainedFaceSwaps';
import { createSwapDataset } from '../src/core/faceswap/swapDatasets';
import { decodeSwapJudges, encodeSwapJudges, scoreSwaps, type SwapJudges } from '../src/core/faceswap/swapJudges';
import { trainDigitStyleJudges, trainToyFaceJudges } from '../src/core/faceswap/swapJudgeTraining';
import { makeSwapPreview, previewSources } from '../src/core/faceswap/swapPreview';
import type { SwapScoreSummary } from '../src/core/faceswap/swapScoreSummary';
import type { SwapSnapshot } from '../src/core/faceswap/swapSnapshot';
import type { SwapDatasetKind } from '../src/core/autoencoder/faceSwapSettings';
import { CLASSIFIER_PATH, selectWasmBackend } from './trainClassifier';
import { loadMnistDigits } from './tools/mnistSource';
import { ProgressBar, formatSeconds } from './tools/progressBar';

export const MODELS_DIR = import.meta.dirname;
export const MAX_FACE_SWAP_BYTES = 2 * 1024 * 1024;
export const judgesFile = (kind: SwapDatasetKind) => `faceSwapJudges-${kind}.weights`;
/** Pictures per direction scored at each snapshot and at the end. */
export const SNAPSHOT_SCORED = 128;
export const FINAL_SCORED = 256;

export interface FaceSwapPlan {
  steps: number;
  /** Fraction of the run after which the learning rate is multiplied by `finalLearningRate`. */
  decayFrom: number;
  finalLearningRate: number;
  /** Pictures per identity in the training pools. */
  poolSize: number;
}

/**
 * Budgets measured on this 2-core machine (wasm, one thread, ~9–10 steps/s at width 16 with
 * other jobs running). Toy faces: the swaps' factor error plateaus near 0.24 by ~3,000 steps
 * (0.245 at 3,200, 0.242 at 6,000 in a trial), so 4,000 steps; warp 0.05 beat 0.02, 0.08, 0.1
 * and none at equal steps. The separate-encoder comparison only has to reconstruct well.
 * Digit styles: thin→thick thickness falls as training goes on (the code learns the stroke
 * width) while the digit kept rises; 4,000 steps with the rate dropping at 60% balanced them.
 */
export const FACE_SWAP_PLANS: Record<PretrainedFaceSwapId, FaceSwapPlan> = {
  'toy-faces': { steps: 4000, decayFrom: 0.75, finalLearningRate: 0.25, poolSize: 4096 },
  'toy-faces-separate': { steps: 3000, decayFrom: 0.75, finalLearningRate: 0.25, poolSize: 4096 },
  'digit-styles': { steps: 4000, decayFrom: 0.6, finalLearningRate: 0.25, poolSize: 4096 },
};

/** 0, 25, 50, 100, 200, … doubling, then the last step. */
export function swapTimelineSteps(total: number): number[] {
  const steps = [0];
  for (let s = 25; s < total; s *= 2) steps.push(s);
  if (total > 0) steps.push(total);
  return steps;
}

export interface FaceSwapReport {
  id: string;
  path: string;
  bytes: number;
  steps: number;
  seconds: number;
  scores: SwapScoreSummary;
}

/** Writes the file's float16-rounded weights back into the trainer, so the final scores are the file's. */
function roundWeights(trainer: FaceSwapTrainer): void {
  const rounded = new Map(trainer.namedWeights().map(({ name, tensor }) => [name, tf.tensor(storedValues(tensor.dataSync() as Float32Array, 'float16'), tensor.shape)]));
  try {
    trainer.loadWeights(rounded);
  } finally {
    tf.dispose([...rounded.values()]);
  }
}

/** A fresh trainer with the same weights and step count at another learning rate (the old one is disposed). */
function withLearningRate(trainer: FaceSwapTrainer, learningRate: number): FaceSwapTrainer {
  const next = new FaceSwapTrainer({ ...trainer.settings, learningRate });
  const map = swapWeightMap({ weights: captureSwapWeights(trainer) } as FaceSwapCheckpoint);
  try {
    next.loadWeights(map);
  } finally {
    tf.dispose([...map.values()]);
  }
  next.steps = trainer.steps;
  trainer.dispose();
  return next;
}

export function trainPretrainedSwap(model: PretrainedFaceSwap, plan: FaceSwapPlan, judges: SwapJudges, digits: DigitSet | undefined, out: string, progress = true): FaceSwapReport {
  const settings = model.settings;
  const dataset = createSwapDataset(settings, digits, plan.poolSize);
  let trainer = new FaceSwapTrainer(settings);
  const sources = previewSources(dataset);
  const snapshotAt = new Set(swapTimelineSteps(plan.steps));
  const timeline: SwapSnapshot[] = [];
  const bar = progress ? new ProgressBar(model.id.padEnd(19), plan.steps) : null;
  const decayAt = Math.round(plan.steps * plan.decayFrom);
  let trainingMs = 0;
  let latest = '';
  const describe = (s: SwapScoreSummary) => `called target ${s.ab.calledTarget.toFixed(2)}` +
    (s.ab.factorError !== null ? ` factor err ${s.ab.factorError.toFixed(3)} (real ${s.ab.factorErrorReal!.toFixed(3)})` : ` digit kept ${s.ab.digitKept!.toFixed(2)} thick ${s.ab.thicknessLikeTarget!.toFixed(2)}`);

  // Each snapshot's losses: the last step's before it (measured before that step's update), and
  // for step 0 the first step's, which is measured at the initial weights.
  let lastLosses = { lossA: NaN, lossB: NaN };
  for (let step = 0; step <= plan.steps; step++) {
    if (snapshotAt.has(step)) {
      const scores = scoreSwaps(trainer, dataset, judges, SNAPSHOT_SCORED);
      timeline.push({ step, ...lastLosses, preview: makeSwapPreview(trainer, sources), scores });
      latest = describe(scores);
    }
    if (step === plan.steps) break;
    if (step === decayAt && plan.finalLearningRate !== 1) trainer = withLearningRate(trainer, settings.learningRate * plan.finalLearningRate);
    const started = performance.now();
    const a = dataset.nextBatch('a', settings.batchSize);
    const b = dataset.nextBatch('b', settings.batchSize);
    const stats = trainer.step(a.images, b.images, step === 0 || snapshotAt.has(step + 1), { a: a.masks, b: b.masks });
    trainingMs += performance.now() - started;
    if (stats) {
      if (!Number.isFinite(stats.lossA) || !Number.isFinite(stats.lossB)) throw new Error(`${model.id} diverged at step ${step + 1}`);
      lastLosses = { lossA: stats.lossA, lossB: stats.lossB };
      if (step === 0) Object.assign(timeline[0], lastLosses);
    }
    bar?.update(step + 1, latest);
  }
  bar?.finish(latest);
  roundWeights(trainer);
  const scores = scoreSwaps(trainer, dataset, judges, FINAL_SCORED);
  const checkpoint: FaceSwapCheckpoint = {
    settings,
    steps: plan.steps,
    seconds: trainingMs / 1000,
    description: `${model.label}: ${model.help}`,
    weights: captureSwapWeights(trainer),
    timeline,
    scores,
    training: {
      trainedBy: 'models/trainFaceSwaps.ts',
      steps: plan.steps,
      poolSize: plan.poolSize,
      learningRateSchedule: plan.finalLearningRate === 1 ? "constant (the settings' rate)" : `the settings' rate, ×${plan.finalLearningRate} from step ${decayAt}`,
      storage: 'float16 weights (scores measured on the rounded weights); previews 8-bit',
      scoredPictures: { snapshots: SNAPSHOT_SCORED, final: FINAL_SCORED },
    },
  };
  trainer.dispose();
  const bytes = encodeFaceSwapCheckpoint(checkpoint, 'float16');
  decodeFaceSwapCheckpoint(bytes);
  if (bytes.length > MAX_FACE_SWAP_BYTES) throw new FaceSwapCheckpointError(`${model.file} would be ${bytes.length} bytes, over the ${MAX_FACE_SWAP_BYTES}-byte limit.`);
  writeFileSync(out, bytes);
  return { id: model.id, path: out, bytes: bytes.length, steps: plan.steps, seconds: trainingMs / 1000, scores };
}

export interface TrainFaceSwapsOptions {
  only?: PretrainedFaceSwapId[];
  scale?: number;
  outDir?: string;
  /** Reuse the judge files already in outDir instead of retraining them. */
  keepJudges?: boolean;
}

export async function trainFaceSwaps(options: TrainFaceSwapsOptions = {}): Promise<{ judges: Record<string, unknown>; models: FaceSwapReport[] }> {
  const { scale = 1, outDir = MODELS_DIR } = options;
  await selectWasmBackend();
  mkdirSync(outDir, { recursive: true });
  const digits = loadMnistDigits();
  const classifier = DigitClassifier.fromBundle(decodeWeightsBundle(new Uint8Array(readFileSync(CLASSIFIER_PATH)), CLASSIFIER_FORMAT));
  const judges = {} as Record<SwapDatasetKind, SwapJudges>;
  for (const kind of ['toyFaces', 'digitStyles'] as const) {
    const path = join(outDir, judgesFile(kind));
    if (options.keepJudges && existsSync(path)) {
      judges[kind] = decodeSwapJudges(new Uint8Array(readFileSync(path)), classifier);
      continue;
    }
    const bar = new ProgressBar(`judges ${kind}`.padEnd(19), kind === 'toyFaces' ? 4 : 1);
    const started = performance.now();
    judges[kind] = kind === 'toyFaces' ? trainToyFaceJudges(undefined, (done, _t, what) => bar.update(done, what)) : trainDigitStyleJudges(digits, classifier, undefined, (done, _t, what) => bar.update(done, what));
    bar.finish(formatSeconds((performance.now() - started) / 1000));
    const bytes = encodeSwapJudges(judges[kind]);
    decodeSwapJudges(bytes, classifier).dispose();
    writeFileSync(path, bytes);
  }
  const models: FaceSwapReport[] = [];
  for (const model of PRETRAINED_FACE_SWAPS) {
    if (options.only && !options.only.includes(model.id)) continue;
    const base = FACE_SWAP_PLANS[model.id];
    const plan = { ...base, steps: Math.max(2, Math.round(base.steps * scale)) };
    const kind = model.settings.dataset;
    models.push(trainPretrainedSwap(model, plan, judges[kind], kind === 'digitStyles' ? digits : undefined, join(outDir, model.file)));
  }
  const report = { toyFaces: judges.toyFaces.report, digitStyles: judges.digitStyles.report };
  judges.toyFaces.dispose();
  judges.digitStyles.dispose();
  classifier.dispose();
  return { judges: report, models };
}

function parseArgs(argv: string[]): TrainFaceSwapsOptions {
  const options: TrainFaceSwapsOptions = {};
  const usage = 'Usage: npm run train:faceswap [-- --only toy-faces,toy-faces-separate,digit-styles --scale 0.1 --out-dir DIR --keep-judges]';
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--keep-judges') options.keepJudges = true;
    else if (flag === '--only' && value) {
      const ids = value.split(',');
      const unknown = ids.filter((id) => !PRETRAINED_FACE_SWAPS.some((m) => m.id === id));
      if (unknown.length > 0) throw new Error(`Unknown model ${unknown.join(', ')}. ${usage}`);
      options.only = ids as PretrainedFaceSwapId[];
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

/** "A→B called target 0.99 (real 1.00), factor error 0.081 (real 0.062, ×1.31)". */
export function describeScores(s: SwapScoreSummary): string {
  const dir = (name: string, d: SwapScoreSummary['ab']) =>
    `${name} called target ${d.calledTarget.toFixed(3)} (real ${d.realCalledTarget.toFixed(3)})` +
    (d.factorError !== null
      ? `, factor error ${d.factorError.toFixed(4)} (real ${d.factorErrorReal!.toFixed(4)}, ×${(d.factorError / d.factorErrorReal!).toFixed(2)}; unrelated ${d.factorErrorUnrelated!.toFixed(3)})`
      : `, digit kept ${d.digitKept!.toFixed(3)}, thickness like target ${d.thicknessLikeTarget!.toFixed(3)}`);
  return `${dir('A→B', s.ab)}; ${dir('B→A', s.ba)}; reconstruction ${s.reconstruction.a.toFixed(4)} / ${s.reconstruction.b.toFixed(4)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const { judges, models } = await trainFaceSwaps(parseArgs(process.argv.slice(2)));
  console.log(`Judges on held-out real pictures: ${JSON.stringify(judges)}`);
  for (const r of models) {
    console.log(`${r.id}: wrote ${r.path} (${(r.bytes / 1024).toFixed(0)} KiB); ${r.steps} steps in ${formatSeconds(r.seconds)} (${(r.steps / r.seconds).toFixed(1)} steps/s); ${describeScores(r.scores)}.`);
  }
  console.log(`train:faceswap finished in ${formatSeconds((performance.now() - started) / 1000)}.`);
}
