import { describe, expect, it } from 'vitest';
import {
  OUTPUT_PEAK, SAMPLE_RATE, checkPlan, randomUtterance, randomUtterancePlan, resonate, resonatorCoefficients, steadyVowel, synthesise,
} from '../../../src/core/voice/voiceSynth';
import { TOY_VOICES, VOWELS, voiceFormants, voiceOrThrow, type Vowel } from '../../../src/core/voice/toyVoices';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

/** |H(e^{jω})| of y[n] = a·x[n] + b·y[n−1] + c·y[n−2], evaluated directly from the transfer function. */
function resonatorGain(k: { a: number; b: number; c: number }, hz: number): number {
  const w = (2 * Math.PI * hz) / SAMPLE_RATE;
  // Denominator 1 − b·e^{−jω} − c·e^{−2jω}
  const re = 1 - k.b * Math.cos(w) - k.c * Math.cos(2 * w);
  const im = k.b * Math.sin(w) + k.c * Math.sin(2 * w);
  return Math.abs(k.a) / Math.hypot(re, im);
}

/** Pitch by normalised autocorrelation over lags for 60–500 Hz, refined by a parabola through the peak. */
function autocorrelationPitch(x: Float32Array): number {
  const minLag = Math.floor(SAMPLE_RATE / 500);
  const maxLag = Math.ceil(SAMPLE_RATE / 60);
  const n = x.length - maxLag;
  const r = (lag: number) => {
    let s = 0, e0 = 0, e1 = 0;
    for (let i = 0; i < n; i++) { s += x[i] * x[i + lag]; e0 += x[i] * x[i]; e1 += x[i + lag] * x[i + lag]; }
    return s / Math.sqrt(e0 * e1);
  };
  const values = new Map<number, number>();
  let best = minLag;
  for (let lag = minLag; lag <= maxLag; lag++) {
    values.set(lag, r(lag));
    if (values.get(lag)! > values.get(best)!) best = lag;
  }
  // The shortest lag whose correlation is within 5% of the best (so a double period never wins).
  for (let lag = minLag + 1; lag < best; lag++) {
    const v = values.get(lag)!;
    if (v > 0.95 * values.get(best)! && v >= values.get(lag - 1)! && v >= values.get(lag + 1)!) { best = lag; break; }
  }
  const [y0, y1, y2] = [r(best - 1), r(best), r(best + 1)];
  const shift = (0.5 * (y0 - y2)) / (y0 - 2 * y1 + y2);
  return SAMPLE_RATE / (best + shift);
}

/** Peaks (Hz) of the all-pole LPC envelope (autocorrelation method, Levinson–Durbin) of a Hamming-windowed stretch. */
function lpcEnvelopePeaks(x: Float32Array, order: number, maxHz: number): number[] {
  const n = x.length;
  // Pre-emphasis (1 − 0.97 z⁻¹) flattens the glottal source's falling spectrum, as speech analysis does.
  const w = Float64Array.from(x, (v, i) => (v - 0.97 * (i > 0 ? x[i - 1] : 0)) * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1))));
  const r = new Float64Array(order + 1);
  for (let lag = 0; lag <= order; lag++) for (let i = lag; i < n; i++) r[lag] += w[i] * w[i - lag];
  r[0] *= 1 + 1e-9;
  let a = new Float64Array(order + 1);
  a[0] = 1;
  let err = r[0];
  for (let i = 1; i <= order; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
    const k = -acc / err;
    const next = a.slice();
    for (let j = 1; j < i; j++) next[j] = a[j] + k * a[i - j];
    next[i] = k;
    a = next;
    err *= 1 - k * k;
  }
  const env: number[] = [];
  for (let hz = 0; hz <= maxHz; hz += 5) {
    const om = (2 * Math.PI * hz) / SAMPLE_RATE;
    let re = 0, im = 0;
    for (let j = 0; j <= order; j++) { re += a[j] * Math.cos(om * j); im -= a[j] * Math.sin(om * j); }
    env.push(1 / Math.hypot(re, im));
  }
  const peaks: number[] = [];
  for (let i = 1; i < env.length - 1; i++) if (env[i] > env[i - 1] && env[i] >= env[i + 1]) peaks.push(i * 5);
  return peaks;
}

const LPC_ORDER = 14;
const middle = (x: Float32Array, seconds: number) => {
  const n = Math.round(seconds * SAMPLE_RATE);
  const start = Math.floor((x.length - n) / 2);
  return x.subarray(start, start + n);
};

