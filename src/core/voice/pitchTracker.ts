/**
 * A pitch tracker for sound (plain Float32Array, no tensors), and what the voice lab measures
 * with it: how closely a conversion's melody follows the source's.
 *
 * The tracker is YIN (de Cheveigné & Kawahara 2002), a refined autocorrelation: per frame, the
 * difference function d(τ) = Σ (x[j] − x[j+τ])², normalised by its own running mean
 * (d'(τ) = d(τ)·τ / Σ_{k≤τ} d(k)); the period is the shortest lag whose dip in d' is under a
 * threshold or nearly as deep as the deepest (so a double period never wins), refined by a
 * parabola through the dip. A frame is voiced when that dip is deep enough (little aperiodic
 * energy) and the frame is not near silence. Frames are centred at t·hop like the STFT's
 * (stft.ts), so a track lines up with a spectrogram's frames.
 *
 * The contour comparison maps the source's log-pitch into the target speaker's range (each
 * speaker's mean and spread of log₂ pitch over voiced frames: the usual log-Gaussian pitch
 * mapping of voice conversion) and takes Pearson's correlation, in semitones, over the frames
 * voiced in both.
 */
import { SAMPLE_RATE } from './voiceSynth';

export interface PitchTrackerOptions {
  sampleRate: number;
  /** Samples between frame centres (frame t is centred on sample t·hop). */
  hop: number;
  /** The pitch range searched, Hz. */
  minHz: number;
  maxHz: number;
  /** YIN's absolute threshold on d': the shortest dip under it is the period. */
  threshold: number;
  /** A frame is voiced when its dip in d' is at most this (more aperiodic energy: unvoiced). */
  voicing: number;
  /** Frames whose energy is this many dB or more under the loudest frame's are unvoiced. */
  silenceDb: number;
  /**
   * Move each voiced frame by whole octaves to within half an octave of the track's median pitch
   * (octave errors: a frame whose period dip is shallow can lock onto twice or half the period).
   * Right for speech whose melody spans less than an octave, as every toy voice's does.
   */
  octaveSnap: boolean;
}

/** A dip this close to the deepest one (in d') counts as the period when its lag is shorter. */
const OCTAVE_MARGIN = 0.1;

export const DEFAULT_PITCH_TRACKER_OPTIONS: PitchTrackerOptions = {
  sampleRate: SAMPLE_RATE,
  hop: 128,
  minHz: 60,
  maxHz: 400,
  threshold: 0.15,
  voicing: 0.35,
  silenceDb: 30,
  octaveSnap: true,
};

export interface PitchTrack {
  /** Pitch per frame in Hz; 0 where the frame is unvoiced. */
  f0: Float32Array;
  /** The frame's dip in d' (0 = perfectly periodic, about 1 = noise). */
  aperiodicity: Float32Array;
  hop: number;
  sampleRate: number;
}

export function pitchTrackerProblems(o: PitchTrackerOptions): string[] {
  const p: string[] = [];
  if (!(Number.isInteger(o.sampleRate) && o.sampleRate >= 1000)) p.push(`the sample rate must be a whole number of at least 1000 Hz, not ${o.sampleRate}`);
  if (!(Number.isInteger(o.hop) && o.hop >= 1)) p.push(`the hop must be a whole number of samples of at least 1, not ${o.hop}`);
  if (!(o.minHz > 0)) p.push(`the lowest pitch searched must be above 0 Hz, not ${o.minHz}`);
  if (!(o.maxHz > o.minHz && o.maxHz <= o.sampleRate / 4)) p.push(`the highest pitch searched must be above the lowest (${o.minHz} Hz) and at most a quarter of the sample rate (${o.sampleRate / 4} Hz), not ${o.maxHz}`);
  if (!(o.threshold > 0 && o.threshold < 1)) p.push(`the threshold must be between 0 and 1, not ${o.threshold}`);
  if (!(o.voicing >= o.threshold && o.voicing <= 1)) p.push(`the voicing limit must be from the threshold (${o.threshold}) to 1, not ${o.voicing}`);
  if (!(o.silenceDb > 0)) p.push(`the silence margin must be above 0 dB, not ${o.silenceDb}`);
  return p;
}

