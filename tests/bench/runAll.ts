/**
 * `npm run bench` (after `vite build`): speed figures in Node and in headless
 * Chromium, then the preset quality runs if present. Prints tables, not pass/fail;
 * exits non-zero only when a part could not run at all.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeBenchmarks } from './nodeRates';
import { runBrowserBenchmarks } from './browserRates';
import { runBrowserDigitBenchmarks } from './browserDigits';
import { runBrowserFaceSwapBenchmarks } from './browserFaceSwap';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The preset quality runs (`tests/bench/presetQuality.ts`: modes covered and % high quality on
 * the benchmark ring and grid over 5 seeds) run in their own process, so their TF.js backend
 * choice cannot mix with the speed runs above.
 */
const PRESET_QUALITY_SCRIPT = join(here, 'presetQuality.ts');

function runPresetQuality(): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', PRESET_QUALITY_SCRIPT], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`presetQuality.ts exited with ${result.status ?? result.signal}`);
}

/** The digit forger's figures (pretrained GANs' quality, training rates), in their own process: they register wasm kernels. */
function runDigitGans(): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'digitGans.ts')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`digitGans.ts exited with ${result.status ?? result.signal}`);
}

/** The face-swap lab's figures in Node (training rates, the pretrained models' swap scores), in their own process: they register wasm kernels. */
function runFaceSwapNode(): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'faceSwapRates.ts')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`faceSwapRates.ts exited with ${result.status ?? result.signal}`);
}

const parts: [string, () => Promise<void> | void][] = [
  ['Node training rate', () => runNodeBenchmarks()],
  ['Browser training and frame rate', () => runBrowserBenchmarks()],
  ['Preset quality', runPresetQuality],
  ['Digit GANs: pretrained quality and training rate', runDigitGans],
  ['Digit forger in the browser: training rate and quality from scratch', () => runBrowserDigitBenchmarks()],
  ['Face-swap lab in Node: training rate and pretrained swap scores', runFaceSwapNode],
  ['Face-swap lab in the browser: training rate, pretrained scores, scores from scratch', () => runBrowserFaceSwapBenchmarks()],
  ['Detection lab in Node: spectra (fft.js vs tf.spectral), detectors per generator, generalisation', () => { const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'detection.ts')], { stdio: 'inherit' }); if (r.status !== 0) throw new Error(`detection.ts exited with ${r.status ?? r.signal}`); }],
  ['Diffusion lab in Node: modes covered after N steps, training and sampling rates', () => { const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'diffusionQuality.ts')], { stdio: 'inherit' }); if (r.status !== 0) throw new Error(`diffusionQuality.ts exited with ${r.status ?? r.signal}`); }],
  ['Voice lab in Node: synthesis, judges, conversion scores (shared vs separate encoders)', () => { const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'voiceConversion.ts')], { stdio: 'inherit' }); if (r.status !== 0) throw new Error(`voiceConversion.ts exited with ${r.status ?? r.signal}`); }],
];

const started = performance.now();
const failed: string[] = [];
for (const [name, run] of parts) {
  const partStart = performance.now();
  console.log(`\n##### ${name}`);
  try {
    await run();
  } catch (error) {
    failed.push(name);
    console.log(`  ${name} could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`  (${name}: ${((performance.now() - partStart) / 1000).toFixed(1)} s)`);
}
console.log(`\nBenchmarks finished in ${((performance.now() - started) / 1000).toFixed(0)} s${failed.length ? `; could not run: ${failed.join(', ')}` : ''}.`);
// TF.js and Chromium handles must not keep the process alive.
process.exit(failed.length > 0 ? 1 : 0);
