import { describe, expect, it } from 'vitest';
import { cepstralEnvelope, mappedPitchContour, withPitchContour } from '../../../src/core/voice/pitchMapping';
import { logPitchStats, pearson, trackPitch } from '../../../src/core/voice/pitchTracker';
import { Stft, logMagnitudes } from '../../../src/core/voice/stft';
import { CepstralPitch } from '../../../src/core/voice/voiceJudges';
import { steadyVowel } from '../../../src/core/voice/voiceSynth';
import { voiceOrThrow } from '../../../src/core/voice/toyVoices';
import { previewUtterances } from '../../../src/core/voice/voicePreview';
import { framedUtterances } from '../../../src/core/voice/voiceFrames';

const N = 512;
const BINS = N / 2 + 1;

describe('cepstral envelope', () => {
  it('keeps a smooth log spectrum and removes a ripple above the lifter', () => {
    // Two frames: a slow cosine (quefrency 3) alone, and with a ripple at quefrency 100 on top.
    const smooth = (k: number) => 2 + Math.cos((2 * Math.PI * 3 * k) / N);
    const frames = new Float32Array(2 * BINS);
    for (let k = 0; k < BINS; k++) {
      frames[k] = smooth(k);
      frames[BINS + k] = smooth(k) + 0.8 * Math.cos((2 * Math.PI * 100 * k) / N);
    }
    const env = cepstralEnvelope(frames, N, 50);
    for (let k = 0; k < BINS; k++) {
      expect(env[k]).toBeCloseTo(smooth(k), 4);
      expect(env[BINS + k]).toBeCloseTo(smooth(k), 4);
    }
  });

  it('refuses a lifter or frames that do not fit', () => {
    expect(() => cepstralEnvelope(new Float32Array(BINS), N, 0)).toThrow(/lifter must be a whole number/);
    expect(() => cepstralEnvelope(new Float32Array(BINS), N, 256)).toThrow(/below half the frame \(256\)/);
    expect(() => cepstralEnvelope(new Float32Array(BINS + 1), N, 10)).toThrow(/not whole frames of 257 bins/);
    expect(() => cepstralEnvelope(new Float32Array(BINS), 500, 10)).toThrow(/power of two/);
  });
});

describe('a melody under a converted envelope', () => {
  it('puts the asked pitch under the same envelope', () => {
    const stft = new Stft(N);
    const u = steadyVowel(voiceOrThrow('orbo'), 'a', 0.5);
    const lm = logMagnitudes(stft.forward(u.samples));
    const frames = stft.frameCount(u.samples.length);
    const asked = 140;
    const out = withPitchContour(lm, new Float32Array(frames).fill(asked), stft, u.samples.length, { breathiness: 0.05, seed: 1 });
    const cepstral = new CepstralPitch(N);
    const middle = Array.from({ length: frames - 16 }, (_, i) => i + 8);
    const heard = middle.map((t) => cepstral.pitch(out.subarray(t * BINS, (t + 1) * BINS)));
    const before = middle.map((t) => cepstral.pitch(lm.subarray(t * BINS, (t + 1) * BINS)));
    expect(before.every((f) => Math.abs(f / 105 - 1) < 0.05), `before: ${before.slice(0, 4).join(', ')}`).toBe(true);
    expect(heard.every((f) => Math.abs(f / asked - 1) < 0.03), `after: ${heard.slice(0, 4).join(', ')}`).toBe(true);
    // Closer, bin by bin below 4 kHz, to the same vowel really sung at 140 Hz than the input was;
    // and its envelope still /a/'s, far from /i/'s.
    const real = logMagnitudes(stft.forward(steadyVowel(voiceOrThrow('orbo'), 'a', 0.5, asked).samples));
    const other = logMagnitudes(stft.forward(steadyVowel(voiceOrThrow('orbo'), 'i', 0.5).samples));
    const distance = (x: Float32Array, y: Float32Array) => {
      let sum = 0;
      let count = 0;
      for (const t of middle) for (let k = 2; k < 128; k++, count++) sum += Math.abs(x[t * BINS + k] - y[t * BINS + k]);
      return sum / count;
    };
    expect(distance(out, real)).toBeLessThan(0.8 * distance(lm, real));
    const lifter = 40;
    expect(distance(cepstralEnvelope(out, N, lifter), cepstralEnvelope(real, N, lifter))).toBeLessThan(0.6);
    expect(distance(cepstralEnvelope(out, N, lifter), cepstralEnvelope(other, N, lifter))).toBeGreaterThan(1.2);
  });

  it('draws no harmonics out of the silence: above 5 kHz, where the voice has next to no sound, it stays as quiet as the real voice', () => {
    const stft = new Stft(N);
    const voice = voiceOrThrow('orbo');
    const u = steadyVowel(voice, 'a', 0.5);
    const lm = logMagnitudes(stft.forward(u.samples));
    const frames = stft.frameCount(u.samples.length);
    const asked = 130;
    const out = withPitchContour(lm, new Float32Array(frames).fill(asked), stft, u.samples.length, { breathiness: voice.breathiness, seed: 1 });
    const real = logMagnitudes(stft.forward(steadyVowel(voice, 'a', 0.5, asked).samples));
    // Linear energy above 5 kHz (bin 160 of 257), middle frames: a full ripple on the floor made it several times the real voice's.
    const high = (x: Float32Array) => {
      let sum = 0;
      for (let t = 8; t < frames - 8; t++) for (let k = 160; k < BINS; k++) sum += Math.exp(2 * x[t * BINS + k]);
      return sum;
    };
    const ratio = high(out) / high(real);
    expect(ratio, `energy above 5 kHz: ${ratio.toFixed(2)}× the real voice's`).toBeLessThan(1.3);
    expect(ratio).toBeGreaterThan(0.5);
  });

  it('maps a melody into another speaker\'s range: the preview\'s Juno contour lands on Orbo\'s', () => {
    const stft = new Stft(N);
    const ranges = {
      juno: logPitchStats(framedUtterances('juno', 3, 21, stft).map((u) => trackPitch(u.utterance.samples))),
      orbo: logPitchStats(framedUtterances('orbo', 3, 22, stft).map((u) => trackPitch(u.utterance.samples))),
    };
    const { a, b } = previewUtterances('juno', 'orbo', stft);
    const mapped = mappedPitchContour(a.utterance.samples, ranges.juno, ranges.orbo, stft.hop);
    expect(mapped.length).toBe(stft.frameCount(a.utterance.samples.length));
    expect(mapped.every((f) => f > 80 && f < 140)).toBe(true);
    const orbo = trackPitch(b.utterance.samples).f0;
    const both = Array.from(orbo.keys()).filter((t) => orbo[t] > 0);
    expect(pearson(both.map((t) => Math.log2(mapped[t])), both.map((t) => Math.log2(orbo[t])))).toBeGreaterThan(0.97);
  });

  it('refuses a contour that does not fit', () => {
    const stft = new Stft(N);
    const lm = new Float32Array(stft.frameCount(1000) * BINS);
    expect(() => withPitchContour(lm, new Float32Array(3).fill(100), stft, 1000, { breathiness: 0, seed: 1 })).toThrow(/3 values for 8 frames/);
    expect(() => withPitchContour(lm, new Float32Array(8), stft, 1000, { breathiness: 0, seed: 1 })).toThrow(/between 0 and 4000 Hz, not 0/);
    expect(() => withPitchContour(lm, new Float32Array(8).fill(100), stft, 2000, { breathiness: 0, seed: 1 })).toThrow(/do not fit 2000 samples/);
  });
});
