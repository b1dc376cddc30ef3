/**
 * The judges that score a voice conversion, trained on real (synthesised) utterances only:
 *
 * - the speaker judge: who is speaking? Two opinions, both needed to call an utterance a voice:
 *   its timbre (a softmax regression on the utterance's mean log-mel spectrum: where the
 *   formants sit on average, how breathy) and its pitch (a softmax regression on each steady
 *   frame's cepstral pitch, summed over the utterance as log-probabilities). Timbre alone is
 *   easily fooled: moving each bin's mean and spread to the target voice's (no network at all)
 *   passes it completely, but keeps the source's harmonics, which the pitch judge hears.
 * - the vowel judge: which vowel is held in this frame? A softmax regression on one frame's
 *   log-mel spectrum minus its own mean (loudness removed), trained on the steady frames of
 *   several voices together, so it knows each vowel in each of their vocal tracts.
 *
 * A conversion A → B succeeds when the speaker judge calls it B and the vowel judge still reads
 * A's vowels, frame by frame (conversion keeps the frames' timing, so A's labels apply).
 *
 * Plain TypeScript (no tensors): the judges are small and must give the same answer anywhere.
 */
import FFT from 'fft.js';
import { Stft, griffinLim, logMagnitudes, logMelEnergies, magnitudesFromLog, melFilterbank } from './stft';
import type { FramedUtterance } from './voiceFrames';
import { SAMPLE_RATE } from './voiceSynth';

export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty on the weights. */
  l2: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = { epochs: 300, learningRate: 0.5, l2: 1e-3 };

/** Multinomial logistic regression on standardised features, trained by full-batch gradient descent. */
export class SoftmaxRegression {
  private constructor(
    readonly classes: number,
    readonly dims: number,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    private readonly mean: Float64Array,
    private readonly std: Float64Array,
  ) {}

  static fit(features: readonly Float32Array[], labels: readonly number[], classes: number, options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS): SoftmaxRegression {
    const n = features.length;
    if (n === 0) throw new Error('A classifier needs at least one example.');
    if (labels.length !== n) throw new Error(`${n} examples but ${labels.length} labels.`);
    const dims = features[0].length;
    for (const f of features) if (f.length !== dims) throw new Error(`Examples have ${f.length} and ${dims} features.`);
    for (const l of labels) if (!(Number.isInteger(l) && l >= 0 && l < classes)) throw new Error(`A label must be a class from 0 to ${classes - 1}, not ${l}.`);
    const mean = new Float64Array(dims);
    const std = new Float64Array(dims);
    for (const f of features) for (let d = 0; d < dims; d++) mean[d] += f[d] / n;
    for (const f of features) for (let d = 0; d < dims; d++) std[d] += (f[d] - mean[d]) ** 2 / n;
    for (let d = 0; d < dims; d++) std[d] = Math.sqrt(std[d]) + 1e-6;
    const x = features.map((f) => Float64Array.from(f, (v, d) => (v - mean[d]) / std[d]));
    const w = new Float64Array(classes * dims);
    const b = new Float64Array(classes);
    const gw = new Float64Array(classes * dims);
    const gb = new Float64Array(classes);
    const p = new Float64Array(classes);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      gw.fill(0);
      gb.fill(0);
      for (let i = 0; i < n; i++) {
        softmaxInto(w, b, x[i], classes, dims, p);
        p[labels[i]] -= 1;
        for (let c = 0; c < classes; c++) {
          gb[c] += p[c] / n;
          for (let d = 0; d < dims; d++) gw[c * dims + d] += (p[c] * x[i][d]) / n;
        }
      }
      for (let j = 0; j < w.length; j++) w[j] -= options.learningRate * (gw[j] + options.l2 * w[j]);
      for (let c = 0; c < classes; c++) b[c] -= options.learningRate * gb[c];
    }
    return new SoftmaxRegression(classes, dims, w, b, mean, std);
  }

  probabilities(feature: Float32Array): Float64Array {
    if (feature.length !== this.dims) throw new RangeError(`This classifier reads ${this.dims} features, not ${feature.length}.`);
    const x = Float64Array.from(feature, (v, d) => (v - this.mean[d]) / this.std[d]);
    const p = new Float64Array(this.classes);
    softmaxInto(this.weights, this.bias, x, this.classes, this.dims, p);
    return p;
  }

  predict(feature: Float32Array): number {
    const p = this.probabilities(feature);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    return best;
  }
}

function softmaxInto(w: Float64Array, b: Float64Array, x: Float64Array, classes: number, dims: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) {
    let z = b[c];
    for (let d = 0; d < dims; d++) z += w[c * dims + d] * x[d];
    out[c] = z;
    max = Math.max(max, z);
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += out[c] = Math.exp(out[c] - max);
  for (let c = 0; c < classes; c++) out[c] /= sum;
}

/** Mel bands of the judges' features. */
export const JUDGE_MEL_BANDS = 24;

