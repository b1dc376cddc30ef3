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
import { runBrowserVoiceBenchmarks } from './browserVoice';
import { runBrowserProvenanceBenchmarks } from './browserProvenance';

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

/** A bench script run in its own process (its TF.js backend and kernels stay its own). */
function runScript(file: string): () => void {
  return () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`${file} exited with ${result.status ?? result.signal}`);
  };
}

const parts: [string, () => Promise<void> | void][] = [
  ['Node training rate', () => runNodeBenchmarks()],
  ['Browser training and frame rate', () => runBrowserBenchmarks()],
  ['Preset quality', runPresetQuality],
  ['Digit GANs: pretrained quality and training rate', runDigitGans],
  ['Digit forger in the browser: training rate and quality from scratch', () => runBrowserDigitBenchmarks()],
  ['Face-swap lab in Node: training rate and pretrained swap scores', runFaceSwapNode],
  ['Face-swap lab in the browser: training rate, pretrained scores, scores from scratch', () => runBrowserFaceSwapBenchmarks()],
  ['Detection lab in Node: spectra (fft.js vs tf.spectral), detectors per generator, generalisation', runScript('detection.ts')],
  ['Diffusion lab in Node: modes covered after N steps, training and sampling rates', runScript('diffusionQuality.ts')],
  ['Diffusion lab in Node: GAN against diffusion on one clock, coverage and high-quality share after 30 s and 60 s (seeds 1–5)', runScript('diffusionRace.ts')],
  ['Diffusion lab in the browser: ring after 30 and 60 s, grid after 60 and 120 s of live training, saved from the page and scored (seeds 1–5)', runScript('browserDiffusion.ts')],
  ['Diffusion lab, digits: Inception Score, Fréchet distance and asked-for class per guidance scale; time to sample 64 digits', runScript('diffusionDigits.ts')],
  ['Voice lab in Node: synthesis, judges, conversion scores (shared vs separate encoders)', runScript('voiceConversion.ts')],
  ['Voice lab in Node: voice lock (clones vs impostors), clone detector, quiz', runScript('voiceLock.ts')],
  ['Voice lab in the browser: load and convert time, sound, training rate, conversions after 30 and 60 s of training from scratch', () => runBrowserVoiceBenchmarks()],
  ['Provenance lab: invisible watermark (PSNR, Chromium JPEG, attacks, false positives, averaging attack)', runScript('watermark.ts')],
  ['Provenance lab: learned watermark against the classic one at equal PSNR', runScript('learnedWatermark.ts')],
  ['Provenance lab in the browser: C2PA sign and validate times', () => runBrowserProvenanceBenchmarks()],
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
