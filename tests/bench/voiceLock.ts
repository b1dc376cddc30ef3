/**
 * The voice lock and "catch the clone" in Node on the app's backend (wasm, single-threaded),
 * figures beside their targets, not pass/fail:
 * - the clone maker: the shipped voice conversion (models/voice-juno-orbo.weights, Juno ↔ Orbo)
 *   when it is there and loads, otherwise one trained here from scratch with the lab's defaults;
 * - the voice lock (speaker embedding) trained on a crowd of invented speakers, then tried on
 *   speakers it never heard (the four characters and twelve more): its equal error rate against
 *   impostors, and at that threshold how many impostors and how many clones it lets in;
 * - the clone detector trained on real speech straight from the synthesiser, and on real speech
 *   plus real speech resynthesised by Griffin–Lim: accuracy and equal error rate of each against
 *   both kinds of real speech, and the bands it looks at;
 * - the detector taking the ten-clip listening quiz, beside the published human figure and the
 *   ASVspoof 2019 baselines; and the timings.
 * Run on its own: npx tsx tests/bench/voiceLock.ts  (VOICE_LOCK_VC_STEPS, VOICE_LOCK_STEPS,
 * VOICE_LOCK_DETECTOR_STEPS, VOICE_LOCK_GL_ITERATIONS change the run; VOICE_LOCK_TRAIN_VC=1 trains
 * the conversion here even when the shipped one is there)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '../../src/core/shared/tf';
import '@tensorflow/tfjs-backend-wasm';
import { Stft } from '../../src/core/voice/stft';
import { TOY_VOICES, voiceOrThrow } from '../../src/core/voice/toyVoices';
import { framedUtterances, type FramedUtterance } from '../../src/core/voice/voiceFrames';
import { VoiceConversionTrainer, type VoiceSide } from '../../src/core/voice/voiceConversion';
import { DEFAULT_VOICE_CONVERSION_SETTINGS } from '../../src/core/voice/voiceConversionSettings';
import { decodeVoiceCheckpoint, loadVoiceWeights } from '../../src/core/voice/voiceCheckpoint';
import { findPretrainedVoice } from '../../src/core/voice/pretrainedVoices';
import { resynthesised } from '../../src/core/voice/voiceJudges';
import { extraSpeakers, framedUtterancesOf } from '../../src/core/voice/extraSpeakers';
import {
  DEFAULT_SPEAKER_EMBEDDING_SETTINGS, SpeakerEmbeddingTrainer, identificationAccuracy, speakerTrainingData, verificationScores, voiceLockFigures, enrolSpeaker, verificationScore,
} from '../../src/core/voice/speakerVerification';
import { CloneDetector, DEFAULT_CLONE_DETECTOR_SETTINGS, cloneExamples, judgeScores, type CloneExample, type RealKind } from '../../src/core/voice/cloneDetector';
import { BAND_STATISTICS, cloneFeatures } from '../../src/core/voice/cloneFeatures';
import { ASVSPOOF_2019_LA_BASELINES, HUMAN_SPEECH_DEEPFAKE_ACCURACY, detectorQuizAnswers, pickQuizClips, scoreQuiz } from '../../src/core/voice/listenQuiz';
import { SAMPLE_RATE } from '../../src/core/voice/voiceSynth';
import { acceptedShare } from '../../src/core/shared/errorRates';
import { printTable } from './printTable';
import { phoneLine } from '../../src/core/voice/phoneLine';
import { logMagnitudes } from '../../src/core/voice/stft';
import { voicePitchRange, withSourceMelody } from '../../src/core/voice/voicePreview';
import type { LogPitchStats } from '../../src/core/voice/pitchTracker';

const VC_STEPS = Number(process.env.VOICE_LOCK_VC_STEPS ?? 1500);
const LOCK_STEPS = Number(process.env.VOICE_LOCK_STEPS ?? 600);
const DETECTOR_STEPS = Number(process.env.VOICE_LOCK_DETECTOR_STEPS ?? 1500);
const GL_ITERATIONS = Number(process.env.VOICE_LOCK_GL_ITERATIONS ?? 32);

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const timed = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
};

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
console.log(`TF.js backend: ${tf.getBackend()}; voice conversion ${VC_STEPS} steps, voice lock ${LOCK_STEPS} steps, detector ${DETECTOR_STEPS} steps, Griffin–Lim ${GL_ITERATIONS} iterations`);

const timings: string[][] = [];

// The clone maker: the shipped conversion model when it is there, otherwise one trained here.
const shipped = findPretrainedVoice('juno-orbo');
const shippedPath = shipped ? resolve(dirname(fileURLToPath(import.meta.url)), '../../models', shipped.file) : '';
let vc: VoiceConversionTrainer | null = null;
let vcSource = '';
if (shipped && existsSync(shippedPath) && process.env.VOICE_LOCK_TRAIN_VC !== '1') {
  try {
    const checkpoint = decodeVoiceCheckpoint(new Uint8Array(readFileSync(shippedPath)));
    vc = new VoiceConversionTrainer(checkpoint.settings);
    loadVoiceWeights(vc, checkpoint.weights);
    vcSource = `the shipped models/${shipped.file} (${checkpoint.steps} steps)`;
  } catch (error) {
    vc?.dispose();
    vc = null;
    console.log(`The shipped voice conversion could not be used (${(error as Error).message}); training one here.`);
  }
}
if (!vc) {
  vc = new VoiceConversionTrainer({ ...DEFAULT_VOICE_CONVERSION_SETTINGS });
  const trainer = vc;
  const [, vcMs] = timed(() => { for (let i = 0; i < VC_STEPS; i++) trainer.step(); });
  timings.push(['voice conversion training', `${VC_STEPS} steps`, secs(vcMs), `${(VC_STEPS / (vcMs / 1000)).toFixed(1)} steps/s`]);
  vcSource = `trained here (${VC_STEPS} steps, default settings)`;
}
const maker: VoiceConversionTrainer = vc;
const vcSettings = maker.settings;
const stft = new Stft(vcSettings.frameSize);
const ids: Record<VoiceSide, string> = { a: vcSettings.voiceA, b: vcSettings.voiceB };
console.log(`clone maker: voice conversion ${vcSource}`);
const other = (side: VoiceSide): VoiceSide => (side === 'a' ? 'b' : 'a');
/** Utterances of `from` converted into the other voice and made sound by Griffin–Lim: clones of the other voice. */
const clonesOf = (from: VoiceSide, us: readonly FramedUtterance[], seed: number) =>
  us.map((u, i) => resynthesised(maker.convert(u.logMagnitude, from, other(from)), u.utterance.samples.length, stft, GL_ITERATIONS, seed + i).logMagnitude);

