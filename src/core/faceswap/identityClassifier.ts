/**
 * The identity judge: a small classifier that says whose picture it is (a toy
 * character, or a stroke style). The lab trains it on real pictures only, then
 * asks it about swaps: the fraction of A→B swaps it calls B is the swap's
 * identity score. Trained with blur and noise (imageReader.ts) so it judges the
 * face, not the sharpness.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { blurAndNoise, ImageReader, type ReaderTraining } from './imageReader';
import { identityOrThrow } from '../toyfaces/toyFaceIdentities';
import { renderToyFace, type Channels } from '../toyfaces/toyFaceRenderer';
import { sampleFactors } from '../toyfaces/faceFactors';
import type { SwapDataset } from './swapDatasets';
import type { Side } from '../autoencoder/sharedEncoderAutoencoder';
import type { WeightsBundle } from '../shared/weightsBundle';

export const IDENTITY_CLASSIFIER_FORMAT = 'deepfake-lab/face-swap-identity-classifier@1';

export const IDENTITY_CLASSIFIER_WIDTH = 8;
export const IDENTITY_CLASSIFIER_HIDDEN = 32;

export const DEFAULT_IDENTITY_TRAINING: ReaderTraining = { steps: 150, batchSize: 32, learningRate: 3e-3, seed: 7 };

/** Labelled pictures: n·s·s·C values and n class indices. */
export interface LabelledPictures {
  images: Float32Array;
  labels: Uint8Array;
}

/** Where training pictures come from: n fresh labelled pictures per call. */
export type LabelledSource = (n: number) => LabelledPictures;

export class IdentityClassifier {
  readonly reader: ImageReader;

  constructor(
    /** What each class is (a character's name, a stroke style). */
    readonly classNames: readonly string[],
    imageSize: number,
    channels: Channels,
    seed: number,
  ) {
    if (classNames.length < 2) throw new RangeError('an identity classifier needs at least two classes');
    this.reader = new ImageReader('identity', { imageSize, channels, width: IDENTITY_CLASSIFIER_WIDTH, hidden: IDENTITY_CLASSIFIER_HIDDEN, outputs: classNames.length }, seed);
  }

  /** Class probabilities, n·classes floats. */
  probabilities(images: Float32Array): Float32Array {
    const logits = this.reader.read(images);
    const k = this.classNames.length;
    for (let i = 0; i < logits.length; i += k) {
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[i + c]);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += logits[i + c] = Math.exp(logits[i + c] - max);
      for (let c = 0; c < k; c++) logits[i + c] /= sum;
    }
    return logits;
  }

  /** The most likely class of each picture. */
  predict(images: Float32Array): Uint8Array {
    const p = this.probabilities(images);
    const k = this.classNames.length;
    const out = new Uint8Array(p.length / k);
    for (let i = 0; i < out.length; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
      out[i] = best;
    }
    return out;
  }

  /** Fraction of the pictures it calls class `index`. */
  fractionCalled(images: Float32Array, index: number): number {
    const predicted = this.predict(images);
    return predicted.length === 0 ? NaN : predicted.filter((c) => c === index).length / predicted.length;
  }

  /** Cross-entropy training on a labelled source (augmented with blur and noise); returns the last step's loss. */
  train(source: LabelledSource, settings: ReaderTraining = DEFAULT_IDENTITY_TRAINING): number {
    const { imageSize, channels } = this.reader.shape;
    const rng = new SeededRandom(settings.seed);
    const optimizer: tf.Optimizer = tf.train.adam(settings.learningRate);
    const variables = this.reader.variables;
    let last = NaN;
    try {
      for (let step = 0; step < settings.steps; step++) {
        const batch = source(settings.batchSize);
        blurAndNoise(batch.images, imageSize, channels, rng);
        const loss = tf.tidy(() => {
          const x = tf.tensor4d(batch.images, [batch.labels.length, imageSize, imageSize, channels]);
          const y = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), this.classNames.length);
          const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, this.reader.forward(x)) as tf.Scalar, variables);
          optimizer.applyGradients(grads);
          return value;
        });
        if (step === settings.steps - 1) last = loss.dataSync()[0];
        loss.dispose();
      }
    } finally {
      optimizer.dispose();
    }
    return last;
  }

  /** A weights file (weightsBundle.ts) that fromBundle() reads back; `metadata` adds provenance, scores… */
  toBundle(metadata: Record<string, unknown> = {}): WeightsBundle {
    const { imageSize, channels } = this.reader.shape;
    return { format: IDENTITY_CLASSIFIER_FORMAT, metadata: { ...metadata, classNames: [...this.classNames], imageSize, channels }, weights: this.reader.bundleWeights() };
  }

  static fromBundle(bundle: WeightsBundle): IdentityClassifier {
    if (bundle.format !== IDENTITY_CLASSIFIER_FORMAT) throw new RangeError(`This file holds "${bundle.format}", not a face-swap identity classifier.`);
    const { classNames, imageSize, channels } = bundle.metadata as { classNames?: unknown; imageSize?: unknown; channels?: unknown };
    if (!Array.isArray(classNames) || !classNames.every((c) => typeof c === 'string') || !Number.isInteger(imageSize) || (channels !== 1 && channels !== 3)) {
      throw new RangeError('The identity classifier file does not record its classes, picture size and channels.');
    }
    const classifier = new IdentityClassifier(classNames as string[], imageSize as number, channels, 0);
    try {
      classifier.reader.loadBundle(bundle);
    } catch (e) {
      classifier.dispose();
      throw e;
    }
    return classifier;
  }

  dispose(): void {
    this.reader.dispose();
  }
}

/** Fresh toy faces of the given characters (class i = ids[i]) with random factors, seeded. */
export function toyFaceIdentitySource(ids: readonly string[], imageSize: number, channels: Channels, seed: number): LabelledSource {
  const identities = ids.map(identityOrThrow);
  const rng = new SeededRandom(seed);
  const stride = imageSize * imageSize * channels;
  return (n) => {
    const images = new Float32Array(n * stride);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = rng.int(identities.length);
      renderToyFace(identities[labels[i]], sampleFactors(rng), imageSize, channels, images, i * stride);
    }
    return { images, labels };
  };
}

/** A's (class 0) and B's (class 1) training pictures of a swap dataset, half and half. */
export function swapDatasetIdentitySource(dataset: SwapDataset): LabelledSource {
  return (n) => {
    const half = Math.ceil(n / 2);
    const parts = (['a', 'b'] as Side[]).map((side, i) => ({ images: dataset.nextBatch(side, i === 0 ? half : n - half).images, label: i }));
    const images = new Float32Array(parts[0].images.length + parts[1].images.length);
    images.set(parts[0].images);
    images.set(parts[1].images, parts[0].images.length);
    const labels = new Uint8Array(n);
    labels.fill(1, half);
    return { images, labels };
  };
}
