/**
 * "Catch the clone": a small detector of cloned speech (a voice conversion made sound by
 * Griffin–Lim) against real speech, on simple statistics of the spectrogram, with the
 * frequency bands it relies on ("where it looks").
 *
 * Features, per linear frequency band (`bands` equal bands from 0 Hz to the Nyquist frequency),
 * over the utterance's frames (faded ends left out): the band's mean log-magnitude, its spread
 * over time, its mean change from frame to frame, and the mean spread of the bins within it
 * (the fine structure: sharp harmonics give a large spread, a smeared spectrum a small one).
 * The model is logistic regression (`hiddenSize: 0`) or one small hidden layer, trained by Adam
 * on the sigmoid cross-entropy; its score is P(clone).
 *
 * What does a detector learn? Every clone here went through two machines: the conversion
 * network (which rebuilds each frame's spectrum) and the Griffin–Lim vocoder (which invents a
 * phase). Trained on clones against real speech straight from the synthesiser, a detector may
 * learn the vocoder's tell rather than the conversion's, and then call real speech that was
 * merely resynthesised a clone (and miss a clone made with a better vocoder). The fair
 * comparison puts real speech through the same STFT → Griffin–Lim round trip too
 * (`realKinds: ['raw', 'resynthesised']`), so only the conversion tells the classes apart; the
 * bench (tests/bench/voiceLock.ts) reports each detector against both kinds of real speech.
 * Measured there: with Griffin–Lim's 32 iterations the vocoder leaves little trace, and both
 * detectors catch every held-out clone and call no real clip a clone; about half their saliency
 * is on the fine structure, because the conversion network blurs the harmonics. Real speech
 * through a rough vocoder (4 iterations) shows the shortcut: its harmonics are smeared too, and
 * both detectors call about half of it a clone. (ASVspoof's logical-access task mixes many vocoders
 * for the same reason.)
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { SettingsProblems, throwIfProblems } from '../shared/settingsProblems';
import { areaUnderRoc, equalErrorRate } from '../shared/errorRates';
import { Stft } from './stft';
import { resynthesised } from './voiceJudges';
import type { FramedUtterance } from './voiceFrames';
import { BAND_STATISTICS, cloneFeatures } from './cloneFeatures';

/** Real speech straight from the synthesiser, or put through STFT → Griffin–Lim like the clones. */
export type RealKind = 'raw' | 'resynthesised';
export type CloneKind = RealKind | 'clone';

/** One utterance for the detector: its features, label (1 clone, 0 real) and what it is. */
export interface CloneExample {
  features: Float32Array;
  label: 0 | 1;
  kind: CloneKind;
  /** The log-magnitudes the features came from (for playing or drawing the clip). */
  logMagnitude: Float32Array;
  /** Its sound (the synthesiser's, or Griffin–Lim's). */
  signal: Float32Array;
}

export interface CloneSetOptions {
  /** Real utterances of the voice being cloned. */
  real: readonly FramedUtterance[];
  /** Another voice's utterances, to be converted into it. */
  sources: readonly FramedUtterance[];
  /** The conversion: frame-major log-magnitudes of a source utterance (`source`) → the cloned voice's. */
  convert: (logMagnitude: Float32Array, source: FramedUtterance) => Float32Array;
  frameSize: number;
  /** Which real speech to include: straight from the synthesiser, and/or resynthesised by Griffin–Lim. */
  realKinds: readonly RealKind[];
  griffinLimIterations: number;
  bands: number;
  seed: number;
}

