/**
 * Detector (a): logistic regression on each picture's azimuthally averaged log power
 * spectrum (Durall et al. 2020, "Watch your up-convolution"): a few dozen numbers per
 * picture (20 for a 28×28 digit), one weight each. Each number is standardised with the
 * mean and spread of the training set only, so the held-out set stays unseen.
 */
import * as tf from '../shared/tf';
import type { DetectionSet } from './detectionSet';
import { BinaryDetector } from './binaryDetector';
import { DEFAULT_SPECTRUM_DETECTOR_SETTINGS, type DetectorSettings } from './detectorSettings';
import { LOG_POWER_FLOOR, SpectrumAnalyser, radialSpectra } from './spectrum';

/**
 * The radial spectrum as a TF.js computation (so gradients reach the pixels): the 2D DFT as
 * products with cosine and sine matrices, F = (C − iS) X (C − iS) for a real picture X, the
 * power |F|², its log, and the mean over each ring as a product with an averaging matrix. The
 * same numbers as radialSpectra (fft.js), up to float32 rounding.
 */
export class TfRadialSpectra {
  private readonly cosH: tf.Tensor2D;
  private readonly sinH: tf.Tensor2D;
  private readonly cosW: tf.Tensor2D;
  private readonly sinW: tf.Tensor2D;
  private readonly rings: tf.Tensor2D;
  readonly bins: number;

  /** `keep`: mark its matrices kept, so building it inside a tidy scope does not dispose them. */
  constructor(readonly height: number, readonly width: number, keep = false) {
    const analyser = new SpectrumAnalyser(height, width);
    this.bins = analyser.bins;
    const trig = (n: number, f: (a: number) => number) => {
      const m = new Float32Array(n * n);
      for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) m[k * n + j] = f((2 * Math.PI * ((k * j) % n)) / n);
      return tf.tensor2d(m, [n, n]);
    };
    this.cosH = trig(height, Math.cos);
    this.sinH = trig(height, Math.sin);
    this.cosW = trig(width, Math.cos);
    this.sinW = trig(width, Math.sin);
    // Unshifted frequency (u, v) sits at ((u + ⌊h/2⌋) mod h, (v + ⌊w/2⌋) mod w) in the centred map.
    const ring = new Float32Array(height * width * this.bins);
    const cy = Math.floor(height / 2);
    const cx = Math.floor(width / 2);
    for (let u = 0; u < height; u++) {
      for (let v = 0; v < width; v++) {
        const bin = analyser.binOf[((u + cy) % height) * width + ((v + cx) % width)];
        ring[(u * width + v) * this.bins + bin] = 1 / analyser.binCounts[bin];
      }
    }
    this.rings = tf.tensor2d(ring, [height * width, this.bins]);
    if (keep) [this.cosH, this.sinH, this.cosW, this.sinW, this.rings].forEach((t) => tf.keep(t));
  }

  /** [n, bins] radial log power spectra of pictures [n, h, w, 1]. */
  features(pictures: tf.Tensor4D): tf.Tensor2D {
    const { height: h, width: w } = this;
    const n = pictures.shape[0];
    return tf.tidy(() => {
      const rows = tf.reshape(pictures, [n * h, w]) as tf.Tensor2D;
      // Along each row: X(C − iS).
      const re1 = tf.transpose(tf.reshape(tf.matMul(rows, this.cosW), [n, h, w]), [0, 2, 1]);
      const im1 = tf.transpose(tf.reshape(tf.neg(tf.matMul(rows, this.sinW)), [n, h, w]), [0, 2, 1]);
      // Along each column ((C − iS) is symmetric): (C − iS)(re1 + i·im1), in [n, w, h] layout.
      const a = tf.reshape(re1, [n * w, h]) as tf.Tensor2D;
      const b = tf.reshape(im1, [n * w, h]) as tf.Tensor2D;
      const re = tf.add(tf.matMul(a, this.cosH), tf.matMul(b, this.sinH));
      const im = tf.sub(tf.matMul(b, this.cosH), tf.matMul(a, this.sinH));
      const power = tf.add(tf.square(re), tf.square(im)); // [n·w, h], element (v, u)
      const logPower = tf.log(tf.add(power, LOG_POWER_FLOOR));
      const byFrequency = tf.reshape(tf.transpose(tf.reshape(logPower, [n, w, h]), [0, 2, 1]), [n, h * w]) as tf.Tensor2D;
      return tf.matMul(byFrequency, this.rings);
    });
  }

  dispose(): void {
    tf.dispose([this.cosH, this.sinH, this.cosW, this.sinW, this.rings]);
  }
}

