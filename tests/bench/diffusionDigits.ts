/**
 * The diffusion lab's digit model (models/digitDiffusion.weights): Inception Score, Fréchet
 * distance and the share of digits the project's classifier reads as the class asked for, per
 * guidance scale at the shipped number of DDIM steps (and a few step counts at the shipped
 * guidance), in Node on the app's backend (wasm, one thread), beside real digits; then the time
 * the built app takes to sample the Digits view's grid of 64 digits in headless Chromium.
 * Targets: IS ≥ 9.5, asked-for class ≥ 97%, 64 digits in ≤ 10 s. Figures, not pass/fail.
 * Run on its own: npx tsx tests/bench/diffusionDigits.ts [samples per row, default 500]
 */
import { readFileSync } from 'node:fs';
import * as tf from '../../src/core/shared/tf';
import { splitDigits } from '../../src/core/mnist/digitDataset';
import { decodeDigitDiffusionCheckpoint } from '../../src/core/denoising/digitDiffusionCheckpoint';
import { DigitDiffusionTrainer } from '../../src/core/denoising/digitDiffusionTrainer';
import { selectWasmBackend } from '../../models/trainClassifier';
import { loadScoring } from '../../models/trainDigitGans';
import { DIGIT_DIFFUSION_PATH, scoreDigitDiffusion } from '../../models/trainDigitDiffusion';
import { loadMnistDigits } from '../../models/tools/mnistSource';
import { BrowserHarness, testIdText } from '../browser/harness';
import { printTable } from './printTable';

const GUIDANCE_SCALES = [0, 1, 2, 3, 4, 5];
const TARGETS = { inceptionScore: 9.5, classAgreement: 0.97, gridSeconds: 10 };

export async function runDigitDiffusionNodeBenchmarks(samples = 500): Promise<void> {
  await selectWasmBackend();
  const checkpoint = decodeDigitDiffusionCheckpoint(new Uint8Array(readFileSync(DIGIT_DIFFUSION_PATH)));
  const trainer = new DigitDiffusionTrainer(checkpoint.settings);
  trainer.restoreWeights(checkpoint);
  const { train, heldOut } = splitDigits(loadMnistDigits());
  const scoring = loadScoring(train, heldOut);
  const { steps, guidance } = checkpoint.sampling;
  const row = (w: number, s: number) => {
    const started = performance.now();
    const q = scoreDigitDiffusion(trainer, scoring, samples, { steps: s, guidance: w }, 777);
    return [w, s, q.inceptionScore.toFixed(2), q.frechetDistance.toFixed(1), `${(100 * q.classAgreement).toFixed(1)}%`, ((performance.now() - started) / 1000).toFixed(0)];
  };
  const rows = GUIDANCE_SCALES.map((w) => row(w, steps));
  for (const s of [5, 20]) rows.push(row(guidance, s));
  const real = scoring.scorer.realBaseline;
  rows.push(['real training digits', '', real.inceptionScore.toFixed(2), real.frechetDistance.toFixed(1), '', '']);
  // The Digits view's grid, in Node: 64 digits of one class at the shipped settings.
  const started = performance.now();
  trainer.sample({ sampler: 'ddim', steps, guidance, labels: new Array(64).fill(3), seed: 1 });
  const nodeGrid = (performance.now() - started) / 1000;
  printTable(`Diffusion lab, digits: the shipped U-Net (${checkpoint.steps} training steps), ${samples} samples per row (balanced classes), DDIM`,
    ['guidance w', 'steps', 'Inception Score', 'Fréchet distance', 'asked-for class', 'seconds'], rows, [
      `Targets: Inception Score ≥ ${TARGETS.inceptionScore}, asked-for class ≥ ${100 * TARGETS.classAgreement}%. Scores by the project's digit classifier (models/digitClassifier.weights), Fréchet distance to the held-out digits.`,
      `Shipped default: ${steps} steps, guidance ${guidance}. 64 digits at the default in Node (wasm, one thread): ${nodeGrid.toFixed(1)} s. Backend ${tf.getBackend()}.`,
      'The digit GANs for comparison (models/digitGan-*.weights, 1,000 samples each): conditional DCGAN IS 9.45 / FD 27.5 / 96.8% asked-for class; DCGAN 6.59 / 89.6; DCGAN with transposed convolutions 6.31 / 98.5; MLP GAN 7.14 / 50.0.',
    ]);
  trainer.dispose();
  scoring.classifier.dispose();
}

export async function runDigitDiffusionBrowserBenchmarks(runs = 3): Promise<void> {
  const harness = await BrowserHarness.start();
  try {
    const page = await harness.open('#/diffusion');
    await page.getByTestId('mode-digits').waitFor({ state: 'visible', timeout: 120_000 });
    await page.getByTestId('mode-digits').click();
    const ready = () => page.waitForFunction(() => document.querySelector('[data-testid="digit-status"]')?.textContent === 'ready', undefined, { timeout: 180_000 });
    await ready();
    const rows: string[][] = [];
    for (let i = 0; i < runs; i++) {
      await page.getByTestId('digit-class').selectOption(String((i * 3 + 1) % 10));
      await page.waitForFunction(() => document.querySelector('[data-testid="digit-status"]')?.textContent !== 'ready', undefined, { timeout: 10_000 }).catch(() => {});
      await ready();
      rows.push([await testIdText(page, 'digit-backend'), await testIdText(page, 'digit-steps'), await testIdText(page, 'guidance'), await testIdText(page, 'digit-seconds'), await testIdText(page, 'digit-recognised')]);
    }
    printTable('Diffusion lab, digits in headless Chromium: time to sample the grid of 64 digits (worker, every step kept)',
      ['backend', 'steps', 'guidance', 'time', 'read as asked'], rows, [`Target: ≤ ${TARGETS.gridSeconds} s.`]);
  } finally {
    await harness.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runDigitDiffusionNodeBenchmarks(Number(process.argv[2] ?? 500));
  await runDigitDiffusionBrowserBenchmarks();
}
