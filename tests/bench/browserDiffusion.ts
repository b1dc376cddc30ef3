/**
 * The diffusion lab's 2D targets where they are set: trained live in headless Chromium. For each
 * seed the page opens on the ring (or the grid) with the lab's defaults and that seed, plays at
 * full speed, and at each checkpoint (seconds of play, the page's own frames and pictures
 * included) pauses, saves the model from the page ("Save this model") and plays on. Each saved
 * model is then sampled here in Node on 2,500 particles and scored as tests/bench/diffusionRace.ts
 * scores (clusters covered, share within 3σ): by the full ancestral walk (all T steps, the lab's
 * default view) and by DDIM in 20 steps; beside them, what the page itself read out on its 400
 * particles when it paused.
 * Run on its own (after vite build): npx tsx tests/bench/browserDiffusion.ts
 *   BROWSER_DIFFUSION_SEEDS=1,2,3,4,5  BROWSER_DIFFUSION_DATA=ring,grid
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import * as tf from '../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { BrowserHarness, testIdText } from '../browser/harness';
import { decodeDiffusionCheckpoint } from '../../src/core/diffusion/diffusionCheckpoint';
import { DiffusionTrainer } from '../../src/core/diffusion/diffusionTrainer';
import { COVERAGE_SAMPLE_COUNT, measureModeCoverage } from '../../src/core/points/modeCoverage';
import { printTable } from './printTable';

const READY_TIMEOUT = 120_000;
const TARGETS = {
  ring: { modes: 8, highQuality: 0.95, withinSeconds: 60, checkpoints: [30, 60] },
  grid: { modes: 25, highQuality: 0.9, withinSeconds: 120, checkpoints: [60, 120] },
} as const;
type Dataset = keyof typeof TARGETS;

interface Saved {
  dataset: Dataset;
  seed: number;
  seconds: number;
  bytes: Uint8Array;
  /** The page's own "modes covered" and "on a cluster" readouts at the pause. */
  page: string;
}

async function togglePlay(page: Page, name: 'Play' | 'Pause'): Promise<void> {
  const button = (label: string) => page.getByTestId('play-pause').and(page.getByRole('button', { name: label, exact: true }));
  await button(name).click();
  await button(name === 'Play' ? 'Pause' : 'Play').waitFor({ timeout: READY_TIMEOUT });
}

async function save(page: Page): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: READY_TIMEOUT }), page.getByTestId('model-save').click()]);
  return new Uint8Array(await readFile((await download.path())!));
}

async function trainAndSave(harness: BrowserHarness, dataset: Dataset, seed: number, saved: Saved[]): Promise<string> {
  const page = await harness.open(`#/diffusion?data=${dataset}&seed=${seed}`);
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: READY_TIMEOUT });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: READY_TIMEOUT });
  if (!(await page.getByTestId('model-save').isVisible())) await page.getByText('Save and load', { exact: true }).click();
  await page.getByTestId('speed').selectOption('max');
  let played = 0;
  for (const target of TARGETS[dataset].checkpoints) {
    await togglePlay(page, 'Play');
    const started = performance.now();
    await page.waitForTimeout((target - played) * 1000);
    await togglePlay(page, 'Pause');
    played += (performance.now() - started) / 1000;
    const readout = `${(await testIdText(page, 'modes-covered')).replace(' of ', '/')}, ${await testIdText(page, 'high-quality')}`;
    saved.push({ dataset, seed, seconds: played, bytes: await save(page), page: readout });
  }
  return testIdText(page, 'backend-name');
}

interface Scored {
  modes: number;
  highQuality: number;
}

