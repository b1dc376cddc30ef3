/**
 * The face-swap training loop: each step reconstructs a batch of A's pictures
 * through decoder A and a batch of B's through decoder B (the encoder's input
 * randomly warped when asked, the target never), and lowers both
 * reconstruction losses. Then swap(): encode A's picture, decode with B's
 * decoder. Plain TF.js, no DOM: it runs in Node tests, in a worker and in
 * training scripts alike. Synchronous work runs in tf.tidy, and every tensor a
 * method makes is disposed before it returns unless the caller is given it.
 */
import * as tf from '../shared/tf';
import { globalNorm } from '../shared/optimizers';
import { SeededRandom } from '../shared/seededRandom';
import { checkSwapSettings, cloneSwapSettings, type FaceSwapSettings } from '../autoencoder/faceSwapSettings';
import { randomWarpBatch } from './randomWarp';
import { reconstructionLoss } from './reconstructionLoss';
import {
  checkSwapWeights, createSwapNets, decode, decoderOf, disposeSwapNets, encode, encoderOf, loadSwapWeights, namedSwapWeights, shapeOf,
  swapNetVariables, type Side, type SwapNetShape, type SwapNets,
} from '../autoencoder/sharedEncoderAutoencoder';
import type { WeightMap } from '../shared/namedParams';
import { readBack } from '../shared/readBack';

export interface FaceSwapStepStats {
  /** Each side's reconstruction loss on this step's batch (warped input, clean target; weighted when the step had masks). */
  lossA: number;
  lossB: number;
  /** Global norm of this step's gradients (the last update's, when alternating). */
  gradNorm: number;
}

const other = (side: Side): Side => (side === 'a' ? 'b' : 'a');


export class FaceSwapTrainer {
  readonly settings: FaceSwapSettings;
  readonly shape: SwapNetShape;
  readonly nets: SwapNets;
  /** Completed training steps (one step trains both sides once). */
  steps = 0;
  private optimizers: tf.Optimizer[];
  private readonly warpRng: SeededRandom;

  /** Two streams come from the seed, in this order: the initial weights (fork 1) and the warps (fork 2). */
  constructor(settings: FaceSwapSettings) {
    checkSwapSettings(settings);
    this.settings = cloneSwapSettings(settings);
    this.shape = shapeOf(settings);
    const root = new SeededRandom(settings.seed);
    this.nets = createSwapNets(settings.encoder, this.shape, root.fork(1));
    this.warpRng = root.fork(2);
    this.optimizers = this.createOptimizers();
  }

  /** 'joint': one optimizer over every weight; 'alternate': one per side, each over its encoder and decoder. */
  private createOptimizers(): tf.Optimizer[] {
    const { learningRate, beta1, beta2, schedule } = this.settings;
    return Array.from({ length: schedule === 'joint' ? 1 : 2 }, () => tf.train.adam(learningRate, beta1, beta2));
  }

  private get pixelsPerImage(): number {
    return this.shape.imageSize * this.shape.imageSize * this.shape.channels;
  }

  /** n·s·s·C floats → a tensor [n, s, s, C], checking the size. */
  imagesTensor(images: Float32Array): tf.Tensor4D {
    const { imageSize: s, channels: c } = this.shape;
    const n = images.length / this.pixelsPerImage;
    if (!Number.isInteger(n) || n < 1) throw new Error(`${images.length} values are not a whole number of ${s}×${s}×${c} images`);
    return tf.tensor4d(images, [n, s, s, c]);
  }

  private encoderInput(images: Float32Array): tf.Tensor4D {
    const { warp, warpStrength, warpGrid } = this.settings;
    const input = warp ? randomWarpBatch(images, this.shape.imageSize, this.shape.channels, { strength: warpStrength, grid: warpGrid }, this.warpRng) : images;
    return this.imagesTensor(input);
  }

  /** Per-pixel loss weights [n, s, s, 1]: 1 + featurePriority on the masked pixels; null without a mask or priority. */
  private lossWeights(mask: Float32Array | undefined, n: number): tf.Tensor4D | null {
    const { featurePriority } = this.settings;
    if (!mask || featurePriority <= 0) return null;
    const s = this.shape.imageSize;
    return tf.tidy(() => tf.add(1, tf.mul(featurePriority, tf.tensor4d(mask, [n, s, s, 1]))) as tf.Tensor4D);
  }