// The voice lock.
const lockSettings = { ...DEFAULT_SPEAKER_EMBEDDING_SETTINGS };
const [crowd, crowdMs] = timed(() => speakerTrainingData(lockSettings));
timings.push(['voice lock: synthesise the crowd', `${lockSettings.trainingSpeakers} speakers × ${lockSettings.utterancesPerSpeaker}`, secs(crowdMs), '']);
const lock = new SpeakerEmbeddingTrainer(lockSettings, crowd);
let lastStep = { loss: NaN, accuracy: NaN };
const [, lockMs] = timed(() => { for (let i = 0; i < LOCK_STEPS; i++) lastStep = lock.step(); });
timings.push(['voice lock training', `${LOCK_STEPS} steps`, secs(lockMs), `${(LOCK_STEPS / (lockMs / 1000)).toFixed(1)} steps/s`]);
console.log(`voice lock: last batch loss ${lastStep.loss.toFixed(3)}, training-speaker accuracy ${pct(lastStep.accuracy)}`);

// Speakers the lock never trained on: the four characters and twelve invented ones; 3 utterances to enrol, 6 to try.
const ENROL = 3;
const TRIALS = 6;
const heldVoices = [...TOY_VOICES, ...extraSpeakers(12, 999)];
const heldFramed = heldVoices.map((v, i) => framedUtterancesOf(v, ENROL + TRIALS, 5000 + i, stft));
const held = heldVoices.map((v, i) => {
  const us = heldFramed[i].map((u) => u.logMagnitude);
  return { id: v.id, enrol: us.slice(0, ENROL), trials: us.slice(ENROL) };
});
const CLONES = 20;
const sources: Record<VoiceSide, FramedUtterance[]> = { a: framedUtterances(ids.a, CLONES, 7001, stft), b: framedUtterances(ids.b, CLONES, 7002, stft) };
const [lockClones, cloneMs] = timed(() => ({ [ids.b]: clonesOf('a', sources.a, 1), [ids.a]: clonesOf('b', sources.b, 101) }));
timings.push(['make a clone (convert + Griffin–Lim)', `${2 * CLONES} clips`, secs(cloneMs), `${(cloneMs / (2 * CLONES)).toFixed(0)} ms per clip`]);
const [scores, scoreMs] = timed(() => verificationScores(lock, held, lockClones));
const trialCount = scores.genuine.length + scores.impostor.length + scores.clone.length;
timings.push(['voice lock: enrol and score', `${held.length} speakers, ${trialCount} trials`, secs(scoreMs), `${(scoreMs / trialCount).toFixed(1)} ms per trial`]);
const figures = voiceLockFigures(scores);
const idAccuracy = identificationAccuracy(lock, held);
// A control: the owners' own trial utterances through Griffin–Lim alone (no conversion), to see what the vocoder costs.
const vocodedGenuine = (['a', 'b'] as VoiceSide[]).flatMap((side) => {
  const i = heldVoices.findIndex((v) => v.id === ids[side]);
  const print = enrolSpeaker(lock, held[i].enrol);
  return heldFramed[i].slice(ENROL).map((u, k) => verificationScore(lock, print, resynthesised(u.logMagnitude, u.utterance.samples.length, stft, GL_ITERATIONS, 300 + k).logMagnitude));
});
// Clones as the lab plays them with "Keep the melody" on: the network's envelope on the source's melody mapped into the target's range.
const pitchRanges: Record<string, LogPitchStats> = { [ids.a]: voicePitchRange(ids.a, stft), [ids.b]: voicePitchRange(ids.b, stft) };
const melodyConvert = (from: VoiceSide) => (lm: Float32Array, u: FramedUtterance) => withSourceMelody(
  maker.convert(lm, from, other(from)), u.utterance, ids[other(from)], { from: pitchRanges[ids[from]], to: pitchRanges[ids[other(from)]] }, stft);
