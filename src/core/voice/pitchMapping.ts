/**
 * The classic voice-conversion vocoder's split of work: the network converts the spectral
 * envelope (what is said, in whose vocal tract) and the melody is carried over by rule, the
 * source's pitch contour mapped into the target speaker's range (log-pitch mean and spread,
 * pitchTracker.ts). Plain Float32Array functions on fft.js and the synthesiser's glottal source.
 *
 * `withPitchContour` keeps each converted frame's envelope (its log-magnitudes smoothed by
 * cepstral liftering, which drops the fine harmonic ripple) and replaces the harmonics with
 * those of a glottal pulse train (voiceSynth.ts) following the given pitch, whose own envelope
 * is removed the same way.
 */
import FFT from 'fft.js';
import { SeededRandom } from '../shared/seededRandom';
import { LOG_MAGNITUDE_FLOOR, Stft, logMagnitudes } from './stft';
import { mapPitch, trackPitch, type LogPitchStats } from './pitchTracker';
import { SAMPLE_RATE, glottalSource } from './voiceSynth';

/**
 * Where the converted envelope is within RIPPLE_ROOM (natural-log units) of the log-magnitude
 * floor, the harmonics' ripple is scaled down to nothing: real speech has no harmonics standing
 * out of the silence there, and a full ripple on the floor adds energy no real voice has.
 */
const FLOOR_LN = Math.log(LOG_MAGNITUDE_FLOOR);
const RIPPLE_ROOM = 3;

/** The lifter keeps quefrencies below this share of the shortest pitch period (samples) of the contour. */
const LIFTER_SHARE = 0.6;

/**
 * Each frame's log-magnitudes with the harmonic ripple removed: the real cepstrum (inverse FFT of
 * the log spectrum) kept below quefrency `lifter` samples, and transformed back.
 */
export function cepstralEnvelope(logMagnitude: Float32Array, frameSize: number, lifter: number): Float32Array {
  const bins = frameSize / 2 + 1;
  if (!(Number.isInteger(frameSize) && frameSize >= 4 && (frameSize & (frameSize - 1)) === 0)) throw new RangeError(`A frame must be a power of two of at least 4 samples, not ${frameSize}.`);
  if (logMagnitude.length === 0 || logMagnitude.length % bins !== 0) throw new RangeError(`${logMagnitude.length} log-magnitudes are not whole frames of ${bins} bins.`);
  if (!(Number.isInteger(lifter) && lifter >= 1 && lifter < frameSize / 2)) throw new RangeError(`The lifter must be a whole number of samples from 1 to below half the frame (${frameSize / 2}), not ${lifter}.`);
  const fft = new FFT(frameSize);
  const spectrum = fft.createComplexArray() as number[];
  const cepstrum = fft.createComplexArray() as number[];
  const back = fft.createComplexArray() as number[];
  const out = new Float32Array(logMagnitude.length);
  for (let t = 0; t < logMagnitude.length / bins; t++) {
    for (let k = 0; k < frameSize; k++) {
      spectrum[2 * k] = logMagnitude[t * bins + (k < bins ? k : frameSize - k)];
      spectrum[2 * k + 1] = 0;
    }
    fft.inverseTransform(cepstrum, spectrum);
    for (let q = lifter + 1; q < frameSize - lifter; q++) {
      cepstrum[2 * q] = 0;
      cepstrum[2 * q + 1] = 0;
    }
    fft.transform(back, cepstrum);
    for (let k = 0; k < bins; k++) out[t * bins + k] = back[2 * k];
  }
  return out;
}

/**
 * The source's pitch contour (Hz per frame, tracked from its sound) mapped from `from`'s range
 * into `to`'s; a frame without a pitch of its own takes its nearest voiced neighbour's (the
 * centre of `to`'s range when none is voiced).
 */
export function mappedPitchContour(sourceSamples: Float32Array, from: LogPitchStats, to: LogPitchStats, hop: number, sampleRate = SAMPLE_RATE): Float32Array {
  const { f0 } = trackPitch(sourceSamples, { hop, sampleRate });
  const mapped = f0.map((f) => mapPitch(f, from, to));
  return fillUnvoiced(mapped, 2 ** to.mean);
}

function fillUnvoiced(f0: Float32Array, fallback: number): Float32Array {
  const out = f0.slice();
  const voiced = Array.from(out.keys()).filter((t) => out[t] > 0);
  if (voiced.length === 0) return out.fill(fallback);
  let j = 0;
  for (let t = 0; t < out.length; t++) {
    if (out[t] > 0) continue;
    while (j + 1 < voiced.length && Math.abs(voiced[j + 1] - t) <= Math.abs(voiced[j] - t)) j++;
    out[t] = out[voiced[j]];
  }
  return out;
}

export interface PitchContourOptions {
  /** The target voice's breathiness (0 = clean buzz, 1 = whisper), as in toyVoices.ts. */
  breathiness: number;
  /** Seed of the source's noise. */
  seed: number;
}

/**
 * Converted log-magnitudes (frame-major, frames of `stft`, from a sound of `length` samples)
 * given the melody `f0` (Hz per frame, every frame above 0): the converted envelope with the
 * harmonics of a glottal source that follows `f0`.
 */
export function withPitchContour(logMagnitude: Float32Array, f0: Float32Array, stft: Stft, length: number, options: PitchContourOptions): Float32Array {
  const frames = stft.frameCount(length);
  if (logMagnitude.length !== frames * stft.bins) throw new RangeError(`${logMagnitude.length} log-magnitudes do not fit ${length} samples (${frames} frames of ${stft.bins} bins).`);
  if (f0.length !== frames) throw new RangeError(`The pitch contour has ${f0.length} values for ${frames} frames.`);
  let highest = 0;
  for (const f of f0) {
    if (!(f > 0 && f < SAMPLE_RATE / 4)) throw new RangeError(`The pitch contour must stay between 0 and ${SAMPLE_RATE / 4} Hz, not ${f}.`);
    highest = Math.max(highest, f);
  }
  // Per-sample pitch, linear between frame centres.
  const perSample = new Float32Array(length);
  for (let s = 0; s < length; s++) {
    const x = s / stft.hop;
    const t = Math.min(frames - 1, Math.floor(x));
    const next = Math.min(frames - 1, t + 1);
    perSample[s] = f0[t] + (x - t) * (f0[next] - f0[t]);
  }
  const source = glottalSource(perSample, options.breathiness, new SeededRandom(options.seed));
  const excitation = logMagnitudes(stft.forward(source));
  const lifter = Math.max(1, Math.min(stft.frameSize / 2 - 1, Math.floor((LIFTER_SHARE * SAMPLE_RATE) / highest)));
  const envelope = cepstralEnvelope(logMagnitude, stft.frameSize, lifter);
  const excitationEnvelope = cepstralEnvelope(excitation, stft.frameSize, lifter);
  const out = new Float32Array(logMagnitude.length);
  for (let i = 0; i < out.length; i++) {
    const room = Math.min(1, Math.max(0, (envelope[i] - FLOOR_LN) / RIPPLE_ROOM));
    out[i] = envelope[i] + room * (excitation[i] - excitationEnvelope[i]);
  }
  return out;
}
