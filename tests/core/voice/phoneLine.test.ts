import { describe, expect, it } from 'vitest';
import { muLaw, phoneLine, telephoneBand } from '../../../src/core/voice/phoneLine';

const RATE = 16000;
const tone = (hz: number, seconds = 0.5) => Float32Array.from({ length: Math.round(seconds * RATE) }, (_, n) => 0.5 * Math.sin((2 * Math.PI * hz * n) / RATE));
/** Gain in dB of a steady tone through `f`, measured on the second half (after the filters settle). */
const gainDb = (hz: number, f: (x: Float32Array) => Float32Array) => {
  const x = tone(hz);
  const y = f(x);
  const rms = (v: Float32Array) => Math.sqrt(v.subarray(v.length / 2).reduce((s, a) => s + a * a, 0) / (v.length / 2));
  return 20 * Math.log10(rms(y) / rms(x));
};

describe('a telephone line', () => {
  it('passes the telephone band and cuts below 300 Hz and above 3,400 Hz', () => {
    const band = (x: Float32Array) => telephoneBand(x, RATE);
    expect(Math.abs(gainDb(1000, band))).toBeLessThan(0.5);
    // Each edge is two Butterworth sections: −6 dB at the cutoff, 24 dB per octave beyond it.
    expect(gainDb(300, band)).toBeCloseTo(-6.02, 0);
    expect(gainDb(3400, band)).toBeCloseTo(-6.02, 0);
    expect(gainDb(100, band)).toBeLessThan(-35);
    expect(gainDb(7000, band)).toBeLessThan(-25);
  });

  it('codes with μ-law: 256 levels, finer near zero, the ends kept', () => {
    expect(muLaw(1)).toBeCloseTo(1, 2);
    expect(muLaw(-1)).toBeCloseTo(-1, 2);
    expect(muLaw(-0.3)).toBeCloseTo(-muLaw(0.3), 10);
    const levels = new Set(Array.from({ length: 20001 }, (_, i) => muLaw(-1 + i / 10000).toFixed(9)));
    expect(levels.size).toBe(256);
    // Rounding on the compressed scale: the error is a small share of the value at every level (a linear 8-bit code would lose 0.001 entirely).
    for (const v of [0.001, 0.01, 0.1, 0.5, 0.9]) expect(Math.abs(muLaw(v) - v) / v).toBeLessThan(0.06);
    expect(Math.abs(muLaw(0.9) - 0.9)).toBeGreaterThan(Math.abs(muLaw(0.01) - 0.01));
  });

  it('keeps a voice-band tone, and refuses silence of no length', () => {
    const y = phoneLine(tone(800), RATE);
    expect(y.length).toBe(RATE / 2);
    expect(Math.abs(gainDb(800, (x) => phoneLine(x, RATE)))).toBeLessThan(0.5);
    expect(() => phoneLine(new Float32Array(0), RATE)).toThrow(/no sound/);
  });
});
