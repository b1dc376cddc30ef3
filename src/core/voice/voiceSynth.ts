/**
 * A source-filter voice synthesiser (the classic model of speech: Fant 1960, Klatt 1980),
 * plain functions on Float32Array at 16 kHz.
 *
 *   source  a glottal pulse train (Rosenberg's pulse, differentiated for the lips' radiation)
 *           following a pitch contour, mixed with noise by the voice's breathiness
 *   filter  three formant resonators in cascade (second-order IIR, F1–F3 with bandwidths),
 *           their frequencies gliding smoothly from one vowel to the next
 *
 * Utterances are short vowel sequences ("a-i-u") with a pitch contour, drawn from a seed, so a
 * voice has as many utterances as anyone wants, all of them reproducible.
 */
import { SeededRandom } from '../shared/seededRandom';
import { VOWELS, voiceFormants, type ToyVoice, type Vowel } from './toyVoices';

export const SAMPLE_RATE = 16_000;

/** Rosenberg pulse: the glottis opens over this share of a period… */
export const OPENING_SHARE = 0.4;
/** …then closes over this share, and stays shut for the rest. */
export const CLOSING_SHARE = 0.16;

/** Coefficients of y[n] = a·x[n] + b·y[n−1] + c·y[n−2] (Klatt's resonator, gain 1 at 0 Hz). */
export interface ResonatorCoefficients {
  a: number;
  b: number;
  c: number;
}

/** A resonator at `frequency` Hz with `bandwidth` Hz: poles at radius e^(−πB/fs), angle 2πF/fs. */
export function resonatorCoefficients(frequency: number, bandwidth: number, sampleRate = SAMPLE_RATE): ResonatorCoefficients {
  if (!(frequency > 0 && frequency < sampleRate / 2)) throw new RangeError(`A resonator's frequency must be between 0 and ${sampleRate / 2} Hz, not ${frequency}.`);
  if (!(bandwidth > 0)) throw new RangeError(`A resonator's bandwidth must be above 0 Hz, not ${bandwidth}.`);
  return uncheckedCoefficients(frequency, bandwidth, sampleRate);
}

function uncheckedCoefficients(frequency: number, bandwidth: number, sampleRate: number): ResonatorCoefficients {
  const r = Math.exp((-Math.PI * bandwidth) / sampleRate);
  const c = -r * r;
  const b = 2 * r * Math.cos((2 * Math.PI * frequency) / sampleRate);
  return { a: 1 - b - c, b, c };
}

/**
 * Filters `input` through one resonator whose frequency and bandwidth may change every sample
 * (arrays as long as the input) or stay put (numbers).
 */
export function resonate(input: Float32Array, frequency: Float32Array | number, bandwidth: Float32Array | number, sampleRate = SAMPLE_RATE): Float32Array {
  for (const [name, v] of [['frequency', frequency], ['bandwidth', bandwidth]] as const) {
    if (typeof v !== 'number' && v.length !== input.length) throw new RangeError(`A resonator's ${name} track has ${v.length} values for ${input.length} samples.`);
  }
  const out = new Float32Array(input.length);
  let y1 = 0;
  let y2 = 0;
  // Check the tracks once, then work out the coefficients in the loop.
  if (typeof frequency === 'number' && !(frequency > 0)) throw new RangeError(`A resonator's frequency must be between 0 and ${sampleRate / 2} Hz, not ${frequency}.`);
  if (typeof bandwidth === 'number' && !(bandwidth > 0)) throw new RangeError(`A resonator's bandwidth must be above 0 Hz, not ${bandwidth}.`);
  for (const track of [frequency, bandwidth]) if (typeof track !== 'number') for (const v of track) if (!(v > 0)) throw new RangeError(`A resonator track holds ${v}; frequencies and bandwidths must be above 0 Hz.`);
  const maxF = typeof frequency === 'number' ? frequency : frequency.reduce((m, v) => Math.max(m, v), 0);
  if (maxF >= sampleRate / 2) throw new RangeError(`A resonator's frequency must be between 0 and ${sampleRate / 2} Hz, not ${maxF}.`);
  let coefficients = { a: 0, b: 0, c: 0 };
  // Recomputed only where a track moves: a fixed resonator once, held vowels once per vowel.
  let lastF = NaN;
  let lastB = NaN;
  for (let n = 0; n < input.length; n++) {
    const f = typeof frequency === 'number' ? frequency : frequency[n];
    const bw = typeof bandwidth === 'number' ? bandwidth : bandwidth[n];
    if (f !== lastF || bw !== lastB) {
      coefficients = uncheckedCoefficients(f, bw, sampleRate);
      lastF = f;
      lastB = bw;
    }
    const { a, b, c } = coefficients;
    const y = a * input[n] + b * y1 + c * y2;
    out[n] = y;
    y2 = y1;
    y1 = y;
  }
  return out;
}