/** The lock's scores of `from`'s source utterances converted by `convert` into the other voice, made sound by Griffin–Lim, against that voice's voiceprint. */
const lockScoresOf = (from: VoiceSide, convert: (lm: Float32Array, u: FramedUtterance) => Float32Array, seedBase: number) => {
  const i = heldVoices.findIndex((v) => v.id === ids[other(from)]);
  const print = enrolSpeaker(lock, held[i].enrol);
  return sources[from].map((u, k) => verificationScore(lock, print, resynthesised(convert(u.logMagnitude, u), u.utterance.samples.length, stft, GL_ITERATIONS, seedBase + k).logMagnitude));
};
const melodyClones = [...lockScoresOf('a', melodyConvert('a'), 700), ...lockScoresOf('b', melodyConvert('b'), 700)];
// A control: clones from the same networks untrained (step 0, the same normalisation): what the lock makes of the target's average spectrum alone.
const untrained = new VoiceConversionTrainer(maker.settings, undefined, maker.stats);
const untrainedClones = (['a', 'b'] as VoiceSide[]).flatMap((from) => lockScoresOf(from, (lm) => untrained.convert(lm, from, other(from)), 500));
untrained.dispose();
const nameOf = (id: string) => voiceOrThrow(id).name;
printTable(`Voice lock on ${held.length} speakers it never trained on (${ENROL} utterances to enrol, ${TRIALS} to try each; trained on ${lockSettings.trainingSpeakers} invented speakers)`, ['figure', 'measured', 'target / finding'], [
  ['identification (nearest voiceprint is the speaker\'s own)', pct(idAccuracy), '≥ 90%'],
  ['equal error rate, genuine vs impostors', pct(figures.equalErrorRate), '≤ 10% (a lock that works on real voices)'],
  ['threshold (cosine) at that point', figures.threshold.toFixed(3), ''],
  ['impostors let in at that threshold', pct(figures.impostorAcceptance), `${scores.impostor.length} impostor trials`],
  ['owners refused at that threshold', pct(figures.genuineRejection), `${scores.genuine.length} genuine trials`],
  [`clones let in at that threshold (${nameOf(ids.a)} → ${nameOf(ids.b)} and back; ${scores.clone.length} clones)`, pct(figures.cloneAcceptance), 'far above the impostors\' rate: a voice is not a password'],
  ['owners\' own speech through Griffin–Lim only, let in', pct(acceptedShare(vocodedGenuine, figures.threshold)), 'control: the vocoder alone'],
  [`clones with the source's melody kept (the lab's "Keep the melody"), let in (${melodyClones.length} clones)`, pct(acceptedShare(melodyClones, figures.threshold)), 'the clone the lab plays by default'],
  [`clones from the same networks untrained (step 0), let in (${untrainedClones.length} clones)`, pct(acceptedShare(untrainedClones, figures.threshold)), 'control: the target\'s average spectrum alone does not open it; training the clone does'],
  ['AUC genuine vs impostors / genuine vs clones', `${figures.impostorAuc.toFixed(3)} / ${figures.cloneAuc.toFixed(3)}`, '1 = always told apart, 0.5 = a coin toss'],
]);

