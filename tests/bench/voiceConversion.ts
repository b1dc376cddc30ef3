/**
 * The voice lab's figures in Node on the app's backend (wasm, single-threaded), not pass/fail:
 * - the synthesiser's and the STFT's speed;
 * - the judges on held-out real utterances (who speaks, by timbre and by pitch; which vowel);
 * - the baseline with no network (each bin's mean and spread moved to the target voice's);
 * - a voice conversion trained from scratch (shared encoder, then separate encoders): how
 *   often the conversions A → B are called B by the speaker judge, and how many of A's vowels
 *   the vowel judge still reads, on the converted spectra and on the sound resynthesised from
 *   them by Griffin–Lim; each figure beside its target.
 * Run on its own: npx tsx tests/bench/voiceConversion.ts  (VOICE_STEPS, VOICE_HELD_OUT, VOICE_GL_ITERATIONS,
 * VOICE_SETTINGS as JSON, VOICE_VARIANTS as names separated by ';' change the run)
 */
import * as tf from '../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { SeededRandom } from '../../src/core/shared/seededRandom';
import { Stft } from '../../src/core/voice/stft';
import { TOY_VOICES, voiceOrThrow } from '../../src/core/voice/toyVoices';
import { randomUtterance } from '../../src/core/voice/voiceSynth';
import { framedUtterances, type FramedUtterance } from '../../src/core/voice/voiceFrames';
import { VoiceConversionTrainer, voiceTrainingData, type VoiceSide } from '../../src/core/voice/voiceConversion';
import { DEFAULT_VOICE_CONVERSION_SETTINGS, type VoiceConversionSettings } from '../../src/core/voice/voiceConversionSettings';
import { judgeUtterances, resynthesised, trainVoiceJudges, type JudgeVerdicts, type VoiceJudges } from '../../src/core/voice/voiceJudges';
import { printTable } from './printTable';

const STEPS = Number(process.env.VOICE_STEPS ?? 1500);
const HELD_OUT = Number(process.env.VOICE_HELD_OUT ?? 40);
const GRIFFIN_LIM_ITERATIONS = Number(process.env.VOICE_GL_ITERATIONS ?? 32);
const TARGET_CALLED = 0.9;
const TARGET_KEPT = 0.9;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const atLeast = (x: number) => `≥ ${pct(x)}`;

function synthRates(): void {
  const rng = new SeededRandom(1);
  let samples = 0;
  const t0 = performance.now();
  for (let i = 0; i < 40; i++) samples += randomUtterance(TOY_VOICES[i % TOY_VOICES.length], rng).samples.length;
  const synthMs = (performance.now() - t0) / (samples / 16000);
  const stft = new Stft(512);
  const x = randomUtterance(voiceOrThrow('juno'), rng).samples;
  const t1 = performance.now();
  for (let i = 0; i < 20; i++) stft.inverse(stft.forward(x));
  const stftMs = (performance.now() - t1) / 20 / (x.length / 16000);
  printTable('Synthesis and STFT speed', ['what', 'ms per second of audio'], [
    ['synthesise (source-filter, 16 kHz)', synthMs.toFixed(1)],
    ['STFT + inverse STFT (512, hop 128)', stftMs.toFixed(1)],
  ]);
}

interface Direction {
  from: VoiceSide;
  to: VoiceSide;
}

/** Converts frame-major log-magnitudes from one voice to another; `from === to` rebuilds. */
type Converter = (logMagnitude: Float32Array, from: VoiceSide, to: VoiceSide) => Float32Array;

/**
 * The baseline with no network: each bin's log-magnitude standardised by voice A's training
 * statistics and given voice B's (classic mean-variance conversion). It moves the average
 * timbre but not the harmonics' spacing or the formants of each vowel.
 */
function meanVarianceConverter(stats: VoiceConversionTrainer['stats']): Converter {
  return (lm, from, to) => lm.map((v, i) => {
    const k = i % stats[from].mean.length;
    return ((v - stats[from].mean[k]) / stats[from].std[k]) * stats[to].std[k] + stats[to].mean[k];
  });
}