  /**
   * One training step on a batch of A's pictures and one of B's (n·s·s·C floats in [-1, 1]
   * each, typically settings.batchSize pictures). `masks` (where the content shows, n·s·s
   * values per side; swapDatasets.ts) weight the loss when settings.featurePriority > 0.
   * Stats only when asked: reading them back stalls the pipeline.
   */
  step(a: Float32Array, b: Float32Array, withStats = false, masks: Partial<Record<Side, Float32Array>> = {}): FaceSwapStepStats | null {
    const count = { a: a.length / this.pixelsPerImage, b: b.length / this.pixelsPerImage };
    const s = this.shape.imageSize;
    for (const side of ['a', 'b'] as const) {
      // Check every size before making any tensor, so a bad call leaves nothing behind.
      if (!Number.isInteger(count[side]) || count[side] < 1) throw new Error(`${side === 'a' ? a.length : b.length} values are not a whole number of ${s}×${s}×${this.shape.channels} images`);
      const mask = masks[side];
      if (mask && mask.length !== count[side] * s * s) throw new Error(`a mask needs ${count[side] * s * s} values for ${count[side]} pictures, got ${mask.length}`);
    }
    const inputs = { a: this.encoderInput(a), b: this.encoderInput(b) };
    const targets = { a: this.imagesTensor(a), b: this.imagesTensor(b) };
    const weights = { a: this.lossWeights(masks.a, count.a), b: this.lossWeights(masks.b, count.b) };
    let stats: FaceSwapStepStats | null = null;
    try {
      if (this.settings.schedule === 'joint') stats = this.jointStep(inputs, targets, weights, withStats);
      else stats = this.alternateStep(inputs, targets, weights, withStats);
    } finally {
      tf.dispose([inputs.a, inputs.b, targets.a, targets.b, ...[weights.a, weights.b].filter((w): w is tf.Tensor4D => w !== null)]);
    }
    this.steps++;
    return stats;
  }

  private jointStep(
    inputs: Record<Side, tf.Tensor4D>,
    targets: Record<Side, tf.Tensor4D>,
    weights: Record<Side, tf.Tensor4D | null>,
    withStats: boolean,
  ): FaceSwapStepStats | null {
    const { ssimWeight } = this.settings;
    const kept: { losses?: tf.Tensor } = {};
    const variables = this.allVariables();
    const { value, grads } = tf.variableGrads(() => {
      let codes: Record<Side, tf.Tensor2D>;
      if (this.nets.mode === 'shared') {
        // One pass through the shared encoder with both batches stacked: half the kernel calls.
        const [ca, cb] = tf.split(encode(this.nets.encoderA, tf.concat([inputs.a, inputs.b]) as tf.Tensor4D), [inputs.a.shape[0], inputs.b.shape[0]]);
        codes = { a: ca as tf.Tensor2D, b: cb as tf.Tensor2D };
      } else {
        codes = { a: encode(this.nets.encoderA, inputs.a), b: encode(this.nets.encoderB, inputs.b) };
      }
      const lossA = reconstructionLoss(decode(this.nets.decoderA, codes.a, 'raw'), targets.a, ssimWeight, weights.a ?? undefined);
      const lossB = reconstructionLoss(decode(this.nets.decoderB, codes.b, 'raw'), targets.b, ssimWeight, weights.b ?? undefined);
      if (withStats) kept.losses = tf.keep(tf.stack([lossA, lossB]));
      return tf.add(lossA, lossB) as tf.Scalar;
    }, variables);
    let stats: FaceSwapStepStats | null = null;
    if (kept.losses) {
      const [lossA, lossB, gradNorm] = readBack(() => tf.concat([kept.losses!, tf.reshape(globalNorm(Object.values(grads)), [1])]));
      stats = { lossA, lossB, gradNorm };
    }
    this.optimizers[0].applyGradients(grads);
    tf.dispose([value, ...Object.values(grads), ...(kept.losses ? [kept.losses] : [])]);
    return stats;
  }

