/**
 * Detection lab figures (not pass/fail), run by runAll.ts in its own process
 * (`node --import tsx tests/bench/detection.ts`):
 * - spectra: a batch of 28×28 (and 32×32) power spectra with fft.js (the core's way) against
 *   TF.js's tf.spectral on the backends that have it, with the largest disagreement;
 * - each detector's held-out accuracy and AUC against each shipped generator's fakes;
 * - the generalisation matrix: trained on one generator's fakes, judged on another's.
 * Real digits: the MNIST training split for training, the held-out split for judging.
 */
import * as tf from '../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../src/core/shared/wasmFastKernels';
import { SpectrumAnalyser } from '../../src/core/detection/spectrum';
import { labelledSet, type DetectionSet } from '../../src/core/detection/detectionSet';
import { SpectrumDetector } from '../../src/core/detection/spectrumDetector';
import { PixelDetector } from '../../src/core/detection/pixelDetector';
import type { BinaryDetector } from '../../src/core/detection/binaryDetector';
import { PRETRAINED_IDS, type PretrainedId } from '../../src/core/mnist/pretrainedDigitGans';
import { SeededRandom } from '../../src/core/shared/seededRandom';
import { fakeDigits, realDigits, SIDE } from '../core/detection/detectionData';
import { printTable } from './printTable';

const BATCH = 256;
const REPEATS = Number(process.env.DETECTION_FFT_REPEATS ?? 5);
const TRAIN_EACH = Number(process.env.DETECTION_TRAIN_EACH ?? 1000);
const TEST_EACH = Number(process.env.DETECTION_TEST_EACH ?? 600);
const STEPS = { spectrum: Number(process.env.DETECTION_SPECTRUM_STEPS ?? 400), pixel: Number(process.env.DETECTION_PIXEL_STEPS ?? 1500) };

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

async function switchBackend(name: 'cpu' | 'wasm'): Promise<boolean> {
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
  } catch {
    return false;
  }
  if (name === 'wasm') registerWasmFastKernels();
  return tf.getBackend() === name;
}

/** Median of up to `REPEATS` timings of `run` (after one warm-up run; fewer when they pass 5 s), in ms. */
function time(run: () => void): number {
  run();
  const times: number[] = [];
  const begun = performance.now();
  for (let r = 0; r < REPEATS && (r === 0 || performance.now() - begun < 5000); r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** Unshifted |F|² of a batch with tf.spectral: rfft along rows, then a complex fft along columns. */
function tfPower(images: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const rows = tf.spectral.rfft(images); // [n, h, w/2+1] complex
    const byColumn = tf.transpose(rows, [0, 2, 1]); // [n, w/2+1, h]
    const full = tf.spectral.fft(byColumn);
    const re = tf.real(full);
    const im = tf.imag(full);
    return tf.transpose(tf.add(tf.square(re), tf.square(im)), [0, 2, 1]) as tf.Tensor3D; // [n, h, w/2+1]
  });
}

async function fftTable(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const side of [28, 32]) {
    const images = new SeededRandom(side).fillUniform(new Float32Array(BATCH * side * side), -1, 1);
    const analyser = new SpectrumAnalyser(side, side);
    const fftJs = new Float64Array(BATCH * side * side);
    const ms = time(() => {
      for (let i = 0; i < BATCH; i++) analyser.power(images, i, fftJs.subarray(i * side * side, (i + 1) * side * side));
    });
    rows.push([`${side}×${side}`, `fft.js (${side === 32 ? 'radix-4' : 'Bluestein on radix-4'}), plain JS`, ms.toFixed(1), ((1000 * ms) / BATCH).toFixed(1), '(reference)']);
    for (const backend of ['cpu', 'wasm'] as const) {
      if (!(await switchBackend(backend))) {
        rows.push([`${side}×${side}`, `tf.spectral, TF.js ${backend}`, '—', '—', 'backend did not start']);
        continue;
      }
      const batch = tf.tensor3d(images, [BATCH, side, side]);
      try {
        let worst = 0;
        const check = tfPower(batch);
        const values = check.dataSync();
        check.dispose();
        const half = side / 2 + 1;
        // fft.js's spectrum is centred; compare frequency (u, v), v ≤ side/2, against the unshifted half spectrum.
        for (let i = 0; i < BATCH; i++) {
          for (let u = 0; u < side; u++) {
            for (let v = 0; v < half; v++) {
              const ours = fftJs[i * side * side + ((u + side / 2) % side) * side + ((v + side / 2) % side)];
              const theirs = values[(i * side + u) * half + v];
              worst = Math.max(worst, Math.abs(ours - theirs) / Math.max(1, ours));
            }
          }
        }
        const tfMs = time(() => {
          const p = tfPower(batch);
          p.dataSync();
          p.dispose();
        });
        rows.push([`${side}×${side}`, `tf.spectral (rfft rows, fft columns), TF.js ${tf.getBackend()}`, tfMs.toFixed(1), ((1000 * tfMs) / BATCH).toFixed(1), worst.toExponential(1)]);
      } catch (error) {
        rows.push([`${side}×${side}`, `tf.spectral, TF.js ${backend}`, '—', '—', `fails: ${(error as Error).message.slice(0, 60)}`]);
      } finally {
        batch.dispose();
      }
    }
  }
  printTable(`Power spectra of ${BATCH} random images (median of up to ${REPEATS} runs after a warm-up)`, ['size', 'how', 'ms / batch', 'µs / image', 'largest difference from fft.js'], rows, [
    'Difference: |ours − theirs| / max(1, ours) over every frequency of the half spectrum (tf.spectral computes in float32).',
    'TF.js has no rfft2d: rfft along the rows, then a complex fft along the columns (through a transpose).',
  ]);
}

