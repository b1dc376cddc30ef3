/**
 * The face-swap lab's training rate in Node on the app's backend (wasm,
 * single-threaded): steps per second (one step = a batch of A's and a batch
 * of B's pictures) for the default settings and the variants the lab offers,
 * and what one step's pictures cost to draw. Figures, not pass/fail.
 * Run on its own: npx tsx tests/bench/faceSwapRates.ts [seconds per row]
 */
import * as tf from '../../src/core/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../src/core/digits/wasmFastKernels';
import { FaceSwapTrainer } from '../../src/core/faceswap/faceSwapTrainer';
import { DEFAULT_FACE_SWAP_SETTINGS, type FaceSwapSettings } from '../../src/core/faceswap/faceSwapSettings';
import { createSwapDataset } from '../../src/core/faceswap/swapDatasets';
import { loadMnistDigits } from '../../models/tools/mnistSource';
import { measureEpochRate } from './measureRate';
import { formatRate, printTable } from './printTable';

const VARIANTS: [string, Partial<FaceSwapSettings>][] = [
  ['default (toy faces, colour)', {}],
  ['greyscale', { colour: false }],
  ['width 8', { width: 8 }],
  ['width 16', { width: 16 }],
  ['width 24', { width: 24 }],
  ['batch 8', { batchSize: 8 }],
  ['batch 32', { batchSize: 32 }],
  ['latent 64', { latentSize: 64 }],
  ['no warp', { warp: false }],
  ['alternate schedule', { schedule: 'alternate' }],
  ['separate encoders', { encoder: 'separate' }],
  ['SSIM term', { ssimWeight: 1 }],
  ['no eyes-and-mouth priority', { featurePriority: 0 }],
  ['digit styles', { dataset: 'digitStyles' }],
];

export async function runFaceSwapBenchmarks(seconds = 4): Promise<void> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  await tf.ready();
  registerWasmFastKernels();
  const digits = loadMnistDigits();
  const rows: (string | number)[][] = [];
  for (const [label, change] of VARIANTS) {
    const settings = { ...DEFAULT_FACE_SWAP_SETTINGS, ...change };
    const data = createSwapDataset(settings, digits);
    const trainer = new FaceSwapTrainer(settings);
    // Fill the pools first, so the figure is the steady state (pictures are drawn once, on first use).
    for (let i = 0; i < 2 * 1024; i += settings.batchSize) (['a', 'b'] as const).forEach((side) => data.nextBatch(side, settings.batchSize));
    const step = () => {
      const a = data.nextBatch('a', settings.batchSize);
      const b = data.nextBatch('b', settings.batchSize);
      trainer.step(a.images, b.images, false, { a: a.masks, b: b.masks });
    };
    const rate = measureEpochRate(step, seconds);
    trainer.dispose();
    const fresh = createSwapDataset({ ...settings, seed: settings.seed + 1 }, digits);
    const drawStart = performance.now();
    for (let i = 0; i < 10; i++) (['a', 'b'] as const).forEach((side) => fresh.nextBatch(side, settings.batchSize));
    const drawMs = (performance.now() - drawStart) / 10;
    rows.push([label, formatRate(rate.epochsPerSecond), formatRate(rate.epochsPerSecond * 2 * settings.batchSize), drawMs.toFixed(1)]);
  }
  printTable(
    'Face-swap lab: training rate on wasm (single-threaded)',
    ['settings', 'steps/s', 'pictures/s', 'first-use ms/step'],
    rows,
    [
      `Default: ${DEFAULT_FACE_SWAP_SETTINGS.imageSize}×${DEFAULT_FACE_SWAP_SETTINGS.imageSize}, width ${DEFAULT_FACE_SWAP_SETTINGS.width}, latent ${DEFAULT_FACE_SWAP_SETTINGS.latentSize}, batch ${DEFAULT_FACE_SWAP_SETTINGS.batchSize} per side.`,
      'first-use ms/step: drawing a step\'s pictures before they are in the pool (paid once per picture).',
    ],
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runFaceSwapBenchmarks(Number(process.argv[2] ?? 4));
