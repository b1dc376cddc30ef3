import { describe, expect, it } from 'vitest';
import {
  Stft, griffinLim, hannWindow, logMagnitudes, logMelEnergies, magnitudes, magnitudesFromLog, melFilterbank, spectralConvergence,
} from '../../../src/core/voice/stft';
import { SAMPLE_RATE, randomUtterance } from '../../../src/core/voice/voiceSynth';
import { voiceOrThrow } from '../../../src/core/voice/toyVoices';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

function snrDb(reference: Float32Array, test: Float32Array, from: number, to: number): number {
  let s = 0, e = 0;
  for (let i = from; i < to; i++) { s += reference[i] ** 2; e += (reference[i] - test[i]) ** 2; }
  return 10 * Math.log10(s / e);
}

describe('STFT', () => {
  it('finds a sine in the bin of its frequency, with the Hann window\'s gain', () => {
    const stft = new Stft(256);
    const k0 = 20; // 1250 Hz at 16 kHz
    const x = Float32Array.from({ length: 4000 }, (_, n) => 0.5 * Math.cos((2 * Math.PI * k0 * n) / 256));
    const spec = stft.forward(x);
    const mag = magnitudes(spec);
    const t = 10;
    let best = 0;
    for (let k = 0; k < spec.bins; k++) if (mag[t * spec.bins + k] > mag[t * spec.bins + best]) best = k;
    expect(best).toBe(k0);
    // A cosine of amplitude A gives A/2 · Σw = A/2 · n/2 in its bin.
    expect(mag[t * spec.bins + k0]).toBeCloseTo((0.5 / 2) * 128, 3);
  });

  for (const frameSize of [256, 512]) {
    it(`inverts itself to more than 60 dB SNR (frame ${frameSize}, hop ${frameSize / 4})`, () => {
      const stft = new Stft(frameSize);
      const speech = randomUtterance(voiceOrThrow('juno'), new SeededRandom(3)).samples;
      const noise = new SeededRandom(4).fillNormal(new Float32Array(5000), 0.3);
      for (const x of [speech, noise]) {
        const spec = stft.forward(x);
        expect(spec.frames).toBe(stft.frameCount(x.length));
        const y = stft.inverse(spec);
        expect(y.length).toBe(x.length);
        expect(snrDb(x, y, frameSize, x.length - frameSize)).toBeGreaterThan(60);
        // Near the ends too: every sample has a window over it.
        expect(snrDb(x, y, 0, x.length)).toBeGreaterThan(60);
      }
    });
  }

  it('uses a periodic Hann window whose squares overlap-add to a constant at hop n/4', () => {
    const w = hannWindow(64);
    expect(w[0]).toBe(0);
    expect(w[32]).toBeCloseTo(1, 6);
    for (let i = 0; i < 16; i++) {
      const sum = [0, 16, 32, 48].reduce((s, o) => s + w[(i + o) % 64] ** 2, 0);
      expect(sum).toBeCloseTo(1.5, 5);
    }
  });

  it('goes from log-magnitudes back to magnitudes', () => {
    const stft = new Stft(128);
    const spec = stft.forward(new SeededRandom(1).fillNormal(new Float32Array(1000), 0.1));
    const m = magnitudes(spec);
    const back = magnitudesFromLog(logMagnitudes(spec));
    for (let i = 0; i < m.length; i += 7) expect(back[i]).toBeCloseTo(m[i], 4);
  });

  it('refuses a frame that is not a power of two, a bad hop and a spectrogram of another shape', () => {
    expect(() => new Stft(300)).toThrow(/power of two/);
    expect(() => new Stft(256, 200)).toThrow(/hop must be a whole number from 1 to half the frame \(128\)/);
    const spec = new Stft(256).forward(new Float32Array(1000));
    expect(() => new Stft(512).inverse(spec)).toThrow(/frames of 256 at hop 64; the STFT uses 512 at hop 128/);
    expect(() => new Stft(256).inverse({ ...spec, length: 5000 })).toThrow(/do not fit a signal of 5000 samples/);
  });
});

describe('Griffin–Lim', () => {
  it('brings the spectral convergence down over its iterations, never up (plain), to a signal with the target magnitudes', () => {
    const stft = new Stft(256);
    const x = randomUtterance(voiceOrThrow('orbo'), new SeededRandom(2)).samples.subarray(0, 8000);
    const target = magnitudes(stft.forward(x));
    const { signal, convergence } = griffinLim(stft, target, x.length, { iterations: 24, start: 'random', seed: 1 });
    for (let i = 1; i < convergence.length; i++) expect(convergence[i]).toBeLessThanOrEqual(convergence[i - 1] + 1e-4);
    expect(convergence[convergence.length - 1]).toBeLessThan(0.5 * convergence[0]);
    expect(spectralConvergence(target, stft.forward(signal))).toBeCloseTo(convergence[convergence.length - 1], 6);
    // Starting from the true phase, it is already (almost) there.
    const exact = griffinLim(stft, target, x.length, { iterations: 1, start: stft.forward(x) });
    expect(exact.convergence[0]).toBeLessThan(1e-3);
  });

  it('with momentum (fast Griffin–Lim) gets further in the same iterations', () => {
    const stft = new Stft(256);
    const x = randomUtterance(voiceOrThrow('juno'), new SeededRandom(5)).samples.subarray(0, 6000);
    const target = magnitudes(stft.forward(x));
    const plain = griffinLim(stft, target, x.length, { iterations: 16, start: 'zero' }).convergence.at(-1)!;
    const fast = griffinLim(stft, target, x.length, { iterations: 16, start: 'zero', momentum: 0.99 }).convergence.at(-1)!;
    expect(fast).toBeLessThan(plain);
  });

  it('refuses magnitudes that do not fit the length', () => {
    expect(() => griffinLim(new Stft(256), new Float32Array(100), 1000, { iterations: 2, start: 'zero' })).toThrow(/1000 samples has 16 frames of 129 bins/);
  });
});

describe('mel bands', () => {
  it('places triangular filters in increasing order, each peaking at its centre, covering the range', () => {
    const bands = 24;
    const fb = melFilterbank(bands, 512, SAMPLE_RATE);
    const bins = 257;
    let lastPeak = -1;
    for (let j = 0; j < bands; j++) {
      let peak = 0;
      for (let k = 0; k < bins; k++) if (fb[j * bins + k] > fb[j * bins + peak]) peak = k;
      expect(peak).toBeGreaterThanOrEqual(lastPeak);
      expect(fb[j * bins + peak]).toBeGreaterThan(0.5);
      lastPeak = peak;
    }
    // A tone's energy lands in the band(s) around its frequency.
    const tone = Float32Array.from({ length: 2048 }, (_, n) => Math.sin((2 * Math.PI * 1000 * n) / SAMPLE_RATE));
    const stft = new Stft(512);
    const spec = stft.forward(tone);
    const e = logMelEnergies(magnitudes(spec), spec.bins, fb);
    const t = 2;
    let best = 0;
    for (let j = 0; j < bands; j++) if (e[t * bands + j] > e[t * bands + best]) best = j;
    const centre = (jj: number) => { let p = 0; for (let k = 0; k < bins; k++) if (fb[jj * bins + k] > fb[jj * bins + p]) p = k; return (p * SAMPLE_RATE) / 512; };
    expect(Math.abs(centre(best) - 1000)).toBeLessThan(150);
  });
});
