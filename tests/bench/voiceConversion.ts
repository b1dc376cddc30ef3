/**
 * The voice lab's figures in Node on the app's backend (wasm, single-threaded), not pass/fail:
 * - the synthesiser's and the STFT's speed;
 * - the judges on held-out real utterances (who speaks, by timbre and by pitch; which vowel);
 * - the baseline with no network (each bin's mean and spread moved to the target voice's);
 * - a voice conversion trained from scratch (shared encoder, then separate encoders): how
 *   often the conversions A → B are called B by the speaker judge, and how many of A's vowels
 *   the vowel judge still reads, on the converted spectra and on the sound resynthesised from
 *   them by Griffin–Lim; and how well the melody of that sound follows the source's, once the
 *   source's pitch is mapped into the target speaker's range (Pearson's correlation of the two
 *   pitch contours, pitchTracker.ts, per utterance and mean); each figure beside its target;
 * - the same scores for the shipped model (models/voice-juno-orbo.weights), when it is there;
 * - for the shared encoder and the shipped model, the same again with the melody carried over
 *   by rule rather than by the decoder (pitchMapping.ts).
 * Run on its own: npx tsx tests/bench/voiceConversion.ts  (VOICE_STEPS, VOICE_HELD_OUT, VOICE_GL_ITERATIONS,
 * VOICE_SETTINGS as JSON, VOICE_VARIANTS as names separated by ';' change the run; VOICE_SHIPPED=0 leaves out the shipped model)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { decodeVoiceCheckpoint, loadVoiceWeights } from '../../src/core/voice/voiceCheckpoint';
import { findPretrainedVoice } from '../../src/core/voice/pretrainedVoices';
import { contourAgreement, trackPitch, type LogPitchStats } from '../../src/core/voice/pitchTracker';
import { scoreConversions, speakerPitchRanges } from '../../src/core/voice/conversionScores';
import { mappedPitchContour, withPitchContour } from '../../src/core/voice/pitchMapping';
import { printTable } from './printTable';

const STEPS = Number(process.env.VOICE_STEPS ?? 1500);
const HELD_OUT = Number(process.env.VOICE_HELD_OUT ?? 40);
const GRIFFIN_LIM_ITERATIONS = Number(process.env.VOICE_GL_ITERATIONS ?? 32);
const TARGET_CALLED = 0.9;
const TARGET_KEPT = 0.9;
/** Pitch-contour correlation with the source (after mapping into the target's range), mean over utterances. */
const TARGET_PITCH_CORRELATION = 0.9;

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

/** Converts frame-major log-magnitudes (of `source`) from one voice to another; `from === to` rebuilds. */
type Converter = (logMagnitude: Float32Array, from: VoiceSide, to: VoiceSide, source: FramedUtterance) => Float32Array;

/**
 * A model's conversion with the melody carried over by rule instead of left to the decoder
 * (pitchMapping.ts): the converted envelope, with the harmonics of the source's pitch contour
 * mapped into the target speaker's range.
 */
function withMappedMelody(convert: Converter, ids: Record<VoiceSide, string>, ranges: Record<string, LogPitchStats>, stft: Stft): Converter {
  return (lm, from, to, source) => {
    const length = source.utterance.samples.length;
    const melody = mappedPitchContour(source.utterance.samples, ranges[ids[from]], ranges[ids[to]], stft.hop);
    return withPitchContour(convert(lm, from, to, source), melody, stft, length, { breathiness: voiceOrThrow(ids[to]).breathiness, seed: source.utterance.plan.noiseSeed });
  };
}

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

/** Per utterance contour correlations of each model's sound, printed after the table. */
const perUtterance: [string, number[]][] = [];

