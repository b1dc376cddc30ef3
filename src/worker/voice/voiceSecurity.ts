/**
 * The voice lab's security panels in the worker: the voice lock (speakerVerification.ts) trained
 * on a crowd of invented voices and attacked with clones made by the conversion model the session
 * is training; the clone detector (cloneDetector.ts) trained on real against converted clips; and
 * the listening quiz (listenQuiz.ts) dealt from the detector's held-out clips. Long work runs in
 * slices that yield to the worker's event loop, so the session's calls and the supervisor's
 * probes still get answered; results are compact.
 */
import type { ErrorRatePoint } from '../../core/shared/errorRates';
import { Stft, logMagnitudes } from '../../core/voice/stft';
import { cloneFeatures } from '../../core/voice/cloneFeatures';
import { phoneLine } from '../../core/voice/phoneLine';
import { TOY_VOICES, voiceOrThrow } from '../../core/voice/toyVoices';
import { framedUtterances, type FramedUtterance } from '../../core/voice/voiceFrames';
import { resynthesised } from '../../core/voice/voiceJudges';
import { extraSpeakers, framedUtterancesOf } from '../../core/voice/extraSpeakers';
import {
  DEFAULT_SPEAKER_EMBEDDING_SETTINGS, SpeakerEmbeddingTrainer, enrolSpeaker, verificationScore, verificationScores, voiceLockFigures,
} from '../../core/voice/speakerVerification';
import { CloneDetector, DEFAULT_CLONE_DETECTOR_SETTINGS, cloneExamples, judgeScores, type CloneExample } from '../../core/voice/cloneDetector';
import { pickQuizClips } from '../../core/voice/listenQuiz';
import { SAMPLE_RATE } from '../../core/voice/voiceSynth';
import type {
  CloneDetectorRequest, CloneDetectorResult, SecurityProgress, VoiceLockRequest, VoiceLockResult, VoiceQuiz,
} from '../../protocol/voice/voiceSecurityProtocol';

/** What the panels need from the session's conversion model, read afresh at each use. */
export interface CloneMaker {
  voiceA: string;
  voiceB: string;
  frameSize: number;
  steps: number;
  /** The conversion model itself: clips made by the same model at the same step are reused. */
  model: object;
  convert(logMagnitude: Float32Array, from: 'a' | 'b', to: 'a' | 'b'): Float32Array;
}

export type Progress = (p: SecurityProgress) => void;

/** How much the panels synthesise: the lab's sizes, smaller in tests. */
export interface SecuritySizes {
  /** Griffin–Lim iterations that make a clone (or a real clip's resynthesis) sound. */
  griffinLimIterations: number;
  /** Held-out speakers for the lock: the four characters and this many invented ones; utterances to enrol and to try each; clones of the target. */
  lockExtraHeld: number;
  lockEnrol: number;
  lockTrials: number;
  lockClones: number;
  /** Detector clips per voice (each a real clip, its Griffin–Lim twin and a clone), to train on and to judge. */
  detectorTrain: number;
  detectorHeld: number;
}

export const SECURITY_SIZES: SecuritySizes = {
  griffinLimIterations: 16, lockExtraHeld: 8, lockEnrol: 3, lockTrials: 4, lockClones: 12, detectorTrain: 6, detectorHeld: 3,
};

/** Work between yields (ms). */
const SLICE_MS = 40;

function checkSteps(what: string, steps: unknown, max: number): number {
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > max) throw new Error(`${what} trains for 1 to ${max.toLocaleString('en-US')} steps, not ${String(steps)}.`);
  return steps;
}

const curvePairs = (curve: ErrorRatePoint[]) => Float32Array.from(curve.flatMap((p) => [p.falsePositiveRate, p.truePositiveRate]));

export class VoiceSecurity {
  private detector: { model: CloneDetector; held: CloneExample[]; result: CloneDetectorResult } | null = null;
  private examples: { model: object; steps: number; train: CloneExample[]; held: CloneExample[]; heldDownTheLine: Float32Array[] } | null = null;
  private busy: string | null = null;
  private disposed = false;

  constructor(
    private readonly maker: () => CloneMaker,
    private readonly yieldNow: () => Promise<void> = () => new Promise((r) => setTimeout(r, 0)),
    private readonly sizes: SecuritySizes = SECURITY_SIZES,
  ) {}