// Catch the clone: both directions, so the detector cannot use who is speaking.
const DET_TRAIN = 15;
const DET_HELD = 10;
const examplesFor = (seedBase: number, count: number, melody = false): CloneExample[] => (['a', 'b'] as VoiceSide[]).flatMap((side, j) => cloneExamples({
  real: framedUtterances(ids[side], count, seedBase + j, stft),
  sources: framedUtterances(ids[other(side)], count, seedBase + 10 + j, stft),
  convert: melody ? melodyConvert(other(side)) : (lm) => maker.convert(lm, other(side), side),
  frameSize: vcSettings.frameSize,
  realKinds: ['raw', 'resynthesised'],
  griffinLimIterations: GL_ITERATIONS,
  bands: DEFAULT_CLONE_DETECTOR_SETTINGS.bands,
  seed: seedBase,
}));
const [trainSet, trainSetMs] = timed(() => examplesFor(6100, DET_TRAIN));
const heldSet = examplesFor(6300, DET_HELD);
timings.push(['detector examples (real, resynthesised real, clones)', `${trainSet.length} clips`, secs(trainSetMs), `${(trainSetMs / trainSet.length).toFixed(0)} ms per clip`]);
const only = (set: CloneExample[], kinds: string[]) => set.filter((e) => kinds.includes(e.kind));
/** Held-out real speech through a rough vocoder (Griffin–Lim, 4 iterations): smeared harmonics without any conversion. */
const ROUGH_ITERATIONS = 4;
const roughReal = (['a', 'b'] as VoiceSide[]).flatMap((side, j) => framedUtterances(ids[side], DET_HELD, 6300 + j, stft).map((u, i) =>
  cloneFeatures(resynthesised(u.logMagnitude, u.utterance.samples.length, stft, ROUGH_ITERATIONS, 900 + i).logMagnitude, stft.bins, DEFAULT_CLONE_DETECTOR_SETTINGS.bands)));