/** Examples for the detector: every real utterance in each kind asked for, and every source utterance cloned and vocoded. */
export function cloneExamples(o: CloneSetOptions): CloneExample[] {
  if (o.realKinds.length === 0) throw new Error('Include at least one kind of real speech (raw or resynthesised).');
  if (o.real.length === 0 || o.sources.length === 0) throw new Error(`The detector needs real utterances and utterances to clone (${o.real.length} real, ${o.sources.length} to clone).`);
  if (!(Number.isInteger(o.griffinLimIterations) && o.griffinLimIterations >= 1)) throw new RangeError(`Griffin–Lim needs at least 1 iteration, not ${o.griffinLimIterations}.`);
  const stft = new Stft(o.frameSize);
  const make = (logMagnitude: Float32Array, signal: Float32Array, label: 0 | 1, kind: CloneKind): CloneExample => ({ features: cloneFeatures(logMagnitude, stft.bins, o.bands), label, kind, logMagnitude, signal });
  const out: CloneExample[] = [];
  o.real.forEach((u, i) => {
    if (u.bins !== stft.bins) throw new Error(`A real utterance has ${u.bins} bins; frames of ${o.frameSize} have ${stft.bins}.`);
    if (o.realKinds.includes('raw')) out.push(make(u.logMagnitude, u.utterance.samples, 0, 'raw'));
    if (o.realKinds.includes('resynthesised')) {
      const r = resynthesised(u.logMagnitude, u.utterance.samples.length, stft, o.griffinLimIterations, o.seed + i);
      out.push(make(r.logMagnitude, r.signal, 0, 'resynthesised'));
    }
  });
  o.sources.forEach((u, i) => {
    const r = resynthesised(o.convert(u.logMagnitude, u), u.utterance.samples.length, stft, o.griffinLimIterations, o.seed + 10_000 + i);
    out.push(make(r.logMagnitude, r.signal, 1, 'clone'));
  });
  return out;
}

export interface CloneDetectorSettings {
  /** Frequency bands of the features. */
  bands: number;
  /** Units of the hidden layer; 0 = logistic regression. */
  hiddenSize: number;
  learningRate: number;
  batchSize: number;
  /** L2 penalty on the weights. */
  l2: number;
  seed: number;
}

/** Logistic regression on 16 bands of 500 Hz; 1,500 steps take a few seconds. */
export const DEFAULT_CLONE_DETECTOR_SETTINGS: CloneDetectorSettings = { bands: 16, hiddenSize: 0, learningRate: 0.02, batchSize: 32, l2: 1e-3, seed: 1 };

/** Problems with a settings object, each naming the field; empty when valid. */
export function cloneDetectorSettingsProblems(s: CloneDetectorSettings): string[] {
  const p = new SettingsProblems();
  p.number('bands', s.bands, { min: 1, max: 128 }, true);
  p.number('hiddenSize', s.hiddenSize, { min: 0, max: 256 }, true);
  p.number('learningRate', s.learningRate, { min: 1e-5, max: 1 });
  p.number('batchSize', s.batchSize, { min: 1, max: 1024 }, true);
  p.number('l2', s.l2, { min: 0, max: 1 });
  p.number('seed', s.seed, { min: 0, max: 2 ** 31 - 1 }, true);
  return p.list;
}

export interface CloneDetectorStep {
  step: number;
  /** The batch's mean cross-entropy (without the L2 term) before this step's update. */
  loss: number;
}

export interface CloneDetectorJudgement {
  /** Verdicts at P(clone) ≥ ½. */
  accuracy: number;
  /** Equal error rate of clones against real speech, and its threshold on P(clone). */
  equalErrorRate: number;
  threshold: number;
  /** P(a clone scores above a real clip). */
  auc: number;
}

const LEAK = 0.2;

/** The detector: features standardised by the training set's mean and spread, then the model. */
export class CloneDetector {
  readonly settings: CloneDetectorSettings;
  readonly dims: number;
  readonly mean: Float32Array;
  readonly std: Float32Array;
  private readonly params: tf.Variable[];
  private readonly trainX: tf.Tensor2D;
  private readonly trainY: tf.Tensor2D;
  private readonly count: number;
  private readonly optimizer: tf.Optimizer;
  private readonly rng: SeededRandom;
  private disposed = false;
  steps = 0;