/** Per-feature mean and standard deviation, fitted on training features. */
export interface FeatureScaler {
  mean: Float32Array;
  std: Float32Array;
}

/** A spread below this is treated as this (a feature that never varies is left centred, not blown up). */
const MIN_STD = 1e-6;

export function fitScaler(features: Float32Array, count: number, dims: number): FeatureScaler {
  if (count < 1 || features.length !== count * dims) throw new RangeError(`${count} rows of ${dims} features need ${count * dims} values, not ${features.length}.`);
  const mean = new Float32Array(dims);
  const std = new Float32Array(dims);
  for (let d = 0; d < dims; d++) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += features[i * dims + d];
    const m = sum / count;
    let squares = 0;
    for (let i = 0; i < count; i++) squares += (features[i * dims + d] - m) ** 2;
    mean[d] = m;
    std[d] = Math.max(Math.sqrt(squares / count), MIN_STD);
  }
  return { mean, std };
}

export function applyScaler(scaler: FeatureScaler, features: Float32Array): Float32Array {
  const dims = scaler.mean.length;
  const out = new Float32Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = (features[i] - scaler.mean[i % dims]) / scaler.std[i % dims];
  return out;
}

export class SpectrumDetector extends BinaryDetector {
  /** Fitted on the training set's features only. */
  readonly scaler: FeatureScaler;
  /** Features per picture (radial bins). */
  readonly bins: number;
  private readonly weight: tf.Variable;
  private readonly bias: tf.Variable;
  private tfSpectra: TfRadialSpectra | null = null;
  private scalerTensors: { mean: tf.Tensor; std: tf.Tensor } | null = null;

  constructor(train: DetectionSet, heldOut: DetectionSet, settings: DetectorSettings = DEFAULT_SPECTRUM_DETECTOR_SETTINGS) {
    super(train, heldOut, settings);
    const { features, bins } = radialSpectra(train.images, train.count, train.height, train.width);
    this.bins = bins;
    this.scaler = fitScaler(features, train.count, bins);
    // Starts at zero: the loss is convex, and P(fake) = ½ for every picture is an honest start.
    this.weight = tf.tidy(() => tf.variable(tf.zeros([bins, 1]), true));
    this.bias = tf.tidy(() => tf.variable(tf.zeros([1]), true));
    this.prepare(train);
  }

  protected inputs(images: Float32Array, count: number): tf.Tensor {
    const { features } = radialSpectra(images, count, this.height, this.width);
    return tf.tensor2d(applyScaler(this.scaler, features), [count, this.bins]);
  }

  protected logits(inputs: tf.Tensor): tf.Tensor2D {
    return tf.add(tf.matMul(inputs as tf.Tensor2D, this.weight as tf.Tensor2D), this.bias) as tf.Tensor2D;
  }

  /** The same logits as the fft.js path, through TfRadialSpectra (differentiable in the pixels). */
  pictureLogits(pictures: tf.Tensor4D): tf.Tensor2D {
    if (!this.tfSpectra) {
      // Kept: the first call may come from inside a tidy or an optimizer's scope, which would dispose them.
      this.tfSpectra = new TfRadialSpectra(this.height, this.width, true);
      this.scalerTensors = { mean: tf.keep(tf.tensor1d(this.scaler.mean)), std: tf.keep(tf.tensor1d(this.scaler.std)) };
    }
    const { mean, std } = this.scalerTensors!;
    return tf.tidy(() => this.logits(tf.div(tf.sub(this.tfSpectra!.features(pictures), mean), std)));
  }

  protected variables(): tf.Variable[] {
    return [this.weight, this.bias];
  }

  /** One weight per radial bin (on standardised features; positive = more of it looks fake), and the bias. */
  coefficients(): { weights: Float32Array; bias: number } {
    return { weights: this.weight.dataSync() as Float32Array, bias: this.bias.dataSync()[0] };
  }

  protected disposeModel(): void {
    this.weight.dispose();
    this.bias.dispose();
    this.tfSpectra?.dispose();
    if (this.scalerTensors) tf.dispose([this.scalerTensors.mean, this.scalerTensors.std]);
  }
}