function scoreModel(label: string, convert: Converter, ids: Record<VoiceSide, string>, judges: VoiceJudges, heldOut: Record<VoiceSide, FramedUtterance[]>, stft: Stft, ranges: Record<string, LogPitchStats>, showPitch = true): string[][] {
  const rows: string[][] = [];
  const directions: Direction[] = [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }];
  for (const { from, to } of directions) {
    const converted = heldOut[from].map((u) => convert(u.logMagnitude, from, to, u));
    const rebuilt = heldOut[from].map((u) => convert(u.logMagnitude, from, from, u));
    const scores = scoreConversions(judges, converted, heldOut[from], ids[from], ids[to], ranges, stft, GRIFFIN_LIM_ITERATIONS);
    const self = judgeUtterances(judges, rebuilt, heldOut[from], ids[from]);
    const name = `${voiceOrThrow(ids[from]).name} → ${voiceOrThrow(ids[to]).name}`;
    const row = (judged: string, v: JudgeVerdicts, targets: boolean, pitch: string[]) => [label, judged === 'rebuilt' ? `${voiceOrThrow(ids[from]).name} rebuilt` : name, judged === 'rebuilt' ? 'spectra' : judged,
      pct(v.calledVoice), targets ? atLeast(TARGET_CALLED) : '(its own voice)', `${pct(v.calledByTimbre)} / ${pct(v.calledByPitch)}`, pct(v.vowelsRead), targets ? atLeast(TARGET_KEPT) : '', ...pitch];
    const noPitch = ['', '', '', ''];
    rows.push(row('spectra', scores.spectra, true, noPitch));
    if (scores.sound && !showPitch) rows.push(row(`sound (Griffin–Lim ${GRIFFIN_LIM_ITERATIONS})`, scores.sound, true, ['—', '', '', '']));
    else if (scores.sound) {
      const worst = Math.min(...scores.contours.map((c) => (Number.isFinite(c.correlation) ? c.correlation : 0)));
      rows.push(row(`sound (Griffin–Lim ${GRIFFIN_LIM_ITERATIONS})`, scores.sound, true, [scores.meanCorrelation.toFixed(3), `≥ ${TARGET_PITCH_CORRELATION}`, worst.toFixed(3), `${scores.meanRmsSemitones.toFixed(2)} st`]));
      perUtterance.push([`${label}, ${name}`, scores.contours.map((c) => c.correlation)]);
    }
    rows.push(row('rebuilt', self, false, noPitch));
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
// Each speaker's pitch range, from the same real utterances the judges learn from.
const ranges = speakerPitchRanges(TOY_VOICES.map((v) => v.id), judgeTraining, stft.hop);
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

/**
 * The pitch tracker itself, on the held-out real utterances of both voices: against the pitch
 * the synthesiser was asked for, and on the real spectrogram sent through Griffin–Lim (the
 * ceiling of the contour figure for a conversion, whose sound comes the same way).
 */
const trackerRows: string[][] = [];
for (const side of ['a', 'b'] as const) {
  const id = side === 'a' ? settings0.voiceA : settings0.voiceB;
  const errors: number[] = [];
  let voiced = 0;
  let frames = 0;
  const throughGl: number[] = [];
  heldOut[side].forEach((u, i) => {
    const track = trackPitch(u.utterance.samples, { hop: stft.hop });
    track.f0.forEach((f, t) => {
      frames++;
      if (f > 0) {
        voiced++;
        errors.push(Math.abs(12 * Math.log2(f / u.utterance.f0[Math.min(u.utterance.f0.length - 1, t * stft.hop)])));
      }
    });
    if (GRIFFIN_LIM_ITERATIONS > 0) {
      const sound = resynthesised(u.logMagnitude, u.utterance.samples.length, stft, GRIFFIN_LIM_ITERATIONS, i + 1).signal;
      throughGl.push(contourAgreement(track, trackPitch(sound, { hop: stft.hop }), ranges[id], ranges[id]).correlation);
    }
  });
  errors.sort((x, y) => x - y);
  const r = ranges[id];
  trackerRows.push([voiceOrThrow(id).name, pct(voiced / frames), errors[errors.length >> 1].toFixed(3), errors[Math.floor(0.95 * errors.length)].toFixed(2),
    throughGl.length ? (throughGl.reduce((x, y) => x + y, 0) / throughGl.length).toFixed(3) : '—', `${(2 ** r.mean).toFixed(1)} Hz ± ${(12 * r.std).toFixed(2)} st`]);
}
printTable(`Pitch tracker (YIN, hop ${stft.hop}) on ${HELD_OUT} held-out real utterances per voice`, ['voice', 'frames voiced', 'median error (semitones)', '95th percentile', 'contour correlation, real → Griffin–Lim', 'speaker pitch range (mean ± sd)'], trackerRows,
  ['Error against the pitch the synthesiser was asked for, at each frame centre. The last column is the mapping\'s statistics (log₂ pitch mean and spread over voiced frames of 30 real utterances per voice).']);

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
  if (label === VARIANTS[0][0]) rows.push(...scoreModel('no network: mean-variance only', meanVarianceConverter(trainer.stats), ids, judges, heldOut, stft, ranges, false));
  const t0 = performance.now();
  let last = { lossA: NaN, lossB: NaN };
  for (let i = 0; i < STEPS; i++) last = trainer.step();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${label}: ${STEPS} steps in ${seconds.toFixed(1)} s (${(STEPS / seconds).toFixed(1)} steps/s); last losses A ${last.lossA.toFixed(3)}, B ${last.lossB.toFixed(3)}`);
  const network: Converter = (lm, from, to) => trainer.convert(lm, from, to);
  rows.push(...scoreModel(label, network, ids, judges, heldOut, stft, ranges));
  if (label === VARIANTS[0][0]) rows.push(...scoreModel(`${label} + melody mapped`, withMappedMelody(network, ids, ranges, stft), ids, judges, heldOut, stft, ranges));
  trainer.dispose();
}
const shipped = findPretrainedVoice('juno-orbo');
const shippedPath = shipped ? resolve(dirname(fileURLToPath(import.meta.url)), '../../models', shipped.file) : '';
if (shipped && process.env.VOICE_SHIPPED !== '0' && existsSync(shippedPath)) {
  const checkpoint = decodeVoiceCheckpoint(new Uint8Array(readFileSync(shippedPath)));
  if (checkpoint.settings.voiceA === ids.a && checkpoint.settings.voiceB === ids.b && checkpoint.settings.frameSize === settings0.frameSize) {
    const trainer = new VoiceConversionTrainer(checkpoint.settings);
    loadVoiceWeights(trainer, checkpoint.weights);
    const network: Converter = (lm, from, to) => trainer.convert(lm, from, to);
    const name = `shipped ${shipped.file} (${checkpoint.steps} steps)`;
    rows.push(...scoreModel(name, network, ids, judges, heldOut, stft, ranges));
    rows.push(...scoreModel(`${name} + melody mapped`, withMappedMelody(network, ids, ranges, stft), ids, judges, heldOut, stft, ranges));
    trainer.dispose();
  }
}
printTable(`Conversions of ${HELD_OUT} held-out utterances per direction (speaker judges over all four voices; "called" needs both the timbre and the pitch judge)`,
  ['model', 'direction', 'judged on', 'called the target', 'target', 'by timbre / by pitch', 'vowels kept', 'target', 'pitch contour r (mean)', 'target', 'worst', 'off by (rms)'], rows,
  ['Pitch contour r: Pearson\'s correlation, in semitones over frames voiced in both, between the sound\'s pitch contour and the source\'s mapped into the target speaker\'s range (log-pitch mean and spread); "off by" is their root-mean-square distance.',
    '"+ melody mapped": the same network\'s envelope, given the harmonics of the source\'s pitch contour mapped into the target\'s range (pitchMapping.ts), as classic vocoder-based conversion does: its contour figure measures the rule (tests/bench/browserVoice.ts shows an untrained model passing it), the plain rows measure the network.',
    'No contour figure for the mean-variance baseline: it keeps the source\'s harmonics under the target\'s average spectrum, a sound the tracker reads an octave low, and the judges already hear the source in it.']);
console.log('\nPitch contour correlation per utterance (sound):');
for (const [name, values] of perUtterance) console.log(`  ${name}: ${values.map((v) => (Number.isFinite(v) ? v.toFixed(2) : '—')).join(' ')}`);
process.exit(0);