const detectorRows: string[][] = [];
const detectors: Record<string, CloneDetector> = {};
const saliencyRows: string[][] = [];
for (const [label, kinds] of [['real speech raw only', ['raw']], ['raw + resynthesised real (fair)', ['raw', 'resynthesised']]] as [string, RealKind[]][]) {
  const train = only(trainSet, [...kinds, 'clone']);
  const detector = new CloneDetector(train.map((e) => e.features), train.map((e) => e.label));
  const [, ms] = timed(() => { for (let i = 0; i < DETECTOR_STEPS; i++) detector.step(); });
  timings.push([`detector training (${label})`, `${DETECTOR_STEPS} steps`, secs(ms), `${(DETECTOR_STEPS / (ms / 1000)).toFixed(0)} steps/s`]);
  for (const against of ['raw', 'resynthesised'] as const) {
    const test = only(heldSet, [against, 'clone']);
    const j = detector.judge(test.map((e) => e.features), test.map((e) => e.label));
    const realTest = test.filter((e) => e.label === 0);
    const realCalledClone = Array.from(detector.scores(realTest.map((e) => e.features))).filter((p) => p >= 0.5).length / realTest.length;
    const finding = against === 'raw' ? 'accuracy ≥ 90%, EER ≤ 10%'
      : kinds.length === 1
        ? (realCalledClone > 0.2 ? 'finding: it learned the vocoder, and calls vocoded real speech a clone' : 'finding: the vocoder leaves little trace here; the conversion is the tell')
        : 'accuracy ≥ 80%: the conversion itself is caught';
    detectorRows.push([label, `clones vs ${against === 'raw' ? 'raw real' : 'resynthesised real'}`, pct(j.accuracy), pct(j.equalErrorRate), j.auc.toFixed(3), pct(realCalledClone), finding]);
  }
  const roughCalledClone = Array.from(detector.scores(roughReal)).filter((p) => p >= 0.5).length / roughReal.length;
  detectorRows.push([label, `real through a rough vocoder (Griffin–Lim ${ROUGH_ITERATIONS})`, '', '', '', pct(roughCalledClone),
    roughCalledClone > 0.2 ? 'finding: no conversion at all, yet called a clone: it learned smeared harmonics' : 'finding: a rougher vocoder alone does not fool it']);
  const saliency = detector.bandSaliency(only(heldSet, ['raw', 'resynthesised', 'clone']).map((e) => e.features));
  const bandHz = SAMPLE_RATE / 2 / DEFAULT_CLONE_DETECTOR_SETTINGS.bands;
  const top = Array.from(saliency.keys()).sort((x, y) => saliency[y] - saliency[x]).slice(0, 3);
  const byStatistic = detector.statisticSaliency(only(heldSet, ['raw', 'resynthesised', 'clone']).map((e) => e.features));
  saliencyRows.push([label, top.map((b) => `${(b * bandHz / 1000).toFixed(1)}–${((b + 1) * bandHz / 1000).toFixed(1)} kHz (${pct(saliency[b])})`).join(', '),
    BAND_STATISTICS.map((name, k) => `${name} ${pct(byStatistic[k])}`).join(', ')]);
  detectors[label] = detector;
}
// Clones with the melody kept: the harmonics are drawn afresh on the source's pitch, so the blurred fine structure the detectors lean on is gone.
const [melodyTrain, melodyTrainMs] = timed(() => only(examplesFor(6100, DET_TRAIN, true), ['clone']));
const melodyHeld = only(examplesFor(6300, DET_HELD, true), ['clone']);
timings.push(['detector examples (clones with the melody kept)', `${melodyTrain.length} clips`, secs(melodyTrainMs), `${(melodyTrainMs / melodyTrain.length).toFixed(0)} ms per clip`]);
{
  const train = [...only(trainSet, ['raw', 'resynthesised']), ...melodyTrain];
  const detector = new CloneDetector(train.map((e) => e.features), train.map((e) => e.label));
  for (let i = 0; i < DETECTOR_STEPS; i++) detector.step();
  detectors['fair real + melody-kept clones'] = detector;
}
for (const [label, detector] of Object.entries(detectors)) {
  for (const [clonesLabel, clones] of [['plain clones', only(heldSet, ['clone'])], ['melody-kept clones', melodyHeld]] as const) {
    if (label !== 'fair real + melody-kept clones' && clonesLabel === 'plain clones') continue;
    const test = [...only(heldSet, ['raw', 'resynthesised']), ...clones];
    const j = detector.judge(test.map((e) => e.features), test.map((e) => e.label));
    const caught = Array.from(detector.scores(clones.map((e) => e.features))).filter((p) => p >= 0.5).length / clones.length;
    const trainedOnMelody = label === 'fair real + melody-kept clones';
    detectorRows.push([label, `${clonesLabel} vs raw + resynthesised real`, pct(j.accuracy), pct(j.equalErrorRate), j.auc.toFixed(3), '',
      `clones caught ${pct(caught)}${trainedOnMelody ? '' : ' (it trained on plain clones only)'}`]);
  }
}
// Down a phone line (phoneLine.ts: 300–3,400 Hz, 8-bit μ-law): the detectors trained on full-band clips, and one trained on clips that went down the line.
const lineFeatures = (set: CloneExample[]) => set.map((e) => cloneFeatures(logMagnitudes(stft.forward(phoneLine(e.signal, SAMPLE_RATE))), stft.bins, DEFAULT_CLONE_DETECTOR_SETTINGS.bands));
const heldAll = only(heldSet, ['raw', 'resynthesised', 'clone']);
const [heldLine, lineMs] = timed(() => lineFeatures(heldAll));
timings.push(['down the phone line (band, μ-law, STFT, features)', `${heldAll.length} clips`, secs(lineMs), `${(lineMs / heldAll.length).toFixed(0)} ms per clip`]);
const lineJudged = (label: string, detector: CloneDetector, finding: string) => {
  const scores = detector.scores(heldLine);
  const j = judgeScores(scores, heldAll.map((e) => e.label));
  const realCalledClone = heldAll.filter((e, i) => e.label === 0 && scores[i] >= 0.5).length / heldAll.filter((e) => e.label === 0).length;
  const caught = heldAll.filter((e, i) => e.label === 1 && scores[i] >= 0.5).length / heldAll.filter((e) => e.label === 1).length;
  detectorRows.push([label, 'all held-out clips, down a phone line', pct(j.accuracy), pct(j.equalErrorRate), j.auc.toFixed(3), pct(realCalledClone), `clones caught ${pct(caught)}: ${finding}`]);
};
lineJudged('raw + resynthesised real (fair)', detectors['raw + resynthesised real (fair)'], 'trained on full-band clips only');
{
  const trainAll = only(trainSet, ['raw', 'resynthesised', 'clone']);
  const detector = new CloneDetector(lineFeatures(trainAll), trainAll.map((e) => e.label));
  for (let i = 0; i < DETECTOR_STEPS; i++) detector.step();
  lineJudged('fair, trained down the line', detector, 'trained on clips that went down the line too');
  detectors['fair, trained down the line'] = detector;
}
printTable(`Clone detector (logistic regression on ${DEFAULT_CLONE_DETECTOR_SETTINGS.bands} bands × ${BAND_STATISTICS.length} statistics), ${DET_HELD} held-out clips per voice and kind`, ['trained with', 'judged on', 'accuracy', 'EER', 'AUC', 'real called clone', 'target / finding'], detectorRows,
  [`ASVspoof 2019 LA baselines on real speech: ${ASVSPOOF_2019_LA_BASELINES.lfccGmm.name} EER ${pct(ASVSPOOF_2019_LA_BASELINES.lfccGmm.equalErrorRate)}, ${ASVSPOOF_2019_LA_BASELINES.cqccGmm.name} ${pct(ASVSPOOF_2019_LA_BASELINES.cqccGmm.equalErrorRate)} (${ASVSPOOF_2019_LA_BASELINES.source})`]);
