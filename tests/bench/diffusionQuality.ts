/**
 * The diffusion lab in Node on the app's backend (wasm, single-threaded): training steps per
 * second, modes covered and % of samples on a cluster after N steps on the 8-mode ring and the
 * 25-mode grid (2,500 samples, as the adversarial lab's benchmark), for each objective, and
 * samples per second for 10 and 100 sampling steps. Figures, not pass/fail.
 * Run on its own: npx tsx tests/bench/diffusionQuality.ts
 */
import * as tf from '../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmFastKernels } from '../../src/core/shared/wasmFastKernels';
import { DiffusionTrainer } from '../../src/core/diffusion/diffusionTrainer';
import { DEFAULT_DIFFUSION_SETTINGS, type DiffusionDataset, type DiffusionObjective } from '../../src/core/diffusion/diffusionSettings';
import type { SamplerKind } from '../../src/core/diffusion/samplerKinds';
import { COVERAGE_SAMPLE_COUNT, measureModeCoverage } from '../../src/core/points/modeCoverage';
import { formatRate, printTable } from './printTable';

const CHECKPOINTS = [500, 2000, 5000];

export async function runDiffusionBenchmarks(): Promise<void> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  registerWasmFastKernels();
  const rows: (string | number)[][] = [];
  const rates: (string | number)[][] = [];
  for (const dataset of ['ring', 'grid'] as DiffusionDataset[]) {
    for (const objective of ['epsilon', 'velocity'] as DiffusionObjective[]) {
      const trainer = new DiffusionTrainer({ ...DEFAULT_DIFFUSION_SETTINGS, dataset, objective });
      const few: SamplerKind = objective === 'epsilon' ? 'ddim' : 'euler';
      let trainingMs = 0;
      for (const target of CHECKPOINTS) {
        const started = performance.now();
        while (trainer.steps < target) trainer.step(false);
        trainingMs += performance.now() - started;
        const cells: string[] = [];
        for (const [sampler, steps] of [[objective === 'epsilon' ? 'ancestral' : 'euler', 100], [few, 20], [few, 10]] as [SamplerKind, number][]) {
          const c = measureModeCoverage(trainer.sample(COVERAGE_SAMPLE_COUNT, { sampler, steps, seed: 3 }).samples, trainer.distribution.modeCenters!, trainer.distribution.sigma);
          cells.push(`${c.modesCovered}/${c.modeCount}, ${(100 * c.highQualityFraction).toFixed(0)}%`);
        }
        rows.push([dataset, objective, target, ...cells]);
      }
      if (dataset === 'ring') {
        const stepsPerSecond = (trainer.steps * 1000) / trainingMs;
        const samplesPerSecond = (steps: number) => {
          const started = performance.now();
          trainer.sample(400, { sampler: few, steps, seed: 1 });
          return 400 / ((performance.now() - started) / 1000);
        };
        rates.push([objective, formatRate(stepsPerSecond), formatRate(samplesPerSecond(10)), formatRate(samplesPerSecond(100))]);
      }
      trainer.dispose();
    }
  }
  printTable('Diffusion lab: modes covered and % of 2,500 samples on a cluster (within 3σ), default settings (width 64 × 2, T = 100, cosine)',
    ['data', 'objective', 'steps', 'T steps (ancestral / Euler)', '20 steps', '10 steps'], rows);
  printTable('Diffusion lab: rates in Node (wasm, one thread), default settings',
    ['objective', 'training steps / s', 'samples / s, 10 steps', 'samples / s, 100 steps'], rates,
    ['Samples per second for 400 particles (as the lab shows), DDIM for noise prediction, Euler for flow matching.']);
}

if (import.meta.url === `file://${process.argv[1]}`) await runDiffusionBenchmarks();