/** The pitch of every frame of `samples` (frames centred at 0, hop, 2·hop, … up to the last sample). */
export function trackPitch(samples: Float32Array, options: Partial<PitchTrackerOptions> = {}): PitchTrack {
  const o = { ...DEFAULT_PITCH_TRACKER_OPTIONS, ...options };
  const problems = pitchTrackerProblems(o);
  if (problems.length > 0) throw new RangeError(`The pitch tracker cannot run: ${problems.join('; ')}.`);
  if (!(samples instanceof Float32Array) || samples.length === 0) throw new RangeError('The pitch tracker needs a Float32Array of at least one sample.');
  for (let i = 0; i < samples.length; i++) if (!Number.isFinite(samples[i])) throw new RangeError(`Sample ${i} is ${samples[i]}; the pitch tracker needs finite samples.`);
  const minLag = Math.max(2, Math.floor(o.sampleRate / o.maxHz));
  const maxLag = Math.ceil(o.sampleRate / o.minHz);
  // The integration window holds one period of the lowest pitch searched.
  const window = maxLag;
  const span = window + maxLag + 1;
  const frames = Math.floor((samples.length - 1) / o.hop) + 1;
  const f0 = new Float32Array(frames);
  const aperiodicity = new Float32Array(frames).fill(1);
  const energy = new Float64Array(frames);
  const x = new Float64Array(span);
  const d = new Float64Array(maxLag + 2);
  const dn = new Float64Array(maxLag + 2);
  const lags = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const start = t * o.hop - Math.floor(span / 2);
    for (let i = 0; i < span; i++) {
      const s = start + i;
      x[i] = s >= 0 && s < samples.length ? samples[s] : 0;
    }
    let e = 0;
    for (let j = 0; j < window; j++) e += x[j + (maxLag >> 1)] ** 2;
    energy[t] = e / window;
    // Difference function and its cumulative-mean normalisation.
    d[0] = 0;
    dn[0] = 1;
    let running = 0;
    for (let tau = 1; tau <= maxLag + 1; tau++) {
      let sum = 0;
      for (let j = 0; j < window; j++) {
        const diff = x[j] - x[j + tau];
        sum += diff * diff;
      }
      d[tau] = sum;
      running += sum;
      dn[tau] = running > 0 ? (sum * tau) / running : 1;
    }
    // The deepest dip, then the shortest lag whose dip is nearly as deep (within OCTAVE_MARGIN)
    // or under the threshold: a period's multiples dip too, and must not win.
    let deepest = minLag;
    for (let tau = minLag + 1; tau <= maxLag; tau++) if (dn[tau] < dn[deepest]) deepest = tau;
    const accept = Math.max(o.threshold, dn[deepest] + OCTAVE_MARGIN);
    let best = deepest;
    for (let tau = minLag; tau < deepest; tau++) {
      if (dn[tau] < accept && dn[tau] <= dn[tau - 1] && dn[tau] <= dn[tau + 1]) {
        best = tau;
        break;
      }
    }
    aperiodicity[t] = dn[best];
    // A parabola through the dip and its neighbours.
    const [y0, y1, y2] = [dn[best - 1], dn[best], dn[best + 1]];
    const curve = y0 - 2 * y1 + y2;
    const shift = curve > 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (y0 - y2)) / curve)) : 0;
    lags[t] = best + shift;
  }
  let loudest = 0;
  for (const e of energy) loudest = Math.max(loudest, e);
  const quietest = loudest * 10 ** (-o.silenceDb / 10);
  for (let t = 0; t < frames; t++) {
    if (loudest > 0 && energy[t] > quietest && aperiodicity[t] <= o.voicing) f0[t] = o.sampleRate / lags[t];
  }
  if (o.octaveSnap) snapOctaves(f0);
  return { f0, aperiodicity, hop: o.hop, sampleRate: o.sampleRate };
}

