/**
 * What the voice lab shows and plays: one fixed utterance of voice A ("a-i-u-a", with a falling
 * pitch), the very same utterance spoken by voice B (same vowels, timing and melody, on B's own
 * pitch and vocal tract: what a perfect conversion would give), their spectrograms, and the
 * model's rebuild of A and conversion of A into B. Also the puppet: one vowel of A at a chosen
 * pitch and breathiness, and what B's decoder makes of it.
 *
 * Every spectrogram is frame-major ln(|X| + floor), as `logMagnitudes` gives; the tracks drawn
 * over them are the synthesiser's own formants (F1–F3) at each frame's centre and the pitch
 * measured from each frame's cepstrum (voiceJudges.ts), so rebuilt and converted pictures get the
 * same measurement as real ones.
 */
import { Stft, griffinLim, logMagnitudes, magnitudesFromLog } from './stft';
import { mappedPitchContour, withPitchContour } from './pitchMapping';
import { logPitchStats, trackPitch, type LogPitchStats } from './pitchTracker';
import { framedUtterances } from './voiceFrames';
import { VOWELS, voiceFormants, voiceOrThrow, type ToyVoice, type Vowel } from './toyVoices';
import { CepstralPitch, MIN_JUDGE_FRAME } from './voiceJudges';
import { SAMPLE_RATE, synthesise, type Utterance, type UtterancePlan } from './voiceSynth';
import type { VoiceConversionTrainer } from './voiceConversion';

/** The preview's words: four vowels of 0.24 s each, the pitch falling gently (semitones from each voice's own). */
export const PREVIEW_PLAN: UtterancePlan = {
  vowels: ['a', 'i', 'u', 'a'],
  durations: [0.24, 0.24, 0.24, 0.24],
  pitchKnots: [2, 1, 1.5, -0.5, -2],
  noiseSeed: 4242,
};

/** Griffin–Lim as the lab plays converted sound: fast Griffin–Lim (momentum 0.99) from a fixed random phase. */
export const GRIFFIN_LIM_ITERATIONS = 32;
export const GRIFFIN_LIM_MOMENTUM = 0.99;

/** The formant tracks (Hz) of an utterance at each frame's centre: F1 of every frame, then F2, then F3. */
export function formantTracks(voice: Pick<ToyVoice, 'tractScale'>, utterance: Utterance, stft: Stft): Float32Array {
  const frames = stft.frameCount(utterance.samples.length);
  const segs = utterance.segments;
  const out = new Float32Array(3 * frames);
  const ease = (t: number) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, t)));
  const logF = segs.map((s) => voiceFormants(voice, s.vowel).frequencies.map(Math.log));
  for (let t = 0; t < frames; t++) {
    const s = Math.min(utterance.samples.length - 1, t * stft.hop);
    const i = Math.max(0, segs.findIndex((g) => s >= g.start && s < g.end));
    const g = segs[i];
    let other = i;
    let w = 0;
    if (i < segs.length - 1 && s >= g.steadyEnd) {
      other = i + 1;
      w = 0.5 * ease((s - g.steadyEnd) / Math.max(1, g.end - g.steadyEnd));
    } else if (i > 0 && s < g.steadyStart) {
      other = i - 1;
      w = 0.5 * (1 - ease((s - g.start) / Math.max(1, g.steadyStart - g.start)));
    }
    for (let k = 0; k < 3; k++) out[k * frames + t] = Math.exp((1 - w) * logF[i][k] + w * logF[other][k]);
  }
  return out;
}

/** Pitch (Hz) measured from each frame's cepstrum; 0 for frames too quiet to carry one (the faded ends). */
export function measuredPitch(logMagnitude: Float32Array, frameSize: number): Float32Array {
  const bins = frameSize / 2 + 1;
  const frames = logMagnitude.length / bins;
  const out = new Float32Array(frames);
  if (frameSize < MIN_JUDGE_FRAME) return out;
  const cepstral = new CepstralPitch(frameSize);
  let loudest = -Infinity;
  const energy = new Float32Array(frames);
  for (let t = 0; t < frames; t++) {
    let e = 0;
    for (let k = 0; k < bins; k++) e = Math.max(e, logMagnitude[t * bins + k]);
    energy[t] = e;
    loudest = Math.max(loudest, e);
  }
  for (let t = 0; t < frames; t++) {
    // More than 30 dB (ln 31.6 ≈ 3.45) under the loudest frame: no pitch worth drawing.
    if (energy[t] < loudest - 3.45) continue;
    out[t] = cepstral.pitch(logMagnitude.subarray(t * bins, (t + 1) * bins));
  }
  return out;
}

/** A real utterance as the page shows it. */
export interface ShownUtterance {
  utterance: Utterance;
  logMagnitude: Float32Array;
  formants: Float32Array;
}