/** Rosenberg's glottal flow at phase p ∈ [0, 1) of a period: a raised-cosine opening, a quarter-cosine closing, then shut. */
export function rosenbergPulse(p: number): number {
  if (p < OPENING_SHARE) return 0.5 * (1 - Math.cos((Math.PI * p) / OPENING_SHARE));
  if (p < OPENING_SHARE + CLOSING_SHARE) return Math.cos((Math.PI * (p - OPENING_SHARE)) / (2 * CLOSING_SHARE));
  return 0;
}

/**
 * The glottal source: one Rosenberg pulse per period of the pitch track `f0` (Hz per sample),
 * differentiated (the lips radiate the flow's derivative), scaled to unit RMS, and mixed with
 * white noise of unit RMS: (1 − breathiness)·pulses + breathiness·noise.
 */
export function glottalSource(f0: Float32Array, breathiness: number, rng: SeededRandom, sampleRate = SAMPLE_RATE): Float32Array {
  if (!(breathiness >= 0 && breathiness <= 1)) throw new RangeError(`Breathiness must be between 0 and 1, not ${breathiness}.`);
  const n = f0.length;
  const pulses = new Float32Array(n);
  let phase = 0;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const f = f0[i];
    if (!(f > 0 && f < sampleRate / 4)) throw new RangeError(`The pitch track must stay between 0 and ${sampleRate / 4} Hz; sample ${i} asks for ${f}.`);
    const flow = rosenbergPulse(phase);
    pulses[i] = flow - previous;
    previous = flow;
    phase += f / sampleRate;
    if (phase >= 1) phase -= 1;
  }
  scaleToRms(pulses, 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (1 - breathiness) * pulses[i] + breathiness * rng.normal();
  return out;
}

function scaleToRms(x: Float32Array, target: number): void {
  let sum = 0;
  for (const v of x) sum += v * v;
  const rms = Math.sqrt(sum / Math.max(1, x.length));
  if (rms > 0) for (let i = 0; i < x.length; i++) x[i] *= target / rms;
}

/** What to say: a vowel sequence with each vowel's length, a pitch contour, and the noise's seed. */
export interface UtterancePlan {
  vowels: Vowel[];
  /** Seconds per vowel, one per vowel. */
  durations: number[];
  /**
   * The pitch contour, in semitones from the voice's f0, at evenly spaced times from the first
   * sample to the last (at least 2 knots), joined smoothly.
   */
  pitchKnots: number[];
  noiseSeed: number;
}

/** Where one vowel sits in an utterance, in samples; `steady…` excludes the glides to its neighbours. */
export interface VowelSegment {
  vowel: Vowel;
  start: number;
  end: number;
  steadyStart: number;
  steadyEnd: number;
}

export interface Utterance {
  voiceId: string;
  plan: UtterancePlan;
  samples: Float32Array;
  /** The asked pitch, Hz per sample. */
  f0: Float32Array;
  segments: VowelSegment[];
  sampleRate: number;
}

