/**
 * The expression judge: a small network that reads the shared factors
 * (faceFactors.ts: smile, eye openness, gaze, head position and tilt, brows)
 * back from a toy face. Trained on real pictures of the swap's target
 * character, it then reads each A→B swap; if the swap carried A's expression
 * over, what it reads matches the factors A's picture was drawn with. Its error
 * on real pictures of B is the yardstick. Trained with blur and noise
 * (imageReader.ts) so it reads the face, not the sharpness.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { FACTOR_COUNT, FACTOR_NAMES, factorsToArray, sampleFactors, type FactorName } from '../toyfaces/faceFactors';
import { blurAndNoise, ImageReader, type ReaderTraining } from './imageReader';
import { identityOrThrow } from '../toyfaces/toyFaceIdentities';
import { renderToyFace, type Channels } from '../toyfaces/toyFaceRenderer';
import type { WeightsBundle } from '../shared/weightsBundle';

export const FACTOR_REGRESSOR_FORMAT = 'deepfake-lab/face-swap-factor-regressor@1';

export const FACTOR_REGRESSOR_WIDTH = 16;
export const FACTOR_REGRESSOR_HIDDEN = 64;

export const DEFAULT_FACTOR_TRAINING: ReaderTraining = { steps: 600, batchSize: 32, learningRate: 2e-3, seed: 11 };

/** Mean absolute error per factor and over all factors (factors in [-1, 1]; always guessing 0 scores 0.5). */
export interface FactorError {
  perFactor: Record<FactorName, number>;
  mean: number;
}

export function factorError(read: Float32Array, truth: Float32Array): FactorError {
  if (read.length !== truth.length || read.length % FACTOR_COUNT !== 0) throw new Error(`factor arrays of ${read.length} and ${truth.length} values do not match`);
  const n = read.length / FACTOR_COUNT;
  const perFactor = {} as Record<FactorName, number>;
  let total = 0;
  FACTOR_NAMES.forEach((name, f) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.abs(read[i * FACTOR_COUNT + f] - truth[i * FACTOR_COUNT + f]);
    perFactor[name] = sum / n;
    total += sum / n;
  });
  return { perFactor, mean: total / FACTOR_COUNT };
}

export class FactorRegressor {
  readonly reader: ImageReader;

  constructor(imageSize: number, channels: Channels, seed: number) {
    this.reader = new ImageReader('factors', { imageSize, channels, width: FACTOR_REGRESSOR_WIDTH, hidden: FACTOR_REGRESSOR_HIDDEN, outputs: FACTOR_COUNT }, seed);
  }

  /** The factors it reads from each picture, n·FACTOR_COUNT values (faceFactors.ts order). */
  readFactors(images: Float32Array): Float32Array {
    return this.reader.read(images);
  }

  /** Mean squared error training on fresh faces of the given characters with random factors; returns the last step's loss. */
  train(identityIds: readonly string[], settings: ReaderTraining = DEFAULT_FACTOR_TRAINING): number {
    const identities = identityIds.map(identityOrThrow);
    if (identities.length === 0) throw new RangeError('train the factor regressor on at least one character');
    const { imageSize, channels } = this.reader.shape;
    const stride = imageSize * imageSize * channels;
    const rng = new SeededRandom(settings.seed);
    const optimizer: tf.Optimizer = tf.train.adam(settings.learningRate);
    const variables = this.reader.variables;
    const n = settings.batchSize;
    let last = NaN;
    try {
      for (let step = 0; step < settings.steps; step++) {
        const images = new Float32Array(n * stride);
        const factors = new Float32Array(n * FACTOR_COUNT);
        for (let i = 0; i < n; i++) {
          const f = sampleFactors(rng);
          factorsToArray(f, factors, i * FACTOR_COUNT);
          renderToyFace(identities[rng.int(identities.length)], f, imageSize, channels, images, i * stride);
        }
        blurAndNoise(images, imageSize, channels, rng);
        const loss = tf.tidy(() => {
          const x = tf.tensor4d(images, [n, imageSize, imageSize, channels]);
          const y = tf.tensor2d(factors, [n, FACTOR_COUNT]);
          const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, this.reader.forward(x)) as tf.Scalar, variables);
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

  /** A weights file (weightsBundle.ts) that fromBundle() reads back; record which characters it was trained on in `metadata`. */
  toBundle(metadata: Record<string, unknown> = {}): WeightsBundle {
    const { imageSize, channels } = this.reader.shape;
    return { format: FACTOR_REGRESSOR_FORMAT, metadata: { ...metadata, factors: [...FACTOR_NAMES], imageSize, channels }, weights: this.reader.bundleWeights() };
  }

  static fromBundle(bundle: WeightsBundle): FactorRegressor {
    if (bundle.format !== FACTOR_REGRESSOR_FORMAT) throw new RangeError(`This file holds "${bundle.format}", not a face-swap factor regressor.`);
    const { factors, imageSize, channels } = bundle.metadata as { factors?: unknown; imageSize?: unknown; channels?: unknown };
    if (!Array.isArray(factors) || factors.join() !== FACTOR_NAMES.join()) throw new RangeError(`The factor regressor file reads other factors than ${FACTOR_NAMES.join(', ')}.`);
    if (!Number.isInteger(imageSize) || (channels !== 1 && channels !== 3)) throw new RangeError('The factor regressor file does not record its picture size and channels.');
    const regressor = new FactorRegressor(imageSize as number, channels, 0);
    try {
      regressor.reader.loadBundle(bundle);
    } catch (e) {
      regressor.dispose();
      throw e;
    }
    return regressor;
  }

  dispose(): void {
    this.reader.dispose();
  }
}
