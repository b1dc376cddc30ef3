/**
 * The short-time Fourier transform and its inverse, on fft.js (plain TypeScript, so it runs on
 * every TF.js backend, whose wasm backend has no FFT kernel, and in the worker alike).
 *
 * Frames are centred: frame t covers samples [t·hop − n/2, t·hop + n/2) of the signal (zeros
 * outside it), windowed by a periodic Hann window. The inverse is a weighted overlap-add: each
 * frame's inverse FFT is windowed again, summed, and divided by the sum of squared windows at
 * each sample, which undoes the forward transform exactly wherever a window reaches.
 *
 * Converted magnitudes have no phase of their own; `griffinLim` finds one (see there).
 */
import FFT from 'fft.js';
import { SeededRandom } from '../shared/seededRandom';

/** Added to magnitudes before their logarithm, so a silent bin stays finite (the synthesiser's output has RMS 0.1). */
export const LOG_MAGNITUDE_FLOOR = 1e-3;

/** A spectrogram, frame-major: bin k of frame t is at t·bins + k. */
export interface Spectrogram {
  frameSize: number;
  hop: number;
  frames: number;
  /** frameSize/2 + 1: from 0 Hz to the Nyquist frequency. */
  bins: number;
  /** Samples of the signal it came from (what the inverse gives back). */
  length: number;
  re: Float32Array;
  im: Float32Array;
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n >= 4 && (n & (n - 1)) === 0;

/** The periodic Hann window of `n` samples (its shifted copies at hop n/4 sum to a constant). */
export function hannWindow(n: number): Float32Array {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

export class Stft {
  readonly bins: number;
  readonly window: Float32Array;
  private readonly fft: FFT;
  private readonly frameIn: number[];
  private readonly spectrum: number[];
  private readonly complexIn: number[];

  constructor(readonly frameSize: number, readonly hop: number = frameSize / 4) {
    if (!isPowerOfTwo(frameSize)) throw new RangeError(`An STFT frame must be a power of two of at least 4 samples, not ${frameSize}.`);
    if (!(Number.isInteger(hop) && hop >= 1 && hop <= frameSize / 2)) throw new RangeError(`An STFT hop must be a whole number from 1 to half the frame (${frameSize / 2}), not ${hop}.`);
    this.bins = frameSize / 2 + 1;
    this.window = hannWindow(frameSize);
    this.fft = new FFT(frameSize);
    this.frameIn = new Array<number>(frameSize).fill(0);
    this.spectrum = this.fft.createComplexArray() as number[];
    this.complexIn = this.fft.createComplexArray() as number[];
  }

  /** Frames of a signal of `length` samples: centres at 0, hop, 2·hop, … up to the last sample. */
  frameCount(length: number): number {
    return Math.floor(Math.max(0, length - 1) / this.hop) + 1;
  }

  forward(signal: Float32Array): Spectrogram {
    if (signal.length === 0) throw new RangeError('An STFT needs at least one sample.');
    const n = this.frameSize;
    const half = n / 2;
    const frames = this.frameCount(signal.length);
    const re = new Float32Array(frames * this.bins);
    const im = new Float32Array(frames * this.bins);
    for (let t = 0; t < frames; t++) {
      const start = t * this.hop - half;
      for (let i = 0; i < n; i++) {
        const s = start + i;
        this.frameIn[i] = s >= 0 && s < signal.length ? signal[s] * this.window[i] : 0;
      }
      this.fft.realTransform(this.spectrum, this.frameIn);
      for (let k = 0; k < this.bins; k++) {
        re[t * this.bins + k] = this.spectrum[2 * k];
        im[t * this.bins + k] = this.spectrum[2 * k + 1];
      }
    }
    return { frameSize: n, hop: this.hop, frames, bins: this.bins, length: signal.length, re, im };
  }

  /** Weighted overlap-add of the frames' inverse FFTs; gives back `spec.length` samples. */
  inverse(spec: Spectrogram): Float32Array {
    this.checkFits(spec);
    const n = this.frameSize;
    const half = n / 2;
    const out = new Float64Array(spec.length);
    const norm = new Float64Array(spec.length);
    const time = this.fft.createComplexArray() as number[];
    for (let t = 0; t < spec.frames; t++) {
      // The full, conjugate-symmetric spectrum of a real frame.
      for (let k = 0; k < this.bins; k++) {
        this.complexIn[2 * k] = spec.re[t * this.bins + k];
        this.complexIn[2 * k + 1] = spec.im[t * this.bins + k];
      }
      for (let k = this.bins; k < n; k++) {
        this.complexIn[2 * k] = spec.re[t * this.bins + (n - k)];
        this.complexIn[2 * k + 1] = -spec.im[t * this.bins + (n - k)];
      }
      this.fft.inverseTransform(time, this.complexIn);
      const start = t * this.hop - half;
      for (let i = 0; i < n; i++) {
        const s = start + i;
        if (s < 0 || s >= spec.length) continue;
        out[s] += time[2 * i] * this.window[i];
        norm[s] += this.window[i] * this.window[i];
      }
    }
    const signal = new Float32Array(spec.length);
    for (let s = 0; s < spec.length; s++) signal[s] = norm[s] > 1e-8 ? out[s] / norm[s] : 0;
    return signal;
  }

  private checkFits(spec: Spectrogram): void {
    if (spec.frameSize !== this.frameSize || spec.hop !== this.hop) {
      throw new RangeError(`This spectrogram has frames of ${spec.frameSize} at hop ${spec.hop}; the STFT uses ${this.frameSize} at hop ${this.hop}.`);
    }
    if (spec.frames !== this.frameCount(spec.length) || spec.re.length !== spec.frames * this.bins || spec.im.length !== spec.re.length) {
      throw new RangeError(`This spectrogram's ${spec.frames} frames do not fit a signal of ${spec.length} samples.`);
    }
  }
}

/** |X| per bin, frame-major. */
export function magnitudes(spec: Spectrogram): Float32Array {
  const m = new Float32Array(spec.re.length);
  for (let i = 0; i < m.length; i++) m[i] = Math.hypot(spec.re[i], spec.im[i]);
  return m;
}

/** ln(|X| + floor) per bin, frame-major. */
export function logMagnitudes(spec: Spectrogram, floor = LOG_MAGNITUDE_FLOOR): Float32Array {
  const m = magnitudes(spec);
  for (let i = 0; i < m.length; i++) m[i] = Math.log(m[i] + floor);
  return m;
}

/** Back from `logMagnitudes`: e^x − floor, never below 0. */
export function magnitudesFromLog(logMagnitude: Float32Array, floor = LOG_MAGNITUDE_FLOOR): Float32Array {
  const m = new Float32Array(logMagnitude.length);
  for (let i = 0; i < m.length; i++) m[i] = Math.max(0, Math.exp(logMagnitude[i]) - floor);
  return m;
}

/** A spectrogram with the given magnitudes and the phase of `phaseOf` (same shape). */
export function withPhase(mag: Float32Array, phaseOf: Spectrogram): Spectrogram {
  if (mag.length !== phaseOf.re.length) throw new RangeError(`${mag.length} magnitudes for a spectrogram of ${phaseOf.re.length} bins.`);
  const re = new Float32Array(mag.length);
  const im = new Float32Array(mag.length);
  for (let i = 0; i < mag.length; i++) {
    const r = Math.hypot(phaseOf.re[i], phaseOf.im[i]);
    if (r > 0) {
      re[i] = (mag[i] * phaseOf.re[i]) / r;
      im[i] = (mag[i] * phaseOf.im[i]) / r;
    } else re[i] = mag[i];
  }
  return { ...phaseOf, re, im };
}

/** Spectral convergence ‖target − |X|‖ / ‖target‖: 0 when a signal has exactly the target magnitudes. */
export function spectralConvergence(target: Float32Array, spec: Spectrogram): number {
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < target.length; i++) {
    const d = target[i] - Math.hypot(spec.re[i], spec.im[i]);
    diff += d * d;
    ref += target[i] * target[i];
  }
  return Math.sqrt(diff / Math.max(ref, 1e-30));
}

export interface GriffinLimOptions {
  iterations: number;
  /** Starting phase: zero, random (from `seed`), or this spectrogram's. */
  start: 'zero' | 'random' | Spectrogram;
  seed?: number;
  /** The "fast Griffin–Lim" momentum (Perraudin et al. 2013); 0 = the plain algorithm. */
  momentum?: number;
}

export interface GriffinLimResult {
  signal: Float32Array;
  /** Spectral convergence of the signal after each iteration. */
  convergence: number[];
}

/**
 * Griffin & Lim (1984): a signal whose STFT magnitudes approach `target` (frame-major, from a
 * spectrogram of `length` samples). Each iteration puts the target magnitudes on the current
 * phase, goes to a signal (inverse STFT) and back (STFT), and keeps the new phase; the plain
 * algorithm never increases the mismatch.
 *
 * The voice lab uses it, rather than the source utterance's phase, for converted speech: the
 * converted magnitudes carry the target voice's harmonics (a different pitch), which the source
 * phase does not fit, so reusing it smears them.
 */
export function griffinLim(stft: Stft, target: Float32Array, length: number, options: GriffinLimOptions): GriffinLimResult {
  const frames = stft.frameCount(length);
  if (target.length !== frames * stft.bins) throw new RangeError(`Griffin–Lim got ${target.length} magnitudes; a signal of ${length} samples has ${frames} frames of ${stft.bins} bins.`);
  if (!(Number.isInteger(options.iterations) && options.iterations >= 1)) throw new RangeError(`Griffin–Lim needs a whole number of iterations of at least 1, not ${options.iterations}.`);
  const momentum = options.momentum ?? 0;
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`Griffin–Lim momentum must be in [0, 1), not ${momentum}.`);
  const shape = { frameSize: stft.frameSize, hop: stft.hop, frames, bins: stft.bins, length };
  let phase: Spectrogram;
  if (options.start === 'zero') phase = { ...shape, re: new Float32Array(target.length).fill(1), im: new Float32Array(target.length) };
  else if (options.start === 'random') {
    const rng = new SeededRandom(options.seed ?? 1);
    const re = new Float32Array(target.length);
    const im = new Float32Array(target.length);
    for (let i = 0; i < re.length; i++) {
      const a = 2 * Math.PI * rng.next();
      re[i] = Math.cos(a);
      im[i] = Math.sin(a);
    }
    phase = { ...shape, re, im };
  } else phase = options.start;
  let previous: Spectrogram | null = null;
  const convergence: number[] = [];
  let signal: Float32Array = new Float32Array(length);
  for (let it = 0; it < options.iterations; it++) {
    signal = stft.inverse(withPhase(target, phase));
    const rebuilt = stft.forward(signal);
    convergence.push(spectralConvergence(target, rebuilt));
    if (momentum > 0 && previous) {
      const re = new Float32Array(rebuilt.re.length);
      const im = new Float32Array(rebuilt.re.length);
      for (let i = 0; i < re.length; i++) {
        re[i] = rebuilt.re[i] + momentum * (rebuilt.re[i] - previous.re[i]);
        im[i] = rebuilt.im[i] + momentum * (rebuilt.im[i] - previous.im[i]);
      }
      phase = { ...rebuilt, re, im };
    } else phase = rebuilt;
    previous = rebuilt;
  }
  return { signal, convergence };
}