/** Share of the shorter of two neighbouring vowels spent gliding from one to the other. */
export const GLIDE_SHARE = 0.4;
/** Fade in and out at the utterance's ends, seconds. */
const EDGE_FADE_SECONDS = 0.02;
/** Output RMS before the peak guard. */
const OUTPUT_RMS = 0.1;
/** No sample's magnitude exceeds this. */
export const OUTPUT_PEAK = 0.95;

/** Smoothstep between 0 and 1 (zero slope at both ends). */
const ease = (t: number) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, t)));

export function checkPlan(plan: UtterancePlan): void {
  if (plan.vowels.length === 0) throw new Error('An utterance needs at least one vowel.');
  if (plan.durations.length !== plan.vowels.length) throw new Error(`An utterance has ${plan.vowels.length} vowels but ${plan.durations.length} durations.`);
  for (const v of plan.vowels) if (!VOWELS.includes(v)) throw new Error(`Unknown vowel "${v}": choose one of ${VOWELS.join(', ')}.`);
  for (const d of plan.durations) if (!(d >= 0.05 && d <= 2)) throw new Error(`A vowel lasts between 0.05 and 2 seconds, not ${d}.`);
  if (plan.pitchKnots.length < 2) throw new Error('A pitch contour needs at least 2 knots.');
  for (const k of plan.pitchKnots) if (!(Math.abs(k) <= 24)) throw new Error(`A pitch knot must be within 24 semitones of the voice's pitch, not ${k}.`);
}

/** Speaks `plan` in `voice`. */
export function synthesise(voice: ToyVoice, plan: UtterancePlan, sampleRate = SAMPLE_RATE): Utterance {
  checkPlan(plan);
  const bounds = [0];
  for (const d of plan.durations) bounds.push(bounds[bounds.length - 1] + Math.round(d * sampleRate));
  const n = bounds[bounds.length - 1];
  const count = plan.vowels.length;
  // Half of each glide (samples) on either side of each inner boundary.
  const halfGlide = plan.vowels.slice(1).map((_, i) => Math.round((GLIDE_SHARE * Math.min(plan.durations[i], plan.durations[i + 1]) * sampleRate) / 2));
  const segments: VowelSegment[] = plan.vowels.map((vowel, i) => ({
    vowel,
    start: bounds[i],
    end: bounds[i + 1],
    steadyStart: bounds[i] + (i > 0 ? halfGlide[i - 1] : 0),
    steadyEnd: bounds[i + 1] - (i < count - 1 ? halfGlide[i] : 0),
  }));

  // Formant tracks: log-frequency glides between neighbouring vowels' targets.
  const targets = plan.vowels.map((v) => voiceFormants(voice, v));
  const logF = targets.map((t) => t.frequencies.map(Math.log));
  const bw = targets.map((t) => t.bandwidths);
  const steadyF = logF.map((fs) => fs.map(Math.exp));
  const freq = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const band = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < count; i++) {
    const { start, end, steadyStart, steadyEnd } = segments[i];
    for (let s = start; s < end; s++) {
      // Weight of the neighbouring vowel (the next one after the steady part, the previous one before it): 0.5 at a boundary.
      let other = i;
      let w = 0;
      if (i < count - 1 && s >= steadyEnd) {
        other = i + 1;
        w = 0.5 * ease((s - steadyEnd) / Math.max(1, halfGlide[i]));
      } else if (i > 0 && s < steadyStart) {
        other = i - 1;
        w = 0.5 * (1 - ease((s - start) / Math.max(1, halfGlide[i - 1])));
      }
      for (let k = 0; k < 3; k++) {
        freq[k][s] = w === 0 ? steadyF[i][k] : Math.exp((1 - w) * logF[i][k] + w * logF[other][k]);
        band[k][s] = (1 - w) * bw[i][k] + w * bw[other][k];
      }
    }
  }

  // Pitch: smooth (cosine) interpolation between evenly spaced knots, in semitones.
  const f0 = new Float32Array(n);
  const knots = plan.pitchKnots;
  for (let s = 0; s < n; s++) {
    const x = (s / Math.max(1, n - 1)) * (knots.length - 1);
    const j = Math.min(knots.length - 2, Math.floor(x));
    const t = ease(x - j);
    f0[s] = voice.f0 * 2 ** (((1 - t) * knots[j] + t * knots[j + 1]) / 12);
  }

  const rng = new SeededRandom(plan.noiseSeed);
  let signal = glottalSource(f0, voice.breathiness, rng, sampleRate);
  for (let k = 0; k < 3; k++) signal = resonate(signal, freq[k], band[k], sampleRate);

  const fade = Math.round(EDGE_FADE_SECONDS * sampleRate);
  for (let s = 0; s < Math.min(fade, n); s++) {
    const g = ease(s / fade);
    signal[s] *= g;
    signal[n - 1 - s] *= g;
  }
  scaleToRms(signal, OUTPUT_RMS);
  let peak = 0;
  for (const v of signal) peak = Math.max(peak, Math.abs(v));
  if (peak > OUTPUT_PEAK) for (let s = 0; s < n; s++) signal[s] *= OUTPUT_PEAK / peak;
  return { voiceId: voice.id, plan, samples: signal, f0, segments, sampleRate };
}