interface Sets {
  /** Real training digits with this generator's training fakes. */
  train: DetectionSet;
  /** Real held-out digits with this generator's held-out fakes. */
  test: DetectionSet;
}

function buildSets(): Map<PretrainedId, Sets> {
  const realTrain = realDigits(TRAIN_EACH, 'train');
  const realTest = realDigits(TEST_EACH, 'heldOut');
  const sets = new Map<PretrainedId, Sets>();
  for (const id of PRETRAINED_IDS) {
    sets.set(id, {
      train: labelledSet(realTrain, fakeDigits(id, TRAIN_EACH, 1001), SIDE, SIDE),
      test: labelledSet(realTest, fakeDigits(id, TEST_EACH, 2002), SIDE, SIDE),
    });
  }
  return sets;
}

const DETECTORS: [string, keyof typeof STEPS, (train: DetectionSet, test: DetectionSet) => BinaryDetector][] = [
  ['spectrum (logistic regression, 20 radial bins)', 'spectrum', (train, test) => new SpectrumDetector(train, test, { learningRate: 0.05, batchSize: 64, seed: 1 })],
  ['pixels (CNN, 2,033 weights)', 'pixel', (train, test) => new PixelDetector(train, test, { learningRate: 1e-2, batchSize: 32, seed: 1 })],
];

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

function detectorTables(sets: Map<PretrainedId, Sets>): void {
  const perGenerator: (string | number)[][] = [];
  const matrix: (string | number)[][] = [];
  for (const [name, kind, build] of DETECTORS) {
    for (const trainedOn of PRETRAINED_IDS) {
      const { train, test } = sets.get(trainedOn)!;
      const detector = build(train, test);
      const start = performance.now();
      for (let s = 0; s < STEPS[kind]; s++) detector.step();
      const seconds = (performance.now() - start) / 1000;
      const own = detector.heldOut();
      perGenerator.push([name, trainedOn, STEPS[kind], seconds.toFixed(1), pct(own.accuracy), own.auc.toFixed(3), pct(own.confusion.truePositiveRate), pct(own.confusion.falsePositiveRate)]);
      const row: (string | number)[] = [name, trainedOn];
      for (const judgedOn of PRETRAINED_IDS) {
        const j = judgedOn === trainedOn ? own : detector.judge(sets.get(judgedOn)!.test);
        row.push(`${pct(j.accuracy)} / ${j.auc.toFixed(3)}`);
      }
      matrix.push(row);
      detector.dispose();
    }
  }
  printTable(
    `Detectors on the shipped generators' fakes (${TRAIN_EACH} real + ${TRAIN_EACH} fake to train, ${TEST_EACH} + ${TEST_EACH} held out; TF.js ${tf.getBackend()})`,
    ['detector', 'fakes from', 'steps', 'train s', 'held-out accuracy', 'AUC', 'fakes caught', 'real called fake'],
    perGenerator,
    ['Threshold P(fake) = ½. Chance is 50% accuracy and AUC 0.5.'],
  );
  printTable(
    'Generalisation: trained on one generator\'s fakes (rows), judged on another\'s held-out fakes with the same held-out real digits (columns): accuracy / AUC',
    ['detector', 'trained on', ...PRETRAINED_IDS.map((id) => `judged on ${id}`)],
    matrix,
  );
}

await fftTable();
if (!(await switchBackend('wasm'))) await switchBackend('cpu');
const started = performance.now();
const sets = buildSets();
console.log(`  (real digits and ${PRETRAINED_IDS.length} generators' fakes ready in ${((performance.now() - started) / 1000).toFixed(1)} s on TF.js ${tf.getBackend()})`);
detectorTables(sets);
