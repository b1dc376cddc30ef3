/**
 * The voice lab in the built app, in headless Chromium, on the backend the app picks: how long
 * the page takes from opening to showing the pretrained Juno → Orbo model's conversion (and the
 * worker's own time to rebuild and convert the preview utterance), the time from pressing Play
 * under the clone to its sound being ready (Griffin–Lim in the worker), and training steps per
 * second from the pretrained model and from scratch, shared and separate encoders; and what a
 * class gets from live training: a run from scratch trained for 60 s (and other checkpoints),
 * its model saved from the page ("Save and load") and scored in Node by the same judges and
 * held-out utterances as tests/bench/voiceConversion.ts, against the lab's targets. Figures, not pass/fail.
 *
 *   npx vite build && npx tsx tests/bench/browserVoice.ts [rateSeconds] [checkpoint seconds…]
 *   (VOICE_SCRATCH_QUERIES: link queries separated by ';' to try other from-scratch settings,
 *   e.g. "lr=0.004;batch=32"; the defaults always run first. VOICE_SCRATCH_ONLY=1: only those runs)
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { BrowserHarness, testIdNumber, testIdText } from '../browser/harness';
import { printTable } from './printTable';
import { Stft } from '../../src/core/voice/stft';
import { TOY_VOICES, voiceOrThrow } from '../../src/core/voice/toyVoices';
import { framedUtterances } from '../../src/core/voice/voiceFrames';
import { VoiceConversionTrainer } from '../../src/core/voice/voiceConversion';
import { captureVoiceWeights, decodeVoiceCheckpoint, encodeVoiceCheckpoint, loadVoiceWeights } from '../../src/core/voice/voiceCheckpoint';
import { DEFAULT_VOICE_CONVERSION_SETTINGS } from '../../src/core/voice/voiceConversionSettings';
import { mappedPitchContour, withPitchContour } from '../../src/core/voice/pitchMapping';
import { trainVoiceJudges } from '../../src/core/voice/voiceJudges';
import { scoreConversions, speakerPitchRanges } from '../../src/core/voice/conversionScores';

const READY_TIMEOUT = 120_000;

async function waitReady(page: Page): Promise<void> {
  await page.getByTestId('play-pause').waitFor({ state: 'visible', timeout: READY_TIMEOUT });
  await page.getByTestId('loading-banner').waitFor({ state: 'detached', timeout: READY_TIMEOUT });
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="convert-ms"]')?.textContent ?? ''), undefined, { timeout: READY_TIMEOUT });
}

async function chooseStart(page: Page, id: string): Promise<void> {
  const radio = page.locator(`#voice-start-${id}`);
  if (!(await radio.isChecked())) await radio.check();
  await page.locator(`.voice-lab[data-start="${id}"]`).waitFor({ timeout: READY_TIMEOUT });
  await waitReady(page);
}

async function togglePlay(page: Page, name: 'Play' | 'Pause'): Promise<void> {
  const button = (label: string) => page.getByTestId('play-pause').and(page.getByRole('button', { name: label, exact: true }));
  await button(name).click();
  await button(name === 'Play' ? 'Pause' : 'Play').waitFor({ timeout: READY_TIMEOUT });
}

async function rate(page: Page, seconds: number): Promise<number> {
  await togglePlay(page, 'Play');
  await page.waitForTimeout(1500);
  const s0 = await testIdNumber(page, 'step-count');
  const t0 = performance.now();
  await page.waitForTimeout(seconds * 1000);
  const s1 = await testIdNumber(page, 'step-count');
  const t1 = performance.now();
  await togglePlay(page, 'Pause');
  return (s1 - s0) / ((t1 - t0) / 1000);
}

/** The lab's targets for a conversion, as tests/bench/voiceConversion.ts. */
const TARGET_CALLED = 0.9;
const TARGET_KEPT = 0.9;
const TARGET_PITCH_CORRELATION = 0.9;
const HELD_OUT = 40;
const GRIFFIN_LIM_ITERATIONS = 32;

interface ScratchSave {
  label: string;
  seconds: number;
  steps: number;
  bytes: Uint8Array;
}

/**
 * Opens the lab from scratch (with `query`'s settings), presses Play, and at each checkpoint
 * (seconds of training since Play) pauses, saves the model through the page's "Save" button and
 * plays on; the pauses are not counted.
 */