/** A saved model, read once and sampled both ways: the full ancestral walk and DDIM in 20 steps. */
function score(s: Saved): { steps: number; ddim: Scored; ancestral: Scored } {
  const file = decodeDiffusionCheckpoint(s.bytes);
  const trainer = new DiffusionTrainer(file.settings);
  try {
    trainer.restoreWeights(file);
    const coverage = (sampler: 'ddim' | 'ancestral'): Scored => {
      const run = trainer.sample(COVERAGE_SAMPLE_COUNT, { sampler, steps: sampler === 'ddim' ? 20 : file.settings.timesteps, seed: 1000 + s.seed });
      const c = measureModeCoverage(run.samples, trainer.distribution.modeCenters!, trainer.distribution.sigma);
      return { modes: c.modesCovered, highQuality: c.highQualityFraction };
    };
    return { steps: file.steps, ddim: coverage('ddim'), ancestral: coverage('ancestral') };
  } finally {
    trainer.dispose();
  }
}

export async function runBrowserDiffusionBenchmarks(
  seeds = (process.env.BROWSER_DIFFUSION_SEEDS ?? '1,2,3,4,5').split(',').map(Number),
  datasets = (process.env.BROWSER_DIFFUSION_DATA ?? 'ring,grid').split(',') as Dataset[],
): Promise<void> {
  const saved: Saved[] = [];
  let backend = '';
  const harness = await BrowserHarness.start();
  try {
    for (const dataset of datasets) {
      for (const seed of seeds) {
        backend = await trainAndSave(harness, dataset, seed, saved);
        console.log(`  ${dataset} seed ${seed}: saved at ${saved.filter((s) => s.dataset === dataset && s.seed === seed).map((s) => `${s.seconds.toFixed(0)} s`).join(', ')}`);
      }
    }
  } finally {
    await harness.close();
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const rows: string[][] = [];
  const summary: string[][] = [];
  for (const dataset of datasets) {
    const target = TARGETS[dataset];
    for (const checkpoint of target.checkpoints) {
      const at = saved.filter((s) => s.dataset === dataset && Math.abs(s.seconds - checkpoint) < 5);
      const scored = at.map((s) => ({ s, ...score(s) }));
      for (const r of scored) {
        rows.push([dataset, String(r.s.seed), r.s.seconds.toFixed(0), r.steps.toLocaleString('en-US'), `${r.ancestral.modes}/${target.modes}, ${pct(r.ancestral.highQuality)}`, r.s.page, `${r.ddim.modes}/${target.modes}, ${pct(r.ddim.highQuality)}`]);
      }
      const line = (pick: (r: (typeof scored)[number]) => { modes: number; highQuality: number }) => {
        const all = scored.filter((r) => pick(r).modes === target.modes).length;
        const lowest = Math.min(...scored.map((r) => pick(r).highQuality));
        const mean = scored.reduce((a, r) => a + pick(r).highQuality, 0) / scored.length;
        return `${all}/${scored.length} seeds all ${target.modes}; ${pct(mean)} (lowest ${pct(lowest)})`;
      };
      summary.push([dataset, String(checkpoint), line((r) => r.ancestral), line((r) => r.ddim), `${target.modes}/${target.modes} with ≥ ${pct(target.highQuality)} within ${target.withinSeconds} s`]);
    }
  }
  printTable(`Diffusion lab trained live in headless Chromium (${backend}, the lab's defaults, speed "as fast as possible"), each saved model scored on ${COVERAGE_SAMPLE_COUNT.toLocaleString('en-US')} samples`,
    ['data', 'seed', 'seconds played', 'steps', 'ancestral, all T steps (the default view): clusters, high quality', 'the page\'s readout (400 particles)', 'DDIM 20'], rows);
  printTable('Against the targets (clusters covered on every seed; share within 3σ, mean and lowest)', ['data', 'seconds', 'ancestral, all T steps (the default view)', 'DDIM 20', 'target'], summary,
    ['PacGAN4\'s published figure on the ring, the bar the issue sets: 7.8/8 modes with 95.9% high quality (Lin et al. 2018, Table 3). "Seconds played" include the page\'s frames and pictures.']);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runBrowserDiffusionBenchmarks();
  process.exit(0);
}
