/**
 * Utterances as the models see them: log-magnitude STFT frames, each labelled with the vowel
 * being held (or none during a glide), plus batches of frames with their context for training.
 */
import { SeededRandom } from '../shared/seededRandom';
import { Stft, logMagnitudes } from './stft';
import { VOWELS, voiceOrThrow } from './toyVoices';
import { randomUtterance, type Utterance } from './voiceSynth';

export interface FramedUtterance {
  utterance: Utterance;
  /** ln(|X| + floor), frames × bins, frame-major. */
  logMagnitude: Float32Array;
  frames: number;
  bins: number;
  /** Per frame: the index in VOWELS of the vowel held there, or −1 during a glide or a fade. */
  vowelOfFrame: Int8Array;
}

/** Frames whose centre sits in a vowel's steady part are labelled with that vowel. */
export function frameUtterance(utterance: Utterance, stft: Stft): FramedUtterance {
  const spec = stft.forward(utterance.samples);
  const vowelOfFrame = new Int8Array(spec.frames).fill(-1);
  for (let t = 0; t < spec.frames; t++) {
    const centre = t * stft.hop;
    for (const s of utterance.segments) {
      // Centres a quarter frame inside the steady part, and a whole half frame inside the utterance.
      if (centre >= s.steadyStart + stft.frameSize / 4 && centre < s.steadyEnd - stft.frameSize / 4 && centre >= stft.frameSize / 2 && centre < utterance.samples.length - stft.frameSize / 2) {
        vowelOfFrame[t] = VOWELS.indexOf(s.vowel);
      }
    }
  }
  return { utterance, logMagnitude: logMagnitudes(spec), frames: spec.frames, bins: spec.bins, vowelOfFrame };
}

/** `count` random utterances of a voice, framed; the same seed gives the same utterances. */
export function framedUtterances(voiceId: string, count: number, seed: number, stft: Stft): FramedUtterance[] {
  return [...framedUtteranceStream(voiceId, count, seed, stft)];
}

/** The same utterances one at a time, so a caller can pause between them. */
export function* framedUtteranceStream(voiceId: string, count: number, seed: number, stft: Stft): Generator<FramedUtterance> {
  const voice = voiceOrThrow(voiceId);
  const rng = new SeededRandom(seed);
  for (let i = 0; i < count; i++) yield frameUtterance(randomUtterance(voice, rng), stft);
}

/**
 * The encoder's input for frame t: `context` frames centred on t, side by side (a frame beyond
 * the utterance's ends repeats the end frame), written into `out` at `offset`.
 */
export function writeContext(u: Pick<FramedUtterance, 'logMagnitude' | 'frames' | 'bins'>, t: number, context: number, out: Float32Array, offset: number): void {
  const half = (context - 1) / 2;
  for (let c = 0; c < context; c++) {
    const f = Math.min(u.frames - 1, Math.max(0, t - half + c));
    out.set(u.logMagnitude.subarray(f * u.bins, (f + 1) * u.bins), offset + c * u.bins);
  }
}

/** Per-bin mean and standard deviation of log-magnitudes over a set of utterances. */
export interface BinStats {
  mean: Float32Array;
  std: Float32Array;
}

export function binStats(utterances: readonly FramedUtterance[]): BinStats {
  if (utterances.length === 0) throw new Error('Bin statistics need at least one utterance.');
  const bins = utterances[0].bins;
  const sum = new Float64Array(bins);
  const sq = new Float64Array(bins);
  let n = 0;
  for (const u of utterances) {
    if (u.bins !== bins) throw new Error(`Utterances with ${u.bins} and ${bins} bins cannot be pooled.`);
    for (let t = 0; t < u.frames; t++) {
      for (let k = 0; k < bins; k++) {
        const v = u.logMagnitude[t * bins + k];
        sum[k] += v;
        sq[k] += v * v;
      }
      n++;
    }
  }
  const mean = new Float32Array(bins);
  const std = new Float32Array(bins);
  for (let k = 0; k < bins; k++) {
    mean[k] = sum[k] / n;
    std[k] = Math.sqrt(Math.max(1e-6, sq[k] / n - mean[k] ** 2));
  }
  return { mean, std };
}