async function trainFromScratch(harness: BrowserHarness, label: string, query: string, checkpoints: number[]): Promise<{ saves: ScratchSave[]; backend: string }> {
  const page = await harness.open(`#/voice?start=scratch${query ? `&${query}` : ''}`);
  await page.locator('.voice-lab[data-start="scratch"]').waitFor({ timeout: READY_TIMEOUT });
  await waitReady(page);
  if ((await testIdNumber(page, 'step-count')) !== 0) throw new Error(`The lab did not open from scratch for "${label}".`);
  const saves: ScratchSave[] = [];
  let trained = 0;
  for (const at of [...checkpoints].sort((x, y) => x - y)) {
    await togglePlay(page, 'Play');
    const started = performance.now();
    await page.waitForTimeout(Math.max(0, at * 1000 - trained));
    await togglePlay(page, 'Pause');
    trained += performance.now() - started;
    const steps = await testIdNumber(page, 'step-count');
    if (!(await page.getByTestId('model-save').isVisible())) await page.getByText('Save and load', { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: READY_TIMEOUT }), page.getByTestId('model-save').click()]);
    saves.push({ label, seconds: trained / 1000, steps, bytes: new Uint8Array(await readFile((await download.path())!)) });
  }
  const backend = await testIdText(page, 'backend-name');
  await page.close();
  return { saves, backend };
}

/** An untrained model with the lab's default settings, as a saved file: what training starts from. */
function untrained(): ScratchSave {
  const trainer = new VoiceConversionTrainer({ ...DEFAULT_VOICE_CONVERSION_SETTINGS });
  try {
    const bytes = encodeVoiceCheckpoint({
      settings: { ...trainer.settings }, steps: 0, seconds: 0, description: 'untrained', weights: captureVoiceWeights(trainer), timeline: [], scores: null, training: {},
    });
    return { label: 'untrained (step 0, in Node)', seconds: 0, steps: 0, bytes };
  } finally {
    trainer.dispose();
  }
}

/** Scores saved models' conversions A → B of held-out utterances with the bench's judges. */
function scoreSaves(saves: ScratchSave[]): string[][] {
  if (saves.length === 0) return [];
  const first = decodeVoiceCheckpoint(saves[0].bytes).settings;
  const stft = new Stft(first.frameSize);
  const judgeTraining = TOY_VOICES.map((v, i) => framedUtterances(v.id, 30, 9000 + i, stft));
  const judges = trainVoiceJudges(TOY_VOICES.map((v) => v.id), judgeTraining, first.frameSize);
  const ranges = speakerPitchRanges(TOY_VOICES.map((v) => v.id), judgeTraining, stft.hop);
  const heldOut = new Map<string, ReturnType<typeof framedUtterances>>();
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return saves.map((save) => {
    const checkpoint = decodeVoiceCheckpoint(save.bytes);
    const s = checkpoint.settings;
    if (s.frameSize !== first.frameSize) throw new Error('The saved models must share one frame size to share the judges.');
    if (!heldOut.has(s.voiceA)) heldOut.set(s.voiceA, framedUtterances(s.voiceA, HELD_OUT, 7001, stft));
    const source = heldOut.get(s.voiceA)!;
    const trainer = new VoiceConversionTrainer(s);
    try {
      loadVoiceWeights(trainer, checkpoint.weights);
      const converted = source.map((u) => trainer.convert(u.logMagnitude, 'a', 'b'));
      const scores = scoreConversions(judges, converted, source, s.voiceA, s.voiceB, ranges, stft, GRIFFIN_LIM_ITERATIONS);
      const sound = scores.sound!;
      // The same conversions with the melody carried over by rule (pitchMapping.ts).
      const melodic = converted.map((lm, i) => {
        const u = source[i].utterance;
        const melody = mappedPitchContour(u.samples, ranges[s.voiceA], ranges[s.voiceB], stft.hop);
        return withPitchContour(lm, melody, stft, u.samples.length, { breathiness: voiceOrThrow(s.voiceB).breathiness, seed: u.plan.noiseSeed });
      });
      const mapped = scoreConversions(judges, melodic, source, s.voiceA, s.voiceB, ranges, stft, GRIFFIN_LIM_ITERATIONS);
      const recognisable = scores.spectra.calledVoice >= TARGET_CALLED && scores.spectra.vowelsRead >= TARGET_KEPT && sound.calledVoice >= TARGET_CALLED && sound.vowelsRead >= TARGET_KEPT;
      return [save.label, `${voiceOrThrow(s.voiceA).name} → ${voiceOrThrow(s.voiceB).name}`, save.seconds.toFixed(0), String(checkpoint.steps),
        `${pct(scores.spectra.calledVoice)} / ${pct(sound.calledVoice)}`, `≥ ${pct(TARGET_CALLED)}`,
        `${pct(scores.spectra.vowelsRead)} / ${pct(sound.vowelsRead)}`, `≥ ${pct(TARGET_KEPT)}`,
        `${scores.meanCorrelation.toFixed(3)} / ${mapped.meanCorrelation.toFixed(3)}`, `≥ ${TARGET_PITCH_CORRELATION}`, recognisable ? 'yes' : 'no'];
    } finally {
      trainer.dispose();
    }
  });
}

/**
 * "A recognisable conversion within 60 s of live training from scratch": the default settings
 * (and any `queries`) trained in the page for each checkpoint's seconds, scored in Node.
 */