describe('formant resonator', () => {
  for (const [f, b] of [[300, 60], [1200, 100], [2800, 180]]) {
    it(`peaks at its centre frequency (${f} Hz, bandwidth ${b} Hz) with unit gain at 0 Hz`, () => {
      const k = resonatorCoefficients(f, b);
      expect(resonatorGain(k, 0)).toBeCloseTo(1, 6);
      let best = 0;
      for (let hz = 1; hz < SAMPLE_RATE / 2; hz++) if (resonatorGain(k, hz) > resonatorGain(k, best)) best = hz;
      expect(Math.abs(best - f)).toBeLessThan(0.02 * f);
      // Half-power points about one bandwidth apart.
      const half = resonatorGain(k, best) / Math.SQRT2;
      let lo = best, hi = best;
      while (resonatorGain(k, lo) > half) lo--;
      while (resonatorGain(k, hi) > half) hi++;
      expect((hi - lo) / b).toBeGreaterThan(0.85);
      expect((hi - lo) / b).toBeLessThan(1.15);
    });
  }

  it('filters as its transfer function says (impulse response against the formula)', () => {
    const impulse = new Float32Array(4096);
    impulse[0] = 1;
    const h = resonate(impulse, 900, 90);
    for (const hz of [100, 700, 900, 1300, 4000]) {
      let re = 0, im = 0;
      for (let n = 0; n < h.length; n++) { re += h[n] * Math.cos((2 * Math.PI * hz * n) / SAMPLE_RATE); im -= h[n] * Math.sin((2 * Math.PI * hz * n) / SAMPLE_RATE); }
      expect(Math.hypot(re, im) / resonatorGain(resonatorCoefficients(900, 90), hz)).toBeCloseTo(1, 3);
    }
  });

  it('filters the same with a constant track as with fixed numbers', () => {
    const x = new SeededRandom(3).fillNormal(new Float32Array(2000));
    const fixed = resonate(x, 1500, 120);
    const tracked = resonate(x, new Float32Array(2000).fill(1500), new Float32Array(2000).fill(120));
    for (let i = 0; i < x.length; i += 50) expect(tracked[i]).toBeCloseTo(fixed[i], 4);
  });

  it('refuses a frequency beyond Nyquist, a bandwidth of 0 and a track of the wrong length', () => {
    expect(() => resonatorCoefficients(9000, 100)).toThrow(/between 0 and 8000 Hz/);
    expect(() => resonatorCoefficients(500, 0)).toThrow(/bandwidth must be above 0/);
    expect(() => resonate(new Float32Array(10), new Float32Array(9), 80)).toThrow(/frequency track has 9 values for 10 samples/);
    expect(() => resonate(new Float32Array(10), new Float32Array(10).fill(8500), 80)).toThrow(/between 0 and 8000 Hz, not 8500/);
    expect(() => resonate(new Float32Array(10), 500, new Float32Array(10))).toThrow(/must be above 0 Hz/);
  });
});