  private alternateStep(
    inputs: Record<Side, tf.Tensor4D>,
    targets: Record<Side, tf.Tensor4D>,
    weights: Record<Side, tf.Tensor4D | null>,
    withStats: boolean,
  ): FaceSwapStepStats | null {
    const losses: number[] = [];
    let gradNorm = NaN;
    (['a', 'b'] as const).forEach((side, i) => {
      const variables = [...swapNetVariables(encoderOf(this.nets, side)), ...swapNetVariables(decoderOf(this.nets, side))];
      const { value, grads } = tf.variableGrads(
        () => reconstructionLoss(decode(decoderOf(this.nets, side), encode(encoderOf(this.nets, side), inputs[side]), 'raw'), targets[side], this.settings.ssimWeight, weights[side] ?? undefined),
        variables,
      );
      if (withStats) {
        const [loss, norm] = readBack(() => tf.stack([value, globalNorm(Object.values(grads))]));
        losses.push(loss);
        gradNorm = norm;
      }
      this.optimizers[i].applyGradients(grads);
      tf.dispose([value, ...Object.values(grads)]);
    });
    return withStats ? { lossA: losses[0], lossB: losses[1], gradNorm } : null;
  }

  /** Every trainable variable, each once. */
  allVariables(): tf.Variable[] {
    const { encoderA, encoderB, decoderA, decoderB } = this.nets;
    const encoders = encoderA === encoderB ? [encoderA] : [encoderA, encoderB];
    return [...encoders, decoderA, decoderB].flatMap(swapNetVariables);
  }

  /** Codes [n, latent] of `side`'s pictures through `side`'s encoder (the same one for both with a shared encoder); the caller owns the tensor. */
  encodeTensor(side: Side, images: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => encode(encoderOf(this.nets, side), images));
  }

  /** Pictures drawn by `side`'s decoder from codes [n, latent]; the caller owns the tensor. */
  decodeTensor(side: Side, codes: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => decode(decoderOf(this.nets, side), codes));
  }

  /** `side`'s pictures through its own encoder and decoder; the caller owns the tensor. */
  reconstructTensor(side: Side, images: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => decode(decoderOf(this.nets, side), encode(encoderOf(this.nets, side), images)));
  }

  /**
   * The swap: pictures of `from` encoded by `from`'s encoder, drawn by the other side's
   * decoder (from 'a': A's expression on B's face). The caller owns the tensor.
   */
  swapTensor(from: Side, images: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => decode(decoderOf(this.nets, other(from)), encode(encoderOf(this.nets, from), images)));
  }

  /** Codes of `side`'s pictures, n·latent floats. */
  encode(side: Side, images: Float32Array): Float32Array<ArrayBuffer> {
    return readBack(() => this.encodeTensor(side, this.imagesTensor(images)));
  }

  /** Pictures (n·s·s·C floats in [-1, 1]) drawn by `side`'s decoder from n·latent code values. */
  decode(side: Side, codes: Float32Array): Float32Array<ArrayBuffer> {
    const n = codes.length / this.shape.latentSize;
    if (!Number.isInteger(n) || n < 1) throw new Error(`${codes.length} values are not a whole number of ${this.shape.latentSize}-value codes`);
    return readBack(() => this.decodeTensor(side, tf.tensor2d(codes, [n, this.shape.latentSize])));
  }

  reconstruct(side: Side, images: Float32Array): Float32Array<ArrayBuffer> {
    return readBack(() => this.reconstructTensor(side, this.imagesTensor(images)));
  }

  swap(from: Side, images: Float32Array): Float32Array<ArrayBuffer> {
    return readBack(() => this.swapTensor(from, this.imagesTensor(images)));
  }

  /** Mean squared error of `side`'s reconstructions of these pictures, in batches to bound memory. */
  reconstructionError(side: Side, images: Float32Array, batchSize = 128): number {
    const size = this.pixelsPerImage;
    const count = images.length / size;
    let total = 0;
    for (let start = 0; start < count; start += batchSize) {
      const n = Math.min(batchSize, count - start);
      const [sum] = readBack(() => {
        const x = this.imagesTensor(images.subarray(start * size, (start + n) * size));
        return tf.sum(tf.squaredDifference(this.reconstructTensor(side, x), x));
      });
      total += sum;
    }
    return total / images.length;
  }

  /** Every network's weights by name ("enc/…" or "encA/…" and "encB/…", "decA/…", "decB/…"): live variables, never dispose them. */
  namedWeights(): { name: string; tensor: tf.Tensor }[] {
    return namedSwapWeights(this.nets);
  }

  /** Loads weights by name (throws, changing nothing, on a missing name or wrong shape); optimizer state restarts. */
  loadWeights(weights: WeightMap): void {
    checkSwapWeights(this.nets, weights);
    loadSwapWeights(this.nets, weights);
    for (const o of this.optimizers) o.dispose();
    this.optimizers = this.createOptimizers();
  }

  dispose(): void {
    for (const o of this.optimizers) o.dispose();
    disposeSwapNets(this.nets);
  }
}