/** The pitch range the cepstral pitch searches, Hz. */
export const PITCH_SEARCH = { min: 60, max: 400 } as const;
/** The shortest frame whose cepstrum reaches a period of PITCH_SEARCH.min (32 ms at 16 kHz). */
export const MIN_JUDGE_FRAME = 512;

/**
 * A frame's pitch from its real cepstrum (Noll 1967): the inverse FFT of the log-magnitude
 * spectrum peaks at the quefrency of the harmonics' spacing, one period. Searched between
 * PITCH_SEARCH.min and .max (bounded by what the frame can hold).
 */
export class CepstralPitch {
  private readonly fft: FFT;
  private readonly spectrum: number[];
  private readonly cepstrum: number[];
  constructor(readonly frameSize: number, readonly sampleRate = SAMPLE_RATE) {
    this.fft = new FFT(frameSize);
    this.spectrum = this.fft.createComplexArray() as number[];
    this.cepstrum = this.fft.createComplexArray() as number[];
  }

  /** Pitch in Hz of one frame's log-magnitudes (frameSize/2 + 1 bins). */
  pitch(logMagnitude: Float32Array): number {
    const n = this.frameSize;
    const bins = n / 2 + 1;
    if (logMagnitude.length !== bins) throw new RangeError(`A frame of ${n} has ${bins} bins, not ${logMagnitude.length}.`);
    for (let k = 0; k < n; k++) {
      this.spectrum[2 * k] = logMagnitude[k < bins ? k : n - k];
      this.spectrum[2 * k + 1] = 0;
    }
    this.fft.inverseTransform(this.cepstrum, this.spectrum);
    const lo = Math.max(2, Math.floor(this.sampleRate / PITCH_SEARCH.max));
    const hi = Math.min(n / 2 - 1, Math.ceil(this.sampleRate / PITCH_SEARCH.min));
    let best = lo;
    for (let q = lo; q <= hi; q++) if (this.cepstrum[2 * q] > this.cepstrum[2 * best]) best = q;
    return this.sampleRate / best;
  }
}

/** Log-mel energies (frames × JUDGE_MEL_BANDS) of frame-major log-magnitudes, and the judges' features made from them. */
export class JudgeFeatures {
  private readonly filterbank: Float32Array;
  private readonly cepstral: CepstralPitch;
  constructor(readonly frameSize: number) {
    if (!(frameSize >= MIN_JUDGE_FRAME)) throw new RangeError(`The judges need frames of at least ${MIN_JUDGE_FRAME} samples (to hear a pitch as low as ${PITCH_SEARCH.min} Hz), not ${frameSize}.`);
    this.filterbank = melFilterbank(JUDGE_MEL_BANDS, frameSize, SAMPLE_RATE, 80, 6000);
    this.cepstral = new CepstralPitch(frameSize);
  }

  get bins(): number {
    return this.frameSize / 2 + 1;
  }

  logMel(logMagnitude: Float32Array): Float32Array {
    return logMelEnergies(magnitudesFromLog(logMagnitude), this.bins, this.filterbank);
  }

  /** The timbre judge's feature: the mean log-mel spectrum of the utterance's frames (its faded ends left out). */
  utterance(logMagnitude: Float32Array): Float32Array {
    const mel = this.logMel(logMagnitude);
    const frames = mel.length / JUDGE_MEL_BANDS;
    const skip = Math.min(2, Math.floor((frames - 1) / 2));
    const out = new Float32Array(JUDGE_MEL_BANDS);
    for (let t = skip; t < frames - skip; t++) for (let j = 0; j < JUDGE_MEL_BANDS; j++) out[j] += mel[t * JUDGE_MEL_BANDS + j] / (frames - 2 * skip);
    return out;
  }

  /** The pitch judge's feature, per frame: log₂ of its cepstral pitch in Hz. */
  pitches(logMagnitude: Float32Array): Float32Array[] {
    const bins = this.bins;
    const frames = logMagnitude.length / bins;
    return Array.from({ length: frames }, (_, t) => Float32Array.of(Math.log2(this.cepstral.pitch(logMagnitude.subarray(t * bins, (t + 1) * bins)))));
  }

  /** The vowel judge's features: each frame's log-mel spectrum minus its own mean. */
  frames(logMagnitude: Float32Array): Float32Array[] {
    const mel = this.logMel(logMagnitude);
    const frames = mel.length / JUDGE_MEL_BANDS;
    return Array.from({ length: frames }, (_, t) => {
      const f = mel.slice(t * JUDGE_MEL_BANDS, (t + 1) * JUDGE_MEL_BANDS);
      const m = f.reduce((s, v) => s + v, 0) / f.length;
      return f.map((v) => v - m);
    });
  }
}

export interface VoiceJudges {
  features: JudgeFeatures;
  /** Voice ids in the speaker judges' class order. */
  voices: string[];
  timbre: SoftmaxRegression;
  pitch: SoftmaxRegression;
  vowel: SoftmaxRegression;
}