describe('source-filter synthesiser', () => {
  for (const [voiceId, vowel, f0] of [['juno', 'a', 200], ['orbo', 'u', 110], ['tilly', 'i', 280], ['mags', 'a', 150]] as const) {
    it(`speaks at the asked pitch (${voiceId}, /${vowel}/ at ${f0} Hz), by autocorrelation`, () => {
      const u = steadyVowel(voiceOrThrow(voiceId), vowel, 0.4, f0);
      const measured = autocorrelationPitch(middle(u.samples, 0.2));
      expect(Math.abs(measured - f0) / f0).toBeLessThan(0.02);
    });
  }

  for (const [voiceId, vowel] of [['orbo', 'a'], ['orbo', 'i'], ['orbo', 'u'], ['juno', 'a'], ['juno', 'i'], ['juno', 'u']] as const) {
    it(`puts the spectral envelope's peaks at the asked formants (${voiceId}, /${vowel}/), by LPC`, () => {
      const voice = voiceOrThrow(voiceId);
      // A low pitch, so the envelope is well sampled by its harmonics.
      const u = steadyVowel(voice, vowel, 0.6, 100);
      const peaks = lpcEnvelopePeaks(middle(u.samples, 0.4), LPC_ORDER, 4500);
      for (const f of voiceFormants(voice, vowel).frequencies) {
        const nearest = peaks.reduce((p, q) => (Math.abs(q - f) < Math.abs(p - f) ? q : p), Infinity);
        expect(Math.abs(nearest - f) / f, `F=${f.toFixed(0)} Hz, peaks ${peaks.join(', ')}`).toBeLessThan(0.1);
      }
    });
  }

  it('gives every voice finite, bounded, audible utterances, reproducible from the seed', () => {
    for (const voice of TOY_VOICES) {
      for (let seed = 1; seed <= 2; seed++) {
        const u = randomUtterance(voice, new SeededRandom(seed));
        let peak = 0, sum = 0;
        let bad = 0;
        for (const v of u.samples) { if (!Number.isFinite(v)) bad++; peak = Math.max(peak, Math.abs(v)); sum += v * v; }
        expect(bad).toBe(0);
        expect(peak).toBeLessThanOrEqual(OUTPUT_PEAK + 1e-6);
        expect(Math.sqrt(sum / u.samples.length)).toBeGreaterThan(0.03);
        expect(randomUtterance(voice, new SeededRandom(seed)).samples).toEqual(u.samples);
      }
      expect(randomUtterance(voice, new SeededRandom(1)).samples).not.toEqual(randomUtterance(voice, new SeededRandom(2)).samples);
    }
  });

  it('lays out vowels end to end, each steady part inside its vowel, pitch within the voice range', () => {
    const rng = new SeededRandom(7);
    for (const voice of TOY_VOICES) {
      const plan = randomUtterancePlan(voice, rng);
      expect(plan.vowels.length).toBeGreaterThanOrEqual(2);
      expect(plan.vowels.length).toBeLessThanOrEqual(4);
      for (let i = 1; i < plan.vowels.length; i++) expect(plan.vowels[i]).not.toBe(plan.vowels[i - 1]);
      const u = synthesise(voice, plan);
      expect(u.segments[0].start).toBe(0);
      expect(u.segments[u.segments.length - 1].end).toBe(u.samples.length);
      for (let i = 0; i < u.segments.length; i++) {
        const s = u.segments[i];
        if (i > 0) expect(s.start).toBe(u.segments[i - 1].end);
        expect(s.steadyStart).toBeGreaterThanOrEqual(s.start);
        expect(s.steadyEnd).toBeLessThanOrEqual(s.end);
        expect(s.steadyEnd - s.steadyStart).toBeGreaterThan(0.5 * (s.end - s.start));
      }
      const semitones = Array.from(u.f0, (f) => 12 * Math.log2(f / voice.f0));
      expect(Math.max(...semitones)).toBeLessThanOrEqual(voice.pitchRange + 1e-6);
      expect(Math.min(...semitones)).toBeGreaterThanOrEqual(-voice.pitchRange - 1e-6);
    }
  });

  it('glides smoothly between vowels: no jump in the signal at a boundary', () => {
    const voice = voiceOrThrow('orbo');
    const u = synthesise(voice, { vowels: ['a', 'i'], durations: [0.3, 0.3], pitchKnots: [0, 0], noiseSeed: 1 });
    const b = u.segments[0].end;
    // The largest sample-to-sample step near the boundary is no larger than within the steady vowels.
    const maxStep = (from: number, to: number) => { let m = 0; for (let i = from + 1; i < to; i++) m = Math.max(m, Math.abs(u.samples[i] - u.samples[i - 1])); return m; };
    const steady = Math.max(maxStep(u.segments[0].steadyStart, u.segments[0].steadyEnd), maxStep(u.segments[1].steadyStart, u.segments[1].steadyEnd));
    expect(maxStep(b - 160, b + 160)).toBeLessThanOrEqual(steady * 1.05);
  });

  it('refuses a bad plan with a specific message', () => {
    const ok = { vowels: ['a', 'i'] as Vowel[], durations: [0.2, 0.2], pitchKnots: [0, 0], noiseSeed: 1 };
    expect(() => checkPlan({ ...ok, vowels: [] })).toThrow(/at least one vowel/);
    expect(() => checkPlan({ ...ok, durations: [0.2] })).toThrow(/2 vowels but 1 durations/);
    expect(() => checkPlan({ ...ok, vowels: ['a', 'o' as Vowel] })).toThrow(/Unknown vowel "o"/);
    expect(() => checkPlan({ ...ok, durations: [0.2, 5] })).toThrow(/between 0.05 and 2 seconds/);
    expect(() => checkPlan({ ...ok, pitchKnots: [0] })).toThrow(/at least 2 knots/);
    expect(() => voiceOrThrow('nobody')).toThrow(/Unknown voice "nobody"/);
    expect(VOWELS).toEqual(['a', 'i', 'u']);
  });
});