  /** Trains on `features` (one per utterance, from cloneFeatures) with `labels` (1 clone, 0 real). */
  constructor(features: readonly Float32Array[], labels: readonly number[], settings: CloneDetectorSettings = DEFAULT_CLONE_DETECTOR_SETTINGS) {
    throwIfProblems('clone-detector settings', cloneDetectorSettingsProblems(settings));
    checkSet(features, labels);
    if (!labels.includes(0) || !labels.includes(1)) throw new Error('The detector needs both real (0) and cloned (1) examples to learn from.');
    this.settings = { ...settings };
    this.dims = features[0].length;
    this.count = features.length;
    this.mean = new Float32Array(this.dims);
    this.std = new Float32Array(this.dims);
    for (const f of features) for (let d = 0; d < this.dims; d++) this.mean[d] += f[d] / this.count;
    for (const f of features) for (let d = 0; d < this.dims; d++) this.std[d] += (f[d] - this.mean[d]) ** 2 / this.count;
    for (let d = 0; d < this.dims; d++) this.std[d] = Math.sqrt(this.std[d]) + 1e-6;
    const init = new SeededRandom(settings.seed);
    this.rng = init.fork(3);
    const uniform = (shape: number[], fanIn: number) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const scale = Math.sqrt(6 / fanIn);
      return tf.tidy(() => tf.variable(tf.tensor(init.fillUniform(new Float32Array(size), -scale, scale), shape), true));
    };
    // Inside tidy, so the zeros a variable starts from are not left behind.
    const zeros = (shape: number[]) => tf.tidy(() => tf.variable(tf.zeros(shape), true));
    const h = settings.hiddenSize;
    this.params = h === 0
      ? [zeros([this.dims, 1]), zeros([1])]
      : [uniform([this.dims, h], this.dims), zeros([h]), uniform([h, 1], h), zeros([1])];
    this.trainX = tf.tensor2d(this.standardised(features), [this.count, this.dims]);
    this.trainY = tf.tensor2d(Float32Array.from(labels), [this.count, 1]);
    this.optimizer = tf.train.adam(settings.learningRate);
  }

  private standardised(features: readonly Float32Array[]): Float32Array {
    const x = new Float32Array(features.length * this.dims);
    features.forEach((f, i) => { for (let d = 0; d < this.dims; d++) x[i * this.dims + d] = (f[d] - this.mean[d]) / this.std[d]; });
    return x;
  }

  /** Logits (P(clone) before the sigmoid) of standardised features. */
  private logits(x: tf.Tensor2D): tf.Tensor2D {
    const [w1, b1, w2, b2] = this.params;
    if (this.settings.hiddenSize === 0) return tf.add(tf.matMul(x, w1 as tf.Tensor2D), b1);
    return tf.add(tf.matMul(tf.leakyRelu(tf.add(tf.matMul(x, w1 as tf.Tensor2D), b1), LEAK), w2 as tf.Tensor2D), b2);
  }

  /** One Adam step on a random mini-batch of the training set. */
  step(): CloneDetectorStep {
    if (this.disposed) throw new Error('This clone detector has been disposed.');
    const batch = Math.min(this.settings.batchSize, this.count);
    const pick = Int32Array.from({ length: batch }, () => this.rng.int(this.count));
    let loss = NaN;
    const kept: tf.Tensor[] = [];
    try {
      const total = this.optimizer.minimize(() => {
        const idx = tf.tensor1d(pick, 'int32');
        const z = this.logits(tf.gather(this.trainX, idx));
        const y = tf.gather(this.trainY, idx);
        const ce = tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))) as tf.Scalar;
        kept.push(tf.keep(ce));
        const weights = this.params.filter((_, i) => i % 2 === 0);
        return tf.add(ce, tf.mul(this.settings.l2, tf.addN(weights.map((w) => tf.sum(tf.square(w)))))) as tf.Scalar;
      }, true);
      total?.dispose();
      loss = kept[0].dataSync()[0];
    } finally {
      for (const k of kept) k.dispose();
    }
    this.steps++;
    return { step: this.steps, loss };
  }

  /** P(clone) of each utterance's features. */
  scores(features: readonly Float32Array[]): Float32Array {
    if (this.disposed) throw new Error('This clone detector has been disposed.');
    if (features.length === 0) return new Float32Array(0);
    checkSet(features, features.map(() => 0), this.dims);
    const p = tf.tidy(() => tf.sigmoid(this.logits(tf.tensor2d(this.standardised(features), [features.length, this.dims]))));
    const values = Float32Array.from(p.dataSync());
    p.dispose();
    return values;
  }

  /** Accuracy at ½, equal error rate and AUC on a labelled set (both classes needed). */
  judge(features: readonly Float32Array[], labels: readonly number[]): CloneDetectorJudgement {
    checkSet(features, labels, this.dims);
    const s = this.scores(features);
    return judgeScores(s, labels);
  }

  /** Mean |∂logit/∂x| over `features`, per standardised feature. */
  private meanAbsGradient(features: readonly Float32Array[]): Float32Array {
    if (this.disposed) throw new Error('This clone detector has been disposed.');
    checkSet(features, features.map(() => 0), this.dims);
    const g = tf.tidy(() => {
      const x = tf.tensor2d(this.standardised(features), [features.length, this.dims]);
      const grad = tf.grad((input: tf.Tensor) => tf.sum(this.logits(input as tf.Tensor2D)))(x);
      return tf.mean(tf.abs(grad), 0);
    });
    const perDim = Float32Array.from(g.dataSync());
    g.dispose();
    return perDim;
  }

  /**
   * Where it looks: for each frequency band, the mean over `features` of |∂logit/∂x| summed over
   * the band's standardised statistics (for logistic regression simply Σ|w|), as shares summing to 1.
   */
  bandSaliency(features: readonly Float32Array[]): Float32Array {
    const stats = BAND_STATISTICS.length;
    return shares(this.meanAbsGradient(features), this.dims / stats, (d) => Math.floor(d / stats));
  }

  /** What it looks at: the same saliency summed over bands for each of BAND_STATISTICS, as shares summing to 1. */
  statisticSaliency(features: readonly Float32Array[]): Float32Array {
    const stats = BAND_STATISTICS.length;
    return shares(this.meanAbsGradient(features), stats, (d) => d % stats);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.params) p.dispose();
    this.trainX.dispose();
    this.trainY.dispose();
    this.optimizer.dispose();
  }
}

