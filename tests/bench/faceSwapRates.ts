/**
 * The face-swap lab's training rate in Node on the app's backend (wasm,
 * single-threaded): steps per second (one step = a batch of A's and a batch
 * of B's pictures) for the default settings and the variants the lab offers,
 * and what one step's pictures cost to draw. Figures, not pass/fail.
 * Run on its own: npx tsx tests/bench/faceSwapRates.ts [seconds per row]
 */
import * as tf from '../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../src/core/shared/wasmFastKernels';
import { FaceSwapTrainer } from '../../src/core/faceswap/faceSwapTrainer';
import { DEFAULT_FACE_SWAP_SETTINGS, type FaceSwapSettings } from '../../src/core/autoencoder/faceSwapSettings';
import { createSwapDataset } from '../../src/core/faceswap/swapDatasets';
import { loadMnistDigits } from '../../models/tools/mnistSource';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DigitClassifier } from '../../src/core/mnist/digitClassifier';
import { decodeWeightsBundle } from '../../src/core/shared/weightsBundle';
import { decodeFaceSwapCheckpoint, swapWeightMap } from '../../src/core/faceswap/faceSwapCheckpoint';
import { PRETRAINED_FACE_SWAPS } from '../../src/core/autoencoder/pretrainedFaceSwaps';
import { decodeSwapJudges, scoreSwaps } from '../../src/core/faceswap/swapJudges';
import type { DirectionScores } from '../../src/core/faceswap/swapScoreSummary';
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

const MODELS = resolve(import.meta.dirname, '../../models');
const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** One direction's figures against the targets (toy faces: called target ≥ 95%, factor error ≤ 1.5× real; digits: kept and thickness ≥ 95%). */
function directionRow(label: string, d: DirectionScores): (string | number)[] {
  const ratio = d.factorError !== null && d.factorErrorReal ? `${(d.factorError / d.factorErrorReal).toFixed(2)}×` : '—';
  return [label, pct(d.calledTarget), num(d.factorError), num(d.factorErrorReal), ratio, num(d.factorErrorUnrelated), pct(d.digitKept), pct(d.thicknessLikeTarget)];
}

/** The shipped models, loaded into a fresh trainer and scored by the shipped judges on 256 held-out pictures per direction. */
export function scorePretrainedFaceSwaps(count = 256): void {
  const read = (file: string) => new Uint8Array(readFileSync(resolve(MODELS, file)));
  const digits = loadMnistDigits();
  const classifier = DigitClassifier.fromBundle(decodeWeightsBundle(read('digitClassifier.weights')));
  const judges = {
    toyFaces: decodeSwapJudges(read('faceSwapJudges-toyFaces.weights')),
    digitStyles: decodeSwapJudges(read('faceSwapJudges-digitStyles.weights'), classifier),
  };
  const rows: (string | number)[][] = [];
  for (const model of PRETRAINED_FACE_SWAPS) {
    if (!existsSync(resolve(MODELS, model.file))) {
      rows.push([`${model.id}: file missing`, '', '', '', '', '', '', '']);
      continue;
    }
    const checkpoint = decodeFaceSwapCheckpoint(read(model.file));
    const trainer = new FaceSwapTrainer(checkpoint.settings);
    const weights = swapWeightMap(checkpoint);
    trainer.loadWeights(weights);
    tf.dispose([...weights.values()]);
    trainer.steps = checkpoint.steps;
    const s = scoreSwaps(trainer, createSwapDataset(checkpoint.settings, digits), judges[checkpoint.settings.dataset], count);
    trainer.dispose();
    rows.push(directionRow(`${model.id} (${checkpoint.steps} steps) A→B`, s.ab), directionRow(`${model.id} B→A`, s.ba));
  }
  judges.toyFaces.dispose();
  judges.digitStyles.dispose();
  classifier.dispose();
  printTable(
    `Face-swap lab: the shipped pretrained models' swap scores (${count} held-out pictures per direction)`,
    ['model, direction', 'called target', 'factor err', 'real target', 'ratio', 'unrelated', 'digit kept', 'thickness'],
    rows,
    ['Targets: toy faces called the target ≥ 95% with factor error ≤ 1.5× real; digit styles keep the digit ≥ 95% and take the target thickness ≥ 95%.'],
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runFaceSwapBenchmarks(Number(process.argv[2] ?? 4));
  scorePretrainedFaceSwaps();
}
