/**
 * What the spectrum detector and the pixel detector share: a model that maps a batch of
 * inputs to one logit per picture (positive = fake), trained with Adam on the sigmoid
 * cross-entropy over seeded mini-batches of a training set, judged on a held-out set.
 * The step API (step → loss; heldOut → accuracy, AUC) lets a worker train it live.
 *
 * Each subclass says how pictures become the model's input tensor and what the logits are.
 * Every tensor is owned here or disposed at once; `dispose()` frees the rest.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { readBack } from '../shared/readBack';
import { checkDetectionSet, type DetectionSet } from './detectionSet';
import { checkDetectorSettings, type DetectorSettings } from './detectorSettings';
import { averagePrecision, confusionAt, rocAuc, type Confusion } from './scoring';

export interface DetectorStepResult {
  /** Steps taken so far, this one included. */
  step: number;
  /** The mini-batch's mean cross-entropy before this step's update. */
  loss: number;
}

export interface DetectorJudgement {
  /** Verdicts at the threshold 0.5 (P(fake) ≥ ½ → fake). */
  confusion: Confusion;
  accuracy: number;
  /** Area under the ROC curve of P(fake). */
  auc: number;
  /** Average precision of P(fake) (NaN with no fakes in the set). */
  averagePrecision: number;
  /** Mean cross-entropy over the set. */
  loss: number;
}

/** Mean sigmoid cross-entropy from logits, in the stable form max(z, 0) − z·y + ln(1 + e^(−|z|)). */
export function sigmoidCrossEntropy(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log(tf.add(1, tf.exp(tf.neg(tf.abs(logits))))))) as tf.Scalar);
}

export abstract class BinaryDetector {
  readonly settings: DetectorSettings;
  readonly height: number;
  readonly width: number;
  private trainInputs: tf.Tensor | null = null;
  private trainLabels: tf.Tensor2D | null = null;
  private readonly trainCount: number;
  private readonly heldOutSet: DetectionSet;
  private heldOutInputs: tf.Tensor | null = null;
  private optimizer: tf.Optimizer | null = null;
  private readonly batchRng: SeededRandom;
  private order: Int32Array;
  private position: number;
  private disposed = false;
  steps = 0;

  protected constructor(train: DetectionSet, heldOut: DetectionSet, settings: DetectorSettings) {
    checkDetectorSettings(settings);
    checkDetectionSet(train, 'The training set');
    checkDetectionSet(heldOut, 'The held-out set');
    if (train.height !== heldOut.height || train.width !== heldOut.width) {
      throw new RangeError(`The training pictures are ${train.height}×${train.width} but the held-out ones ${heldOut.height}×${heldOut.width}; use one size.`);
    }
    this.settings = { ...settings };
    this.height = train.height;
    this.width = train.width;
    this.trainCount = train.count;
    this.heldOutSet = heldOut;
    this.batchRng = new SeededRandom(settings.seed).fork(2);
    this.order = Int32Array.from({ length: train.count }, (_, i) => i);
    this.position = train.count; // shuffle on first use
  }

  /**
   * Builds the inputs and optimizer; the subclass calls it at the end of its constructor,
   * once its own fields (e.g. a feature scaler fitted on `train`) are ready.
   */
  protected prepare(train: DetectionSet): void {
    this.trainInputs = this.inputs(train.images, train.count);
    this.trainLabels = tf.tensor2d(Float32Array.from(train.labels), [train.count, 1]);
    this.heldOutInputs = this.inputs(this.heldOutSet.images, this.heldOutSet.count);
    this.optimizer = tf.train.adam(this.settings.learningRate);
  }

  /** The model's input for `count` pictures (a new tensor the caller owns). */
  protected abstract inputs(images: Float32Array, count: number): tf.Tensor;

  /** One logit per picture, [n, 1]. */
  protected abstract logits(inputs: tf.Tensor): tf.Tensor2D;

  protected abstract variables(): tf.Variable[];

  /**
   * One logit per picture, [n, 1], from pictures [n, height, width, 1] as a TF.js computation
   * that gradients flow through (to the pictures, and so to whatever drew them): what a forger
   * fine-tuned against this detector differentiates. Equal to the scores' logits.
   */
  abstract pictureLogits(pictures: tf.Tensor4D): tf.Tensor2D;

  protected abstract disposeModel(): void;

  private checkLive(): void {
    if (this.disposed) throw new Error('This detector has been disposed; build a new one.');
  }

  private nextBatch(): Int32Array {
    const n = Math.min(this.settings.batchSize, this.trainCount);
    const batch = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      if (this.position >= this.order.length) {
        for (let i = this.order.length - 1; i > 0; i--) {
          const j = this.batchRng.int(i + 1);
          [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
        }
        this.position = 0;
      }
      batch[k] = this.order[this.position++];
    }
    return batch;
  }