function shares(perDim: Float32Array, groups: number, groupOf: (d: number) => number): Float32Array {
  const out = new Float32Array(groups);
  perDim.forEach((v, d) => { out[groupOf(d)] += v; });
  const total = out.reduce((a, b) => a + b, 0);
  return total > 0 ? out.map((v) => v / total) : out.fill(1 / groups);
}

function checkSet(features: readonly Float32Array[], labels: readonly number[], dims = features[0]?.length): void {
  if (features.length === 0) throw new Error('Give the detector at least one example.');
  if (labels.length !== features.length) throw new Error(`${features.length} examples but ${labels.length} labels.`);
  features.forEach((f, i) => {
    if (f.length !== dims) throw new RangeError(`Example ${i} has ${f.length} features; the detector reads ${dims}.`);
    for (const v of f) if (!Number.isFinite(v)) throw new RangeError(`Example ${i} has a feature that is not a finite number.`);
  });
  labels.forEach((l, i) => { if (l !== 0 && l !== 1) throw new RangeError(`Label ${i} is ${l}; labels are 1 (clone) or 0 (real).`); });
}

/** Accuracy at ½, equal error rate and AUC of P(clone) scores against labels (1 clone, 0 real). */
export function judgeScores(scores: ArrayLike<number>, labels: readonly number[]): CloneDetectorJudgement {
  if (scores.length !== labels.length) throw new RangeError(`${scores.length} scores but ${labels.length} labels.`);
  const clones: number[] = [];
  const real: number[] = [];
  let right = 0;
  labels.forEach((l, i) => {
    (l === 1 ? clones : real).push(scores[i]);
    if ((scores[i] >= 0.5 ? 1 : 0) === l) right++;
  });
  if (clones.length === 0 || real.length === 0) throw new Error(`Judging a detector needs clones and real clips (${clones.length} clones, ${real.length} real).`);
  const eer = equalErrorRate(clones, real);
  return { accuracy: right / labels.length, equalErrorRate: eer.rate, threshold: eer.threshold, auc: areaUnderRoc(clones, real) };
}
