/**
 * The small convolutional digit classifier behind the quality scores: its
 * class probabilities feed the Inception Score and its penultimate layer the
 * Fréchet distance. Plain TF.js ops over named variables (no tf.layers), so
 * saving and loading is just the weights bundle. Strided convolutions rather
 * than pooling keep it quick on wasm (train with registerWasmFastKernels()).
 *
 *   28×28×1 in [-1, 1]
 *   → conv 5×5×c1, stride 2 + ReLU   (14×14×c1)
 *   → conv 5×5×c2, stride 2 + ReLU   (7×7×c2)
 *   → dense h + ReLU                 = features (penultimate layer)
 *   → dense 10                       = logits
 */
import { SeededRandom } from '../shared/seededRandom';
import * as tf from '../shared/tf';
import { matchWeights, type WeightsBundle, type WeightSpec } from '../shared/weightsBundle';
import { DIGIT_CLASSES } from './digitAsset';
import { imagesTensor } from './digitDataset';

export const CLASSIFIER_FORMAT = 'deepfake-lab/digit-classifier@1';
export const CLASSIFIER_SIDE = 28;

export interface ClassifierShape {
  conv1: number;
  conv2: number;
  hidden: number;
}

export const DEFAULT_CLASSIFIER_SHAPE: ClassifierShape = { conv1: 16, conv2: 32, hidden: 128 };

const pooledSize = (CLASSIFIER_SIDE / 4) * (CLASSIFIER_SIDE / 4);

/** Every variable's name and shape, in a fixed order (the checkpoint's contract). */
export function classifierSpecs(s: ClassifierShape): WeightSpec[] {
  return [
    { name: 'conv1/kernel', shape: [5, 5, 1, s.conv1] },
    { name: 'conv1/bias', shape: [s.conv1] },
    { name: 'conv2/kernel', shape: [5, 5, s.conv1, s.conv2] },
    { name: 'conv2/bias', shape: [s.conv2] },
    { name: 'hidden/kernel', shape: [pooledSize * s.conv2, s.hidden] },
    { name: 'hidden/bias', shape: [s.hidden] },
    { name: 'output/kernel', shape: [s.hidden, DIGIT_CLASSES] },
    { name: 'output/bias', shape: [DIGIT_CLASSES] },
  ];
}

function shapeFrom(metadata: Record<string, unknown>): ClassifierShape {
  const s = metadata.shape as Partial<ClassifierShape> | undefined;
  const ok = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1024;
  if (!s || !ok(s.conv1) || !ok(s.conv2) || !ok(s.hidden)) throw new RangeError('The classifier checkpoint does not record a valid network shape.');
  return { conv1: s.conv1!, conv2: s.conv2!, hidden: s.hidden! };
}

export interface ClassifierOutputs {
  /** count × hidden penultimate-layer activations. */
  features: Float32Array;
  /** count × 10 class probabilities. */
  probabilities: Float32Array;
}

export class DigitClassifier {
  readonly variables: tf.Variable[];

  private constructor(
    readonly shape: ClassifierShape,
    values: Float32Array[],
  ) {
    this.variables = classifierSpecs(shape).map((spec, i) => {
      const initial = tf.tensor(values[i], [...spec.shape]);
      const v = tf.variable(initial, true); // unnamed: names must be unique across the process
      initial.dispose(); // the variable keeps its own reference to the data
      return v;
    });
  }

  /** Fresh He-initialised weights (zero biases) from a seed. */
  static create(seed: number, shape: ClassifierShape = DEFAULT_CLASSIFIER_SHAPE): DigitClassifier {
    const rng = new SeededRandom(seed);
    const values = classifierSpecs(shape).map((spec) => {
      const data = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
      if (spec.name.endsWith('/bias')) return data;
      const fanIn = spec.shape.slice(0, -1).reduce((a, b) => a * b, 1);
      return rng.fillNormal(data, Math.sqrt(2 / fanIn));
    });
    return new DigitClassifier(shape, values);
  }

  /** From a checkpoint; throws if the file was made for a different network. */
  static fromBundle(bundle: WeightsBundle): DigitClassifier {
    if (bundle.format !== CLASSIFIER_FORMAT) throw new RangeError(`This file holds "${bundle.format}", not a digit classifier.`);
    const shape = shapeFrom(bundle.metadata);
    return new DigitClassifier(shape, matchWeights(bundle, classifierSpecs(shape)));
  }

  toBundle(metadata: Record<string, unknown> = {}): WeightsBundle {
    return {
      format: CLASSIFIER_FORMAT,
      metadata: { ...metadata, shape: this.shape },
      weights: classifierSpecs(this.shape).map((spec, i) => ({ name: spec.name, shape: [...spec.shape], data: this.variables[i].dataSync() as Float32Array })),
    };
  }

  /** Penultimate-layer activations [n, hidden] of images [n, 28, 28, 1] in [-1, 1]. */
  features(x: tf.Tensor4D): tf.Tensor2D {
    const [k1, b1, k2, b2, k3, b3] = this.variables;
    return tf.tidy(() => {
      const c1 = tf.relu(tf.add(tf.conv2d(x, k1 as tf.Tensor4D, 2, 'same'), b1)) as tf.Tensor4D;
      const c2 = tf.relu(tf.add(tf.conv2d(c1, k2 as tf.Tensor4D, 2, 'same'), b2));
      return tf.relu(tf.add(tf.matMul(tf.reshape(c2, [x.shape[0], -1]), k3 as tf.Tensor2D), b3)) as tf.Tensor2D;
    });
  }

  /** Logits [n, 10]; `dropout` (training only) drops that fraction of the features, seeded. */
  logits(x: tf.Tensor4D, dropout?: { rate: number; seed: number }): tf.Tensor2D {
    const [, , , , , , k4, b4] = this.variables;
    return tf.tidy(() => {
      let f: tf.Tensor2D = this.features(x);
      if (dropout && dropout.rate > 0) f = tf.dropout(f, dropout.rate, undefined, dropout.seed) as tf.Tensor2D;
      return tf.add(tf.matMul(f, k4 as tf.Tensor2D), b4) as tf.Tensor2D;
    });
  }

  probabilities(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => tf.softmax(this.logits(x)));
  }

  /** Features and probabilities of `images` (n·28·28 floats in [-1, 1]), in batches to bound memory. */
  evaluate(images: Float32Array, batchSize = 250): ClassifierOutputs {
    const size = CLASSIFIER_SIDE * CLASSIFIER_SIDE;
    const count = images.length / size;
    const features = new Float32Array(count * this.shape.hidden);
    const probabilities = new Float32Array(count * DIGIT_CLASSES);
    const [, , , , , , k4, b4] = this.variables;
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      const [f, p] = tf.tidy(() => {
        const feats = this.features(imagesTensor(images.subarray(start * size, (start + n) * size), CLASSIFIER_SIDE, CLASSIFIER_SIDE));
        return [feats, tf.softmax(tf.add(tf.matMul(feats, k4 as tf.Tensor2D), b4))];
      });
      features.set(f.dataSync(), start * this.shape.hidden);
      probabilities.set(p.dataSync(), start * DIGIT_CLASSES);
      tf.dispose([f, p]);
    }
    return { features, probabilities };
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}

/** The predicted class of each row of count × 10 probabilities. */
export function predictedClasses(probabilities: Float32Array): Uint8Array {
  const count = probabilities.length / DIGIT_CLASSES;
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < DIGIT_CLASSES; c++) if (probabilities[i * DIGIT_CLASSES + c] > probabilities[i * DIGIT_CLASSES + best]) best = c;
    out[i] = best;
  }
  return out;
}
