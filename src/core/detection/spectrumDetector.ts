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
import { radialSpectra } from './spectrum';

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
  }
}