export async function runBrowserVoiceFromScratch(checkpoints = [30, 60], queries: string[] = []): Promise<void> {
  const runs: [string, string][] = [['lab defaults', ''], ...queries.filter((q) => q.trim()).map((q): [string, string] => [q, q])];
  const harness = await BrowserHarness.start();
  const saves: ScratchSave[] = [];
  let backend = '';
  try {
    for (const [label, query] of runs) {
      const run = await trainFromScratch(harness, label, query, checkpoints);
      saves.push(...run.saves);
      backend ||= run.backend;
    }
  } finally {
    await harness.close();
  }
  // Scored after Chromium has closed, so the scoring never slows the training it measures.
  printTable(`Voice lab: conversions after live training from scratch in headless Chromium${backend ? ` (${backend})` : ''}, scored in Node on ${HELD_OUT} held-out utterances`,
    ['settings', 'direction', 's trained', 'steps', 'called the target (spectra / sound)', 'target', 'vowels kept (spectra / sound)', 'target', 'pitch contour r (decoder / melody mapped)', 'target', 'recognisable'],
    scoreSaves([untrained(), ...saves]),
    ['Each model is saved from the page ("Save and load") and judged as tests/bench/voiceConversion.ts judges: the speaker judge over all four voices, the vowel judge, Griffin–Lim 32 for the sound;',
      '"recognisable" = called the target and vowels kept at their targets on both spectra and sound. The pitch contour r (mean, on the sound) is shown beside its target but not part of "recognisable";',
      '"melody mapped" = the same model\'s envelope with the source\'s pitch contour mapped into the target\'s range (pitchMapping.ts). The first row, an untrained model in Node, is the floor:',
      'per-voice normalisation gives every output the target\'s average spectrum, so even it is called the target on spectra, and its melody-mapped contour passes by construction; the vowels are what training adds.']);
}

/** Load, convert and sound times, training rates, then the conversions after live training from scratch (`scratchCheckpoints`, seconds; none = skip). */
export async function runBrowserVoiceBenchmarks(rateSeconds = 10, scratchCheckpoints = [30, 60], scratchQueries: string[] = []): Promise<void> {
  const harness = await BrowserHarness.start();
  try {
    const opened = performance.now();
    const page = await harness.open('#/voice');
    await waitReady(page);
    const loadMs = performance.now() - opened;
    const convertMs = await testIdNumber(page, 'convert-ms');
    const modelMs = await testIdNumber(page, 'load-ms');
    const backend = await testIdText(page, 'backend-name');
    const pressed = performance.now();
    await page.getByTestId('play-convertedAB').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="play-convertedAB"]')?.getAttribute('data-rms') != null, undefined, { timeout: READY_TIMEOUT });
    const soundMs = performance.now() - pressed;
    printTable(`Voice lab: the pretrained model in headless Chromium (${backend})`, ['what', 'milliseconds'], [
      ['open the page until the pretrained conversion shows (worker start, synthesis, model load, first frame)', loadMs.toFixed(0)],
      ['the pretrained model ready in the worker (fetch, decode, build, load weights, the preview\'s real utterances)', modelMs.toFixed(0)],
      ['rebuild + convert the preview utterance (0.96 s of sound), in the worker', convertMs.toFixed(0)],
      ['model ready + convert (target ≤ 1,000)', (modelMs + convertMs).toFixed(0)],
      ['Play under the clone until its sound is ready (Griffin–Lim, 32 iterations)', soundMs.toFixed(0)],
    ]);
    const rows: string[][] = [];
    rows.push(['pretrained Juno → Orbo (shared encoder)', (await rate(page, rateSeconds)).toFixed(1)]);
    await chooseStart(page, 'scratch');
    rows.push(['from scratch, shared encoder (defaults)', (await rate(page, rateSeconds)).toFixed(1)]);
    await page.getByTestId('separate-encoders').click();
    await page.locator('.voice-lab[data-start="juno-orbo-separate"], .voice-lab[data-start="scratch"]').waitFor({ timeout: READY_TIMEOUT });
    await waitReady(page);
    rows.push(['separate encoders', (await rate(page, rateSeconds)).toFixed(1)]);
    printTable(`Voice lab: training steps per second in headless Chromium (${backend}, speed "as fast as possible", ${rateSeconds} s each)`, ['model', 'steps / s'], rows);
  } finally {
    await harness.close();
  }
  if (scratchCheckpoints.length > 0) await runBrowserVoiceFromScratch(scratchCheckpoints, scratchQueries);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2]);
  const checkpoints = process.argv.slice(3).map(Number).filter((x) => x > 0);
  const scratch = checkpoints.length > 0 ? checkpoints : [30, 60];
  const queries = (process.env.VOICE_SCRATCH_QUERIES ?? '').split(';');
  if (process.env.VOICE_SCRATCH_ONLY === '1') await runBrowserVoiceFromScratch(scratch, queries);
  else await runBrowserVoiceBenchmarks(seconds > 0 ? seconds : 10, scratch, queries);
  process.exit(0);
}