export interface UtteranceShape {
  minVowels: number;
  maxVowels: number;
}

export const DEFAULT_UTTERANCE_SHAPE: UtteranceShape = { minVowels: 2, maxVowels: 4 };

/**
 * A random utterance plan for `voice`: 2–4 vowels (never the same one twice in a row), each
 * about the voice's vowel length (±15%), and a falling pitch contour (declination, as in a
 * statement) within the voice's range with an accent on each vowel.
 */
export function randomUtterancePlan(voice: ToyVoice, rng: SeededRandom, shape: UtteranceShape = DEFAULT_UTTERANCE_SHAPE): UtterancePlan {
  if (!(Number.isInteger(shape.minVowels) && shape.minVowels >= 1 && shape.maxVowels >= shape.minVowels)) {
    throw new Error(`An utterance shape needs 1 ≤ minVowels ≤ maxVowels, not ${shape.minVowels}…${shape.maxVowels}.`);
  }
  const count = shape.minVowels + rng.int(shape.maxVowels - shape.minVowels + 1);
  const vowels: Vowel[] = [];
  for (let i = 0; i < count; i++) {
    const options = VOWELS.filter((v) => v !== vowels[i - 1]);
    vowels.push(options[rng.int(options.length)]);
  }
  const durations = vowels.map(() => voice.vowelSeconds * rng.uniform(0.85, 1.15));
  const range = voice.pitchRange;
  const top = range * rng.uniform(0.2, 1);
  const bottom = -range * rng.uniform(0.2, 1);
  const pitchKnots: number[] = [];
  const knotCount = count + 1;
  for (let k = 0; k < knotCount; k++) {
    const declination = top + ((bottom - top) * k) / (knotCount - 1);
    const accent = k > 0 && k < knotCount - 1 ? rng.uniform(-0.3, 0.3) * range : 0;
    pitchKnots.push(Math.max(-range, Math.min(range, declination + accent)));
  }
  return { vowels, durations, pitchKnots, noiseSeed: rng.int(2 ** 31) };
}

/** A random utterance of `voice` from `rng`. */
export function randomUtterance(voice: ToyVoice, rng: SeededRandom, shape: UtteranceShape = DEFAULT_UTTERANCE_SHAPE): Utterance {
  return synthesise(voice, randomUtterancePlan(voice, rng, shape));
}

/** One vowel held at a constant pitch (`f0` Hz; the voice's own by default). */
export function steadyVowel(voice: ToyVoice, vowel: Vowel, seconds: number, f0 = voice.f0, noiseSeed = 1): Utterance {
  const semitones = 12 * Math.log2(f0 / voice.f0);
  return synthesise(voice, { vowels: [vowel], durations: [seconds], pitchKnots: [semitones, semitones], noiseSeed });
}