printTable('Where the detector looks (the three bands with the largest share of its saliency) and at what (share per statistic)', ['trained with', 'bands', 'statistics'], saliencyRows);

// The quiz: ten held-out clips, half real (raw or resynthesised), half cloned.
const fair = detectors['raw + resynthesised real (fair)'];
const quizRows: string[][] = [];
for (const seed of [1, 2, 3]) {
  const clips = pickQuizClips(only(heldSet, ['raw', 'resynthesised']), only(heldSet, ['clone']), seed);
  const q = scoreQuiz(clips, detectorQuizAnswers(fair.scores(clips.map((c) => c.item.features))));
  quizRows.push([`quiz seed ${seed}`, `${q.correct} / ${q.answered}`, pct(q.accuracy), q.brier.toFixed(3), pct(HUMAN_SPEECH_DEEPFAKE_ACCURACY.accuracy)]);
}
printTable('The detector (fair training) takes the ten-clip quiz', ['quiz', 'right', 'accuracy', 'Brier', 'people, real speech (Mai et al. 2023)'], quizRows);

printTable('Timings (Node, wasm, one thread; the machine shared with other work)', ['what', 'how much', 'time', 'rate'], timings);
for (const d of Object.values(detectors)) d.dispose();
lock.dispose();
maker.dispose();
process.exit(0);