export function showUtterance(voice: ToyVoice, plan: UtterancePlan, stft: Stft): ShownUtterance {
  const utterance = synthesise(voice, plan);
  return { utterance, logMagnitude: logMagnitudes(stft.forward(utterance.samples)), formants: formantTracks(voice, utterance, stft) };
}

/** The preview's two real utterances: A saying PREVIEW_PLAN, and B saying exactly the same. */
export function previewUtterances(voiceA: string, voiceB: string, stft: Stft): { a: ShownUtterance; b: ShownUtterance } {
  return { a: showUtterance(voiceOrThrow(voiceA), PREVIEW_PLAN, stft), b: showUtterance(voiceOrThrow(voiceB), PREVIEW_PLAN, stft) };
}

/** The model's two pictures of the preview: A rebuilt by A's decoder, and A converted by B's decoder. */
export function modelPictures(trainer: VoiceConversionTrainer, a: ShownUtterance): { rebuilt: Float32Array; converted: Float32Array } {
  return { rebuilt: trainer.convert(a.logMagnitude, 'a', 'a'), converted: trainer.convert(a.logMagnitude, 'a', 'b') };
}

/** Sound for log-magnitudes that have no phase of their own (rebuilt or converted): fast Griffin–Lim from a fixed random start. */
export function soundOf(logMagnitude: Float32Array, length: number, stft: Stft, iterations = GRIFFIN_LIM_ITERATIONS): Float32Array {
  const { signal } = griffinLim(stft, magnitudesFromLog(logMagnitude), length, { iterations, start: 'random', seed: 1, momentum: GRIFFIN_LIM_MOMENTUM });
  return signal;
}

/** Utterances per voice, and the seed, the lab measures each voice's pitch range on (none of them the preview's words). */
export const PITCH_RANGE_UTTERANCES = 3;
export const PITCH_RANGE_SEED = 90_001;

/** A voice's pitch range (mean and spread of log₂ pitch) as the lab measures it: YIN over a few of its own random utterances. */
export function voicePitchRange(voiceId: string, stft: Stft): LogPitchStats {
  return logPitchStats(framedUtterances(voiceId, PITCH_RANGE_UTTERANCES, PITCH_RANGE_SEED, stft).map((u) => trackPitch(u.utterance.samples, { hop: stft.hop })));
}

/**
 * Log-magnitudes converted into `targetId`'s voice with the source's melody kept (pitchMapping.ts):
 * the network's converted envelope, with the harmonics of the source's pitch contour moved from
 * the source speaker's range `ranges.from` into the target's `ranges.to`.
 */
export function withSourceMelody(
  converted: Float32Array, source: Utterance, targetId: string, ranges: { from: LogPitchStats; to: LogPitchStats }, stft: Stft,
): Float32Array {
  const melody = mappedPitchContour(source.samples, ranges.from, ranges.to, stft.hop);
  return withPitchContour(converted, melody, stft, source.samples.length, { breathiness: voiceOrThrow(targetId).breathiness, seed: source.plan.noiseSeed });
}

/** The puppet's three knobs, for voice A. */
export interface PuppetVoice {
  /** Semitones from A's own pitch. */
  pitch: number;
  vowel: Vowel;
  /** 0 = a clean buzz, 1 = whisper. */
  breathiness: number;
}

export const PUPPET_LIMITS = { pitch: { min: -7, max: 7 }, breathiness: { min: 0, max: 1 } } as const;
export const PUPPET_SECONDS = 0.6;

export function puppetProblems(p: PuppetVoice): string[] {
  const problems: string[] = [];
  if (!(p.pitch >= PUPPET_LIMITS.pitch.min && p.pitch <= PUPPET_LIMITS.pitch.max)) problems.push(`the puppet's pitch must be from ${PUPPET_LIMITS.pitch.min} to ${PUPPET_LIMITS.pitch.max} semitones, not ${p.pitch}`);
  if (!VOWELS.includes(p.vowel)) problems.push(`the puppet's vowel must be one of ${VOWELS.join(', ')}, not "${String(p.vowel)}"`);
  if (!(p.breathiness >= 0 && p.breathiness <= 1)) problems.push(`the puppet's breathiness must be from 0 to 1, not ${p.breathiness}`);
  return problems;
}

/** A held vowel of voice A with the puppet's pitch and breathiness (the rest of A as it is). */
export function puppetUtterance(voiceA: string, p: PuppetVoice, stft: Stft): ShownUtterance {
  const problems = puppetProblems(p);
  if (problems.length > 0) throw new Error(`The puppet cannot speak: ${problems.join('; ')}.`);
  const voice = { ...voiceOrThrow(voiceA), breathiness: p.breathiness };
  return showUtterance(voice, { vowels: [p.vowel], durations: [PUPPET_SECONDS], pitchKnots: [p.pitch, p.pitch], noiseSeed: 77 }, stft);
}

export { SAMPLE_RATE };