function scoreModel(label: string, convert: Converter, ids: Record<VoiceSide, string>, judges: VoiceJudges, heldOut: Record<VoiceSide, FramedUtterance[]>, stft: Stft): string[][] {
  const rows: string[][] = [];
  const directions: Direction[] = [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }];
  for (const { from, to } of directions) {
    const converted = heldOut[from].map((u) => convert(u.logMagnitude, from, to));
    const rebuilt = heldOut[from].map((u) => convert(u.logMagnitude, from, from));
    const spectra = judgeUtterances(judges, converted, heldOut[from], ids[to]);
    const sound = GRIFFIN_LIM_ITERATIONS === 0 ? spectra : judgeUtterances(judges, converted.map((lm, i) => resynthesised(lm, heldOut[from][i].utterance.samples.length, stft, GRIFFIN_LIM_ITERATIONS, i + 1).logMagnitude), heldOut[from], ids[to]);
    const self = judgeUtterances(judges, rebuilt, heldOut[from], ids[from]);
    const name = `${voiceOrThrow(ids[from]).name} → ${voiceOrThrow(ids[to]).name}`;
    const row = (judged: string, v: JudgeVerdicts, targets: boolean) => [label, judged === 'rebuilt' ? `${voiceOrThrow(ids[from]).name} rebuilt` : name, judged === 'rebuilt' ? 'spectra' : judged,
      pct(v.calledVoice), targets ? atLeast(TARGET_CALLED) : '(its own voice)', `${pct(v.calledByTimbre)} / ${pct(v.calledByPitch)}`, pct(v.vowelsRead), targets ? atLeast(TARGET_KEPT) : ''];
    rows.push(row('spectra', spectra, true));
    if (GRIFFIN_LIM_ITERATIONS > 0) rows.push(row(`sound (Griffin–Lim ${GRIFFIN_LIM_ITERATIONS})`, sound, true));
    rows.push(row('rebuilt', self, false));
  }
  return rows;
}

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
console.log(`TF.js backend: ${tf.getBackend()}; ${STEPS} training steps; ${HELD_OUT} held-out utterances per voice`);

synthRates();

const settings0: VoiceConversionSettings = { ...DEFAULT_VOICE_CONVERSION_SETTINGS, ...JSON.parse(process.env.VOICE_SETTINGS ?? '{}') };
const stft = new Stft(settings0.frameSize);
// Judges: every voice, utterances from seeds the training never uses.
const judgeTraining = TOY_VOICES.map((v, i) => framedUtterances(v.id, 30, 9000 + i, stft));
const judges = trainVoiceJudges(TOY_VOICES.map((v) => v.id), judgeTraining, settings0.frameSize);
const heldOut = {
  a: framedUtterances(settings0.voiceA, HELD_OUT, 7001, stft),
  b: framedUtterances(settings0.voiceB, HELD_OUT, 7002, stft),
};
const judgeRows: string[][] = [];
for (const [i, v] of TOY_VOICES.entries()) {
  const us = framedUtterances(v.id, HELD_OUT, 8000 + i, stft);
  const verdict = judgeUtterances(judges, us.map((u) => u.logMagnitude), us, v.id);
  judgeRows.push([v.name, pct(verdict.calledVoice), atLeast(0.95), `${pct(verdict.calledByTimbre)} / ${pct(verdict.calledByPitch)}`, pct(verdict.vowelsRead), atLeast(0.95)]);
}
printTable('Judges on held-out real utterances (speaker judge over all four voices; vowel judge over /a/ /i/ /u/)', ['voice', 'called itself', 'target', 'by timbre / by pitch', 'vowels read', 'target'], judgeRows);

/** The models compared: the lab's default, the ablation, and the normalisation that makes the difference. */
const VARIANTS: [string, Partial<VoiceConversionSettings>][] = [
  ['shared encoder', { encoder: 'shared' }],
  ['separate encoders', { encoder: 'separate' }],
  ['shared, pooled normalisation', { encoder: 'shared', normalisation: 'pooled' }],
];
const chosen = (process.env.VOICE_VARIANTS ?? VARIANTS.map(([name]) => name).join(';')).split(';');
const rows: string[][] = [];
const ids = { a: settings0.voiceA, b: settings0.voiceB };
const data = voiceTrainingData(settings0);
for (const [label, change] of VARIANTS.filter(([name]) => chosen.includes(name))) {
  const settings: VoiceConversionSettings = { ...settings0, ...change };
  const trainer = new VoiceConversionTrainer(settings, data);
  if (label === VARIANTS[0][0]) rows.push(...scoreModel('no network: mean-variance only', meanVarianceConverter(trainer.stats), ids, judges, heldOut, stft));
  const t0 = performance.now();
  let last = { lossA: NaN, lossB: NaN };
  for (let i = 0; i < STEPS; i++) last = trainer.step();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${label}: ${STEPS} steps in ${seconds.toFixed(1)} s (${(STEPS / seconds).toFixed(1)} steps/s); last losses A ${last.lossA.toFixed(3)}, B ${last.lossB.toFixed(3)}`);
  rows.push(...scoreModel(label, (lm, from, to) => trainer.convert(lm, from, to), ids, judges, heldOut, stft));
  trainer.dispose();
}
printTable(`Conversions of ${HELD_OUT} held-out utterances per direction (speaker judges over all four voices; "called" needs both the timbre and the pitch judge)`, ['model', 'direction', 'judged on', 'called the target', 'target', 'by timbre / by pitch', 'vowels kept', 'target'], rows);
process.exit(0);