/** Moves each voiced frame (Hz, 0 = unvoiced) by whole octaves to within half an octave of the voiced frames' median. */
function snapOctaves(f0: Float32Array): void {
  const voiced = Array.from(f0.filter((f) => f > 0)).sort((a, b) => a - b);
  if (voiced.length === 0) return;
  const median = voiced[voiced.length >> 1];
  for (let t = 0; t < f0.length; t++) if (f0[t] > 0) f0[t] *= 2 ** Math.round(Math.log2(median / f0[t]));
}

/** A speaker's pitch range as the mean and spread of log₂ pitch (Hz) over voiced frames. */
export interface LogPitchStats {
  mean: number;
  std: number;
  frames: number;
}

/** Mean and spread of log₂ pitch over the voiced frames of some tracks (one speaker's utterances). */
export function logPitchStats(tracks: readonly Pick<PitchTrack, 'f0'>[]): LogPitchStats {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (const track of tracks) {
    for (const f of track.f0) {
      if (!(f > 0)) continue;
      const l = Math.log2(f);
      n++;
      sum += l;
      sq += l * l;
    }
  }
  if (n < 2) throw new Error(`A speaker's pitch range needs at least 2 voiced frames, not ${n}.`);
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)), frames: n };
}

/**
 * A pitch (Hz) of one speaker moved into another's range: its log₂ pitch standardised by `from`
 * and given `to`'s mean and spread. 0 (unvoiced) stays 0.
 */
export function mapPitch(hz: number, from: LogPitchStats, to: LogPitchStats): number {
  if (!(hz > 0)) return 0;
  if (!(from.std > 0)) throw new RangeError(`The source speaker's pitch spread must be above 0, not ${from.std}.`);
  return 2 ** (((Math.log2(hz) - from.mean) / from.std) * to.std + to.mean);
}

/** Pearson's correlation of two equally long series; NaN when either is constant or shorter than 2. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`Pearson's correlation needs series of equal length, not ${a.length} and ${b.length}.`);
  const n = a.length;
  if (n < 2) return NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

export interface ContourAgreement {
  /** Pearson's correlation of the mapped source's and the output's pitch, in semitones, over frames voiced in both. */
  correlation: number;
  /** Root-mean-square distance between them, in semitones (0 = the output sings the mapped melody exactly). */
  rmsSemitones: number;
  /** Frames voiced in both. */
  frames: number;
}

/**
 * How closely `output`'s pitch contour follows `source`'s once the source is mapped from the
 * `from` speaker's range to the `to` speaker's, frame by frame (the tracks must line up: same
 * hop, same length).
 */
export function contourAgreement(source: Pick<PitchTrack, 'f0'>, output: Pick<PitchTrack, 'f0'>, from: LogPitchStats, to: LogPitchStats): ContourAgreement {
  if (source.f0.length !== output.f0.length) throw new RangeError(`The two pitch tracks have ${source.f0.length} and ${output.f0.length} frames; they must line up frame by frame.`);
  const a: number[] = [];
  const b: number[] = [];
  for (let t = 0; t < source.f0.length; t++) {
    if (source.f0[t] > 0 && output.f0[t] > 0) {
      a.push(12 * Math.log2(mapPitch(source.f0[t], from, to)));
      b.push(12 * Math.log2(output.f0[t]));
    }
  }
  let sq = 0;
  for (let i = 0; i < a.length; i++) sq += (a[i] - b[i]) ** 2;
  return { correlation: pearson(a, b), rmsSemitones: a.length > 0 ? Math.sqrt(sq / a.length) : NaN, frames: a.length };
}
