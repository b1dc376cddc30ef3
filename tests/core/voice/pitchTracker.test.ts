import { describe, expect, it } from 'vitest';
import { contourAgreement, logPitchStats, mapPitch, pearson, trackPitch, type LogPitchStats } from '../../../src/core/voice/pitchTracker';
import { scoreConversions, speakerPitchRanges } from '../../../src/core/voice/conversionScores';
import { SAMPLE_RATE, synthesise, type Utterance } from '../../../src/core/voice/voiceSynth';
import { voiceOrThrow } from '../../../src/core/voice/toyVoices';
import { previewUtterances } from '../../../src/core/voice/voicePreview';
import { framedUtterances } from '../../../src/core/voice/voiceFrames';
import { Stft } from '../../../src/core/voice/stft';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import type { VoiceJudges } from '../../../src/core/voice/voiceJudges';

const HOP = 128;

/** |tracked − asked| in semitones at every voiced frame centre, and the share of frames voiced. */
function trackingErrors(u: Utterance): { errors: number[]; voiced: number; tracked: Float32Array; asked: Float32Array } {
  const { f0 } = trackPitch(u.samples, { hop: HOP });
  const asked = Float32Array.from(f0, (_, t) => u.f0[Math.min(u.f0.length - 1, t * HOP)]);
  const errors: number[] = [];
  f0.forEach((f, t) => { if (f > 0) errors.push(Math.abs(12 * Math.log2(f / asked[t]))); });
  return { errors: errors.sort((a, b) => a - b), voiced: errors.length / f0.length, tracked: f0, asked };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

describe('pitch tracker (YIN)', () => {
  it('reads pure tones to within a twentieth of a semitone, never an octave off', () => {
    for (const hz of [70, 137.5, 200, 333]) {
      const x = Float32Array.from({ length: SAMPLE_RATE / 2 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));
      const { f0 } = trackPitch(x, { hop: HOP, octaveSnap: false });
      expect(f0.length).toBe(Math.floor((x.length - 1) / HOP) + 1);
      // Frames whose window lies inside the tone.
      const inner = Array.from(f0.slice(3, -3));
      expect(inner.every((f) => Math.abs(12 * Math.log2(f / hz)) < 0.05), `${hz} Hz: ${inner.slice(0, 5).join(', ')}`).toBe(true);
    }
  });

  it('follows the asked pitch contour of synthesised voices, low and high, through glides between vowels', () => {
    const cases: [string, number[]][] = [['orbo', [-4, 3, -2, 1]], ['juno', [3, -3, 2]], ['tilly', [-2, 4, 0]]];
    for (const [id, pitchKnots] of cases) {
      const u = synthesise(voiceOrThrow(id), { vowels: ['a', 'i', 'u'], durations: [0.25, 0.25, 0.25], pitchKnots, noiseSeed: 5 });
      const { errors, voiced, tracked, asked } = trackingErrors(u);
      expect(voiced, id).toBeGreaterThan(0.9);
      // The window spans 33 ms, over which these steep contours move by up to a semitone.
      expect(quantile(errors, 0.5), id).toBeLessThan(0.2);
      expect(quantile(errors, 0.95), id).toBeLessThan(0.6);
      expect(errors[errors.length - 1], `${id}: worst frame`).toBeLessThan(1.5);
      const both = Array.from(tracked.keys()).filter((t) => tracked[t] > 0);
      expect(pearson(both.map((t) => Math.log2(tracked[t])), both.map((t) => Math.log2(asked[t]))), id).toBeGreaterThan(0.98);
    }
  });

  it('calls noise and silence unvoiced', () => {
    const rng = new SeededRandom(3);
    const noise = Float32Array.from({ length: SAMPLE_RATE / 2 }, () => 0.1 * rng.normal());
    const voicedNoise = trackPitch(noise).f0.filter((f) => f > 0).length / trackPitch(noise).f0.length;
    expect(voicedNoise).toBeLessThan(0.1);
    expect(trackPitch(new Float32Array(4000)).f0.every((f) => f === 0)).toBe(true);
  });

  it('refuses bad input and settings with the reason', () => {
    expect(() => trackPitch(new Float32Array(0))).toThrow(/at least one sample/);
    expect(() => trackPitch(Float32Array.of(0, NaN, 0))).toThrow(/Sample 1 is NaN/);
    expect(() => trackPitch(new Float32Array(100), { minHz: 300, maxHz: 200 })).toThrow(/highest pitch searched must be above the lowest/);
    expect(() => trackPitch(new Float32Array(100), { maxHz: 5000 })).toThrow(/at most a quarter of the sample rate/);
    expect(() => trackPitch(new Float32Array(100), { hop: 0 })).toThrow(/hop must be a whole number/);
  });
});

describe('pitch contour agreement', () => {
  it('computes Pearson\'s correlation as by hand', () => {
    // a − ā = (−1, 0, 1), b − b̄ = (−7/3, −1/3, 8/3): r = 5 / √(2 · 114/9).
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt((2 * 114) / 9), 10);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => pearson([1, 2], [1])).toThrow(/equal length/);
  });

  it('maps a pitch range onto another: mean to mean, one spread up to one spread up', () => {
    const from: LogPitchStats = { mean: Math.log2(200), std: 0.1, frames: 10 };
    const to: LogPitchStats = { mean: Math.log2(100), std: 0.05, frames: 10 };
    expect(mapPitch(200, from, to)).toBeCloseTo(100, 9);
    expect(mapPitch(200 * 2 ** 0.1, from, to)).toBeCloseTo(100 * 2 ** 0.05, 9);
    expect(mapPitch(0, from, to)).toBe(0);
    const stats = logPitchStats([{ f0: Float32Array.of(0, 100, 400) }]);
    expect(stats.mean).toBeCloseTo(Math.log2(200), 9);
    expect(stats.std).toBeCloseTo(1, 9);
    expect(stats.frames).toBe(2);
    expect(() => logPitchStats([{ f0: Float32Array.of(0, 100) }])).toThrow(/at least 2 voiced frames, not 1/);
  });

  it('scores the same melody in the other voice (a perfect conversion) near 1, and an unrelated melody far lower', () => {
    const stft = new Stft(512);
    const ranges = speakerPitchRanges(['juno', 'orbo'], [framedUtterances('juno', 4, 11, stft), framedUtterances('orbo', 4, 12, stft)], stft.hop);
    expect(2 ** ranges.juno.mean).toBeGreaterThan(195);
    expect(2 ** ranges.juno.mean).toBeLessThan(235);
    expect(2 ** ranges.orbo.mean).toBeGreaterThan(95);
    expect(2 ** ranges.orbo.mean).toBeLessThan(115);
    const { a, b } = previewUtterances('juno', 'orbo', stft);
    const juno = trackPitch(a.utterance.samples, { hop: stft.hop });
    const same = contourAgreement(juno, trackPitch(b.utterance.samples, { hop: stft.hop }), ranges.juno, ranges.orbo);
    expect(same.correlation).toBeGreaterThan(0.97);
    expect(same.rmsSemitones).toBeLessThan(1);
    expect(same.frames).toBeGreaterThan(0.9 * juno.f0.length);
    // Orbo on the melody turned upside down.
    const flipped = synthesise(voiceOrThrow('orbo'), { ...b.utterance.plan, pitchKnots: b.utterance.plan.pitchKnots.map((k) => -k) });
    expect(contourAgreement(juno, trackPitch(flipped.samples, { hop: stft.hop }), ranges.juno, ranges.orbo).correlation).toBeLessThan(0);
    expect(() => contourAgreement(juno, { f0: new Float32Array(3) }, ranges.juno, ranges.orbo)).toThrow(/must line up frame by frame/);
    const judges = {} as VoiceJudges;
    expect(() => scoreConversions(judges, [], [a as never], 'juno', 'orbo', ranges, stft, 8)).toThrow(/0 conversions of 1 utterances/);
    expect(() => scoreConversions(judges, [], [], 'juno', 'mags', ranges, stft, 8)).toThrow(/juno and mags are both needed/);
  });
});
