/**
 * Everything that scores a batch of conversions A → B of held-out utterances, in one place so
 * the bench and the training script measure the same way: the judges (voiceJudges.ts) on the
 * converted spectra and on the sound Griffin–Lim makes of them, and the pitch contour of that
 * sound against the source's, once the source's pitch is mapped into B's range
 * (pitchTracker.ts).
 */
import type { Stft } from './stft';
import { contourAgreement, logPitchStats, trackPitch, type ContourAgreement, type LogPitchStats } from './pitchTracker';
import type { FramedUtterance } from './voiceFrames';
import { judgeUtterances, resynthesised, type JudgeVerdicts, type VoiceJudges } from './voiceJudges';

/** Each voice's pitch range (mean and spread of log₂ pitch), measured on its real utterances' sound. */
export function speakerPitchRanges(voices: readonly string[], byVoice: readonly FramedUtterance[][], hop: number): Record<string, LogPitchStats> {
  if (voices.length !== byVoice.length) throw new Error(`${voices.length} voices but ${byVoice.length} lists of utterances.`);
  const ranges: Record<string, LogPitchStats> = {};
  voices.forEach((id, i) => {
    for (const u of byVoice[i]) if (u.utterance.voiceId !== id) throw new Error(`An utterance listed for ${id} is spoken by ${u.utterance.voiceId}.`);
    ranges[id] = logPitchStats(byVoice[i].map((u) => trackPitch(u.utterance.samples, { hop })));
  });
  return ranges;
}

export interface ConversionScores {
  /** The judges on the converted log-magnitudes. */
  spectra: JudgeVerdicts;
  /** The judges on the sound (Griffin–Lim), analysed afresh; equal to `spectra` when `iterations` is 0. */
  sound: JudgeVerdicts | null;
  /** Per utterance: the sound's pitch contour against the mapped source's (empty when `iterations` is 0). */
  contours: ContourAgreement[];
  /**
   * Mean over utterances of the contour correlation (an utterance with no contour to compare,
   * no frame voiced in both or a flat pitch, counts as 0) and of the distance in semitones (NaN without sound).
   */
  meanCorrelation: number;
  meanRmsSemitones: number;
}

/**
 * Scores `converted[i]` (frame-major log-magnitudes, the conversion of `source[i]` from voice
 * `fromId` to `toId`): who the judges hear, which vowels they read, and how well the melody
 * follows the source's, mapped from `ranges[fromId]` to `ranges[toId]`.
 */
export function scoreConversions(
  judges: VoiceJudges, converted: readonly Float32Array[], source: readonly FramedUtterance[], fromId: string, toId: string,
  ranges: Readonly<Record<string, LogPitchStats>>, stft: Stft, iterations: number,
): ConversionScores {
  if (converted.length !== source.length) throw new Error(`${converted.length} conversions of ${source.length} utterances.`);
  if (!ranges[fromId] || !ranges[toId]) throw new Error(`The pitch ranges known are ${Object.keys(ranges).join(', ')}; ${fromId} and ${toId} are both needed.`);
  if (!(Number.isInteger(iterations) && iterations >= 0)) throw new RangeError(`Griffin–Lim iterations must be a whole number from 0, not ${iterations}.`);
  const spectra = judgeUtterances(judges, converted, source, toId);
  if (iterations === 0) return { spectra, sound: null, contours: [], meanCorrelation: NaN, meanRmsSemitones: NaN };
  const sounds = converted.map((lm, i) => resynthesised(lm, source[i].utterance.samples.length, stft, iterations, i + 1));
  const sound = judgeUtterances(judges, sounds.map((s) => s.logMagnitude), source, toId);
  const contours = sounds.map((s, i) => contourAgreement(
    trackPitch(source[i].utterance.samples, { hop: stft.hop }), trackPitch(s.signal, { hop: stft.hop }), ranges[fromId], ranges[toId],
  ));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    spectra, sound, contours,
    meanCorrelation: mean(contours.map((c) => (Number.isFinite(c.correlation) ? c.correlation : 0))),
    meanRmsSemitones: mean(contours.map((c) => c.rmsSemitones).filter(Number.isFinite)),
  };
}