  /** One Adam step on the next mini-batch. */
  step(): DetectorStepResult {
    this.checkLive();
    const indices = tf.tensor1d(this.nextBatch(), 'int32');
    let loss: number;
    try {
      const cost = this.optimizer!.minimize(
        () => {
          const x = tf.gather(this.trainInputs!, indices);
          const y = tf.gather(this.trainLabels!, indices);
          return sigmoidCrossEntropy(y, this.logits(x));
        },
        true,
        this.variables(),
      )!;
      loss = cost.dataSync()[0];
      cost.dispose();
    } finally {
      indices.dispose();
    }
    this.steps++;
    return { step: this.steps, loss };
  }

  /** P(fake) for each input row, in batches so a large set does not need one huge tensor. */
  private probabilities(inputs: tf.Tensor): Float32Array {
    const n = inputs.shape[0];
    const out = new Float32Array(n);
    const chunk = 256;
    for (let start = 0; start < n; start += chunk) {
      const size = Math.min(chunk, n - start);
      out.set(readBack(() => tf.sigmoid(this.logits(tf.slice(inputs, start, size)))), start);
    }
    return out;
  }

  /** P(fake) for `count` pictures of this detector's size. */
  scores(images: Float32Array, count = images.length / (this.height * this.width)): Float32Array {
    this.checkLive();
    if (!Number.isInteger(count) || count < 1 || images.length !== count * this.height * this.width) {
      throw new RangeError(`This detector reads ${this.height}×${this.width} pictures; ${images.length} values are not a whole number of them.`);
    }
    const bad = images.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`Pixel ${bad % (this.height * this.width)} of picture ${Math.floor(bad / (this.height * this.width))} is not a finite number.`);
    const inputs = this.inputs(images, count);
    try {
      return this.probabilities(inputs);
    } finally {
      inputs.dispose();
    }
  }

  private judgeScores(probabilities: Float32Array, labels: Uint8Array): DetectorJudgement {
    const confusion = confusionAt(probabilities, labels, 0.5);
    let loss = 0;
    for (let i = 0; i < labels.length; i++) {
      const p = Math.min(Math.max(probabilities[i], 1e-7), 1 - 1e-7);
      loss -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    const both = labels.includes(0) && labels.includes(1);
    return {
      confusion,
      accuracy: confusion.accuracy,
      auc: both ? rocAuc(probabilities, labels) : NaN,
      averagePrecision: labels.includes(1) ? averagePrecision(probabilities, labels) : NaN,
      loss: loss / labels.length,
    };
  }

  /** Verdicts on the held-out set. */
  heldOut(): DetectorJudgement {
    return this.heldOutWithScores().judgement;
  }

  /** Verdicts on the held-out set with P(fake) for each of its pictures (in the set's order, labels in `heldOutLabels`). */
  heldOutWithScores(): { judgement: DetectorJudgement; scores: Float32Array } {
    this.checkLive();
    const scores = this.probabilities(this.heldOutInputs!);
    return { judgement: this.judgeScores(scores, this.heldOutSet.labels), scores };
  }

  /** 1 = fake, 0 = real, for each held-out picture. */
  get heldOutLabels(): Uint8Array {
    return this.heldOutSet.labels;
  }

  /** The model's weights by name (the variables themselves, not copies): for keeping a healthy state. */
  namedWeights(): { name: string; tensor: tf.Tensor }[] {
    this.checkLive();
    return this.variables().map((v, i) => ({ name: `weight${i}`, tensor: v }));
  }

  /** Overwrites every weight from a map written by `namedWeights` (shapes checked first, so a bad map changes nothing). */
  loadWeights(weights: ReadonlyMap<string, tf.Tensor>): void {
    this.checkLive();
    const vars = this.variables();
    vars.forEach((v, i) => {
      const w = weights.get(`weight${i}`);
      if (!w) throw new Error(`The detector's weight${i} is missing.`);
      if (w.shape.join('×') !== v.shape.join('×')) throw new Error(`The detector's weight${i} is ${v.shape.join('×')}, not ${w.shape.join('×')}.`);
    });
    vars.forEach((v, i) => v.assign(weights.get(`weight${i}`)!));
  }

  /** Verdicts on any labelled set of this detector's size (e.g. another generator's fakes). */
  judge(set: DetectionSet): DetectorJudgement {
    checkDetectionSet(set);
    if (set.height !== this.height || set.width !== this.width) throw new RangeError(`This detector reads ${this.height}×${this.width} pictures, not ${set.height}×${set.width}.`);
    return this.judgeScores(this.scores(set.images, set.count), set.labels);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.trainInputs, this.trainLabels, this.heldOutInputs].filter((t): t is tf.Tensor => t !== null));
    this.optimizer?.dispose();
    this.disposeModel();
  }
}