/** Trains both judges on framed utterances of several voices (`byVoice[i]` spoken by `voices[i]`). */
export function trainVoiceJudges(voices: readonly string[], byVoice: readonly FramedUtterance[][], frameSize: number, options: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS): VoiceJudges {
  if (voices.length < 2 || byVoice.length !== voices.length) throw new Error(`The judges need utterances of at least two voices, one list per voice (${voices.length} voices, ${byVoice.length} lists).`);
  const features = new JudgeFeatures(frameSize);
  const timbreX: Float32Array[] = [];
  const timbreY: number[] = [];
  const pitchX: Float32Array[] = [];
  const pitchY: number[] = [];
  const vowelX: Float32Array[] = [];
  const vowelY: number[] = [];
  byVoice.forEach((us, v) => {
    for (const u of us) {
      timbreX.push(features.utterance(u.logMagnitude));
      timbreY.push(v);
      const pitches = features.pitches(u.logMagnitude);
      features.frames(u.logMagnitude).forEach((f, t) => {
        if (u.vowelOfFrame[t] >= 0) {
          vowelX.push(f);
          vowelY.push(u.vowelOfFrame[t]);
          pitchX.push(pitches[t]);
          pitchY.push(v);
        }
      });
    }
  });
  return {
    features,
    voices: [...voices],
    timbre: SoftmaxRegression.fit(timbreX, timbreY, voices.length, options),
    pitch: SoftmaxRegression.fit(pitchX, pitchY, voices.length, options),
    vowel: SoftmaxRegression.fit(vowelX, vowelY, 3, options),
  };
}

export interface JudgeVerdicts {
  /** Share of utterances both speaker judges (timbre and pitch) give to `voiceId`. */
  calledVoice: number;
  /** Share of utterances the timbre judge gives to `voiceId`. */
  calledByTimbre: number;
  /** Share of utterances the pitch judge gives to `voiceId`. */
  calledByPitch: number;
  /** Share of steady frames whose vowel the vowel judge reads as labelled. */
  vowelsRead: number;
  utterances: number;
  frames: number;
}

/**
 * Verdicts on log-magnitudes (one per utterance, each frame-major with the same frames as
 * `labelsFrom[i]`, whose vowel labels apply): does the speaker judge say `voiceId`, and are the
 * vowels read as labelled?
 */
export function judgeUtterances(judges: VoiceJudges, logMagnitudes: readonly Float32Array[], labelsFrom: readonly FramedUtterance[], voiceId: string): JudgeVerdicts {
  const target = judges.voices.indexOf(voiceId);
  if (target < 0) throw new Error(`The speaker judges know ${judges.voices.join(', ')}, not "${voiceId}".`);
  if (logMagnitudes.length !== labelsFrom.length) throw new Error(`${logMagnitudes.length} utterances to judge but ${labelsFrom.length} with labels.`);
  let called = 0;
  let byTimbre = 0;
  let byPitch = 0;
  let read = 0;
  let frames = 0;
  logMagnitudes.forEach((lm, i) => {
    const labels = labelsFrom[i].vowelOfFrame;
    const pitches = judges.features.pitches(lm);
    const evidence = new Float64Array(judges.voices.length);
    const before = frames;
    judges.features.frames(lm).forEach((f, t) => {
      if (labels[t] < 0) return;
      frames++;
      if (judges.vowel.predict(f) === labels[t]) read++;
      const p = judges.pitch.probabilities(pitches[t]);
      for (let v = 0; v < p.length; v++) evidence[v] += Math.log(p[v] + 1e-12);
    });
    const timbreSays = judges.timbre.predict(judges.features.utterance(lm)) === target;
    const pitchSays = frames > before && evidence.indexOf(Math.max(...evidence)) === target;
    if (timbreSays) byTimbre++;
    if (pitchSays) byPitch++;
    if (timbreSays && pitchSays) called++;
  });
  const share = (x: number) => x / Math.max(1, logMagnitudes.length);
  return { calledVoice: share(called), calledByTimbre: share(byTimbre), calledByPitch: share(byPitch), vowelsRead: read / Math.max(1, frames), utterances: logMagnitudes.length, frames };
}

/**
 * Back to sound and to a spectrogram again: the log-magnitudes' magnitudes given a phase by
 * Griffin–Lim (`iterations`, from a fixed random start), then analysed afresh. What a listener
 * would hear, as the judges see it.
 */
export function resynthesised(logMagnitude: Float32Array, length: number, stft: Stft, iterations: number, seed = 1): { signal: Float32Array; logMagnitude: Float32Array } {
  const { signal } = griffinLim(stft, magnitudesFromLog(logMagnitude), length, { iterations, start: 'random', seed, momentum: 0.99 });
  return { signal, logMagnitude: logMagnitudes(stft.forward(signal)) };
}