  private async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.disposed) throw new Error('The voice lab has been closed.');
    if (this.busy) throw new Error(`Wait for ${this.busy} to finish before starting ${what}.`);
    this.busy = what;
    try {
      return await work();
    } finally {
      this.busy = null;
    }
  }

  /** Runs `each(i)` for i < count in slices, yielding between them and reporting progress. */
  private async loop(count: number, each: (i: number) => void, report: (done: number) => void): Promise<void> {
    let started = performance.now();
    for (let i = 0; i < count; i++) {
      each(i);
      if (performance.now() - started >= SLICE_MS) {
        report(i + 1);
        await this.yieldNow();
        if (this.disposed) throw new Error('The voice lab was closed before the work finished.');
        started = performance.now();
      }
    }
    report(count);
  }

  private clone(u: FramedUtterance, from: 'a' | 'b', seed: number): { logMagnitude: Float32Array; signal: Float32Array } {
    const m = this.maker();
    const stft = new Stft(m.frameSize);
    return resynthesised(m.convert(u.logMagnitude, from, from === 'a' ? 'b' : 'a'), u.utterance.samples.length, stft, this.sizes.griffinLimIterations, seed);
  }

  trainVoiceLock(request: VoiceLockRequest, progress: Progress = () => {}): Promise<VoiceLockResult> {
    const steps = checkSteps('The voice lock', request?.steps, 3000);
    const speakers = request.trainingSpeakers ?? DEFAULT_SPEAKER_EMBEDDING_SETTINGS.trainingSpeakers;
    if (!Number.isInteger(speakers) || speakers < 4 || speakers > 80) throw new Error(`The voice lock's crowd has 4 to 80 invented speakers, not ${String(speakers)}.`);
    return this.run('the voice lock\'s training', async () => {
      const started = performance.now();
      const m = this.maker();
      const stft = new Stft(m.frameSize);
      const settings = { ...DEFAULT_SPEAKER_EMBEDDING_SETTINGS, frameSize: m.frameSize, trainingSpeakers: speakers };
      // The crowd, speaker by speaker (the costly part), then the network.
      const voices = extraSpeakers(settings.trainingSpeakers, settings.seed);
      const crowd: FramedUtterance[][] = [];
      await this.loop(voices.length, (i) => { crowd.push(framedUtterancesOf(voices[i], settings.utterancesPerSpeaker, settings.seed * 1000 + i, stft)); },
        (done) => progress({ stage: `Synthesising the crowd of ${voices.length} invented speakers`, fraction: 0.3 * done / voices.length }));
      const lock = new SpeakerEmbeddingTrainer(settings, crowd);
      try {
        let last = { loss: NaN, accuracy: NaN };
        await this.loop(steps, () => { last = lock.step(); }, (done) => progress({ stage: `Training the lock: step ${done} of ${steps}`, fraction: 0.3 + 0.5 * done / steps }));
        // Speakers it never heard: enrol each, try the others; then the clones of the target.
        const heldVoices = [...TOY_VOICES, ...extraSpeakers(this.sizes.lockExtraHeld, 999)];
        const held = heldVoices.map((v, i) => {
          const us = framedUtterancesOf(v, this.sizes.lockEnrol + this.sizes.lockTrials, 5000 + i, stft);
          return { id: v.id, framed: us, enrol: us.slice(0, this.sizes.lockEnrol).map((u) => u.logMagnitude), trials: us.slice(this.sizes.lockEnrol).map((u) => u.logMagnitude) };
        });
        const sources = framedUtterances(m.voiceA, this.sizes.lockClones, 7001, stft);
        const clones: { logMagnitude: Float32Array; signal: Float32Array }[] = [];
        await this.loop(sources.length, (i) => { clones.push(this.clone(sources[i], 'a', 1 + i)); },
          (done) => progress({ stage: `Cloning ${voiceOrThrow(m.voiceB).name}'s voice: clip ${done} of ${sources.length}`, fraction: 0.8 + 0.15 * done / sources.length }));
        progress({ stage: 'Enrolling and scoring', fraction: 0.96 });
        await this.yieldNow();
        const scores = verificationScores(lock, held, { [m.voiceB]: clones.map((c) => c.logMagnitude) });
        const figures = voiceLockFigures(scores);
        const target = held.find((h) => h.id === m.voiceB)!;
        const print = enrolSpeaker(lock, target.enrol);
        const impostorVoice = TOY_VOICES.find((v) => v.id !== m.voiceA && v.id !== m.voiceB)!;
        const impostor = held.find((h) => h.id === impostorVoice.id)!;
        const clip = (label: string, logMagnitude: Float32Array, signal: Float32Array) => ({ label, score: verificationScore(lock, print, logMagnitude), signal: signal.slice() });
        const targetName = voiceOrThrow(m.voiceB).name;
        const sourceName = voiceOrThrow(m.voiceA).name;
        const result: VoiceLockResult = {
          steps, seconds: (performance.now() - started) / 1000, loss: last.loss, speakerAccuracy: last.accuracy,
          trainingSpeakers: settings.trainingSpeakers, heldOutSpeakers: held.length,
          target: targetName, source: sourceName, impostor: impostorVoice.name, conversionSteps: m.steps,
          threshold: figures.threshold, equalErrorRate: figures.equalErrorRate, impostorAcceptance: figures.impostorAcceptance,
          genuineRejection: figures.genuineRejection, cloneAcceptance: figures.cloneAcceptance, impostorAuc: figures.impostorAuc, cloneAuc: figures.cloneAuc,
          genuine: Float32Array.from(scores.genuine), impostorScores: Float32Array.from(scores.impostor), clone: Float32Array.from(scores.clone),
          impostorCurve: curvePairs(figures.impostorCurve), cloneCurve: curvePairs(figures.cloneCurve),
          demo: {
            real: clip(`${targetName}, real`, target.framed[this.sizes.lockEnrol].logMagnitude, target.framed[this.sizes.lockEnrol].utterance.samples),
            impostor: clip(`${impostorVoice.name}, an impostor`, impostor.framed[this.sizes.lockEnrol].logMagnitude, impostor.framed[this.sizes.lockEnrol].utterance.samples),
            clone: clip(`${sourceName} cloned as ${targetName}`, clones[0].logMagnitude, clones[0].signal),
          },
        };
        progress({ stage: 'Done', fraction: 1 });
        return result;
      } finally {
        lock.dispose();
      }
    });
  }

  /** Real clips of each voice (as synthesised and through Griffin–Lim) and the other voice converted into it. */
  private async detectorExamples(seedBase: number, count: number, report: (done: number, total: number) => void): Promise<CloneExample[]> {
    const m = this.maker();
    const stft = new Stft(m.frameSize);
    const sides: ('a' | 'b')[] = ['a', 'b'];
    const ids = { a: m.voiceA, b: m.voiceB };
    const out: CloneExample[] = [];
    const jobs = sides.flatMap((side, j) => Array.from({ length: count }, (_, i) => ({ side, j, i })));
    const real = sides.map((side, j) => framedUtterances(ids[side], count, seedBase + j, stft));
    const sources = sides.map((side, j) => framedUtterances(ids[side === 'a' ? 'b' : 'a'], count, seedBase + 10 + j, stft));
    await this.loop(jobs.length, (k) => {
      const { side, j, i } = jobs[k];
      const from = side === 'a' ? 'b' : 'a';
      out.push(...cloneExamples({
        real: [real[j][i]], sources: [sources[j][i]], convert: (lm) => this.maker().convert(lm, from, side),
        frameSize: m.frameSize, realKinds: ['raw', 'resynthesised'], griffinLimIterations: this.sizes.griffinLimIterations,
        bands: DEFAULT_CLONE_DETECTOR_SETTINGS.bands, seed: seedBase + 100 * j + i,
      }));
    }, (done) => report(done, jobs.length));
    return out;
  }

  private async buildDetector(steps: number, progress: Progress): Promise<CloneDetectorResult> {
    const started = performance.now();
    const m = this.maker();
    // Clips made by this very model at this step are made once.
    if (!(this.examples && this.examples.model === m.model && this.examples.steps === m.steps)) {
      this.examples = null;
      const made = await this.detectorExamples(6100, this.sizes.detectorTrain, (d, t) => progress({ stage: `Making training clips: ${d} of ${t} pairs`, fraction: 0.45 * d / t }));
      const held = await this.detectorExamples(6300, this.sizes.detectorHeld, (d, t) => progress({ stage: `Making held-out clips: ${d} of ${t} pairs`, fraction: 0.45 + 0.3 * d / t }));
      const stft = new Stft(m.frameSize);
      const heldDownTheLine = held.map((e) => cloneFeatures(logMagnitudes(stft.forward(phoneLine(e.signal, SAMPLE_RATE))), stft.bins, DEFAULT_CLONE_DETECTOR_SETTINGS.bands));
      this.examples = { model: m.model, steps: m.steps, train: made, held, heldDownTheLine };
    }
    const { train, held, heldDownTheLine } = this.examples;
    const model = new CloneDetector(train.map((e) => e.features), train.map((e) => e.label));
    try {
      const loss: number[] = [];
      const every = Math.max(1, Math.round(steps / 100));
      await this.loop(steps, () => {
        const s = model.step();
        if (s.step % every === 0 || s.step === 1) loss.push(s.step, s.loss);
      }, (done) => progress({ stage: `Training the detector: step ${done} of ${steps}`, fraction: 0.75 + 0.25 * done / steps }));
      const heldFeatures = held.map((e) => e.features);
      const j = model.judge(heldFeatures, held.map((e) => e.label));
      const lineScores = model.scores(heldDownTheLine);
      const line = judgeScores(lineScores, held.map((e) => e.label));
      const shareCalledClone = (label: 0 | 1) => held.filter((e, i) => e.label === label && lineScores[i] >= 0.5).length / Math.max(1, held.filter((e) => e.label === label).length);
      const result: CloneDetectorResult = {
        steps, seconds: (performance.now() - started) / 1000, trainClips: train.length, heldOutClips: held.length,
        accuracy: j.accuracy, equalErrorRate: j.equalErrorRate, auc: j.auc,
        bandSaliency: model.bandSaliency(heldFeatures), bandHz: SAMPLE_RATE / 2 / DEFAULT_CLONE_DETECTOR_SETTINGS.bands,
        statisticSaliency: model.statisticSaliency(heldFeatures), loss: Float32Array.from(loss), conversionSteps: m.steps,
        phoneLine: { accuracy: line.accuracy, equalErrorRate: line.equalErrorRate, realCalledClone: shareCalledClone(0), clonesCaught: shareCalledClone(1) },
      };
      this.detector?.model.dispose();
      this.detector = { model, held, result };
      return result;
    } catch (error) {
      model.dispose();
      throw error;
    }
  }

  trainCloneDetector(request: CloneDetectorRequest, progress: Progress = () => {}): Promise<CloneDetectorResult> {
    const steps = checkSteps('The clone detector', request?.steps, 5000);
    return this.run('the clone detector\'s training', () => this.buildDetector(steps, progress));
  }

  dealQuiz(seed: number, progress: Progress = () => {}): Promise<VoiceQuiz> {
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) throw new Error(`A quiz's seed is a whole number from 0 to 2147483647, not ${String(seed)}.`);
    return this.run('dealing the quiz', async () => {
      if (!this.detector) await this.buildDetector(DEFAULT_DETECTOR_STEPS, progress);
      const { model, held } = this.detector!;
      const clips = pickQuizClips(held.filter((e) => e.label === 0), held.filter((e) => e.label === 1), seed);
      const scores = model.scores(clips.map((c) => c.item.features));
      return {
        seed, sampleRate: SAMPLE_RATE,
        clips: clips.map((c, i) => ({ signal: c.item.signal.slice(), isClone: c.isClone, kind: c.item.kind, detectorScore: scores[i] })),
      };
    });
  }

  /** The detector's latest result, if trained. */
  get detectorResult(): CloneDetectorResult | null {
    return this.detector?.result ?? null;
  }

  dispose(): void {
    this.disposed = true;
    this.detector?.model.dispose();
    this.detector = null;
    this.examples = null;
  }
}

/** The detector's training steps when the quiz needs it first (and the panel's default). */
export const DEFAULT_DETECTOR_STEPS = 1500;
/** The lock's training steps by default. */
export const DEFAULT_LOCK_STEPS = 600;