/** Hz to mel (O'Shaughnessy's formula). */
export const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/**
 * Triangular mel filters, `bands` × `bins`, row-major: band j rises from mel point j to j+1
 * and falls to j+2, the points evenly spaced in mel from `low` to `high` Hz.
 */
export function melFilterbank(bands: number, frameSize: number, sampleRate: number, low = 50, high = sampleRate / 2): Float32Array {
  if (!(Number.isInteger(bands) && bands >= 1)) throw new RangeError(`A filterbank needs a whole number of bands, not ${bands}.`);
  const bins = frameSize / 2 + 1;
  const points = Array.from({ length: bands + 2 }, (_, j) => melToHz(hzToMel(low) + ((hzToMel(high) - hzToMel(low)) * j) / (bands + 1)));
  const fb = new Float32Array(bands * bins);
  for (let j = 0; j < bands; j++) {
    const [a, b, c] = [points[j], points[j + 1], points[j + 2]];
    for (let k = 0; k < bins; k++) {
      const hz = (k * sampleRate) / frameSize;
      const w = hz <= a || hz >= c ? 0 : hz <= b ? (hz - a) / (b - a) : (c - hz) / (c - b);
      fb[j * bins + k] = w;
    }
    // A band narrower than a bin still sees its nearest bin.
    let any = false;
    for (let k = 0; k < bins; k++) any ||= fb[j * bins + k] > 0;
    if (!any) fb[j * bins + Math.min(bins - 1, Math.round((b * frameSize) / sampleRate))] = 1;
  }
  return fb;
}

/** ln(Σ filter·|X|² + floor²) per band, frame-major (`frames` × `bands`), from frame-major magnitudes. */
export function logMelEnergies(mag: Float32Array, bins: number, filterbank: Float32Array, floor = LOG_MAGNITUDE_FLOOR): Float32Array {
  const frames = mag.length / bins;
  const bands = filterbank.length / bins;
  if (!Number.isInteger(frames) || !Number.isInteger(bands)) throw new RangeError(`Magnitudes (${mag.length}) and filterbank (${filterbank.length}) do not fit ${bins} bins.`);
  const out = new Float32Array(frames * bands);
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < bands; j++) {
      let e = 0;
      for (let k = 0; k < bins; k++) {
        const w = filterbank[j * bins + k];
        if (w > 0) e += w * mag[t * bins + k] ** 2;
      }
      out[t * bands + j] = Math.log(e + floor * floor);
    }
  }
  return out;
}
