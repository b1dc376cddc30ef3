/**
 * The digit forger's training loop: dSteps discriminator updates, then one
 * generator update, on batches of real images the caller supplies. Losses are
 * the 2D lab's (ganLosses.ts), gradients come from TF.js's autodiff (including
 * WGAN-GP's penalty on images, a gradient of a gradient). Plain TF.js, no DOM:
 * it runs in Node tests, in the worker and in the pretraining script alike.
 */
import * as tf from '../shared/tf';
import { discriminatorLoss, generatorLoss, verdictOf } from '../shared/ganLosses';
import { globalNorm } from '../shared/optimizers';
import { GanUpdateState, type DiscriminatorStats, type GanStepStats } from '../shared/ganUpdateState';
import { SeededRandom } from '../shared/seededRandom';
import { CLASS_COUNT, IMAGE_PIXELS, IMAGE_SIZE, cloneDigitSettings, digitSettingsProblems, type DigitGanSettings } from '../mnist/digitGanSettings';
import { readBack } from '../shared/readBack';
import { throwIfProblems } from '../shared/settingsProblems';
import {
  checkWeights, createDigitNet, discriminatorForward, disposeDigitNet, generatorForward, loadWeights, namedWeights, netVariables,
  type DigitNet, type WeightMap,
} from '../mnist/digitGanModels';

/** Real images [b, 28, 28, 1] in [-1, 1], owned by the caller; labels (digits) only for a conditional model. */
export interface RealBatch {
  images: tf.Tensor4D;
  labels?: ArrayLike<number>;
}

/** One training step's figures (the same in both GAN labs). */
export type DigitStepStats = GanStepStats;


export class DigitGanTrainer {
  readonly settings: DigitGanSettings;
  readonly generator: DigitNet;
  readonly discriminator: DigitNet;
  /** Generator steps: the steps every lab counts. */
  steps = 0;
  discriminatorSteps = 0;
  private readonly updates: GanUpdateState;
  private readonly noiseRng: SeededRandom;
  private readonly penaltyRng: SeededRandom;
  private readonly generatorVars: tf.Variable[];
  private readonly discriminatorVars: tf.Variable[];

  constructor(settings: DigitGanSettings) {
    throwIfProblems('digit GAN settings', digitSettingsProblems(settings));
    this.settings = cloneDigitSettings(settings);
    const root = new SeededRandom(settings.seed);
    const initRng = root.fork(1);
    this.noiseRng = root.fork(2);
    this.penaltyRng = root.fork(3);
    this.generator = createDigitNet('generator', this.settings, initRng);
    this.discriminator = createDigitNet('discriminator', this.settings, initRng);
    this.generatorVars = netVariables(this.generator);
    this.discriminatorVars = netVariables(this.discriminator);
    this.updates = new GanUpdateState(this.settings);
  }

  /** Standard normal noise, row-major [n, latentSize], from the training stream unless another is given. */
  sampleNoise(n: number, rng: SeededRandom = this.noiseRng): Float32Array<ArrayBuffer> {
    const noise = new Float32Array(n * this.settings.latentSize);
    rng.fillNormal(noise);
    return noise;
  }

  /** Digits drawn uniformly from the chosen classes. */
  sampleLabels(n: number, rng: SeededRandom = this.noiseRng): Int32Array {
    const { classes } = this.settings;
    return Int32Array.from({ length: n }, () => classes[rng.int(classes.length)]);
  }

  /** The same noise every call for a given salt and seed: the lab's "watch these digits take shape" grid. */
  fixedNoise(n: number, salt = 0): Float32Array<ArrayBuffer> {
    return this.sampleNoise(n, new SeededRandom(this.settings.seed).fork(1000 + salt));
  }

  /** The chosen classes in turn (row i gets classes[i mod k]), so a grid shows each digit. */
  fixedLabels(n: number): Int32Array {
    const { classes } = this.settings;
    return Int32Array.from({ length: n }, (_, i) => classes[i % classes.length]);
  }

  /** One-hot classes [n, 10], or null for an unconditional model; checks the labels. */
  private oneHot(labels: ArrayLike<number> | undefined, n: number): tf.Tensor2D | null {
    if (!this.settings.conditional) {
      if (labels) throw new Error('labels given to an unconditional digit GAN');
      return null;
    }
    if (!labels || labels.length !== n) throw new Error(`a conditional digit GAN needs ${n} labels, got ${labels?.length ?? 0}`);
    const ints = Int32Array.from(labels);
    if (ints.some((c, i) => c !== labels[i] || c < 0 || c >= CLASS_COUNT)) throw new Error(`labels must be digits 0 to ${CLASS_COUNT - 1}`);
    return tf.tidy(() => tf.oneHot(tf.tensor1d(ints, 'int32'), CLASS_COUNT).toFloat() as tf.Tensor2D);
  }

  private noiseTensor(n: number): tf.Tensor2D {
    return tf.tensor2d(this.sampleNoise(n), [n, this.settings.latentSize]);
  }

  /** One discriminator update on a real batch and as many fresh fakes (with the real labels, when conditional). */
  discriminatorStep(real: RealBatch, withStats = false): void {
    const { images } = real;
    const [n, h, w, c] = images.shape;
    if (h !== IMAGE_SIZE || w !== IMAGE_SIZE || c !== 1 || n < 1) throw new Error(`real images must have shape [b,28,28,1], got [${images.shape.join(',')}]`);
    const { loss, realLabel, gpWeight } = this.settings;
    const oneHot = this.oneHot(real.labels, n);
    const fake = tf.tidy(() => generatorForward(this.generator, this.noiseTensor(n), oneHot));
    // Same labels on both halves, so WGAN-GP's interpolates stay within a class.
    const bothHot = oneHot ? tf.concat([oneHot, oneHot]) as tf.Tensor2D : null;
    const epsilon = loss === 'wganGp' ? tf.tensor4d(this.penaltyRng.fillUniform(new Float32Array(n), 0, 1), [n, 1, 1, 1]) : null;
    const kept: { outputs?: tf.Tensor } = {};
    const { value, grads } = tf.variableGrads(() => {
      // Reals and fakes go through D in one batch: half the kernel calls of two passes.
      const out = discriminatorForward(this.discriminator, tf.concat([images, fake]), bothHot);
      const [realOut, fakeOut] = tf.split(out, 2);
      let total = discriminatorLoss(loss, realOut, fakeOut, realLabel);
      if (epsilon) total = tf.add(total, tf.mul(gpWeight, this.gradientPenalty(images, fake, epsilon, oneHot))) as tf.Scalar;
      if (withStats) kept.outputs = tf.keep(out);
      return total;
    }, this.discriminatorVars);
    if (kept.outputs) this.updates.lastD = this.readDiscriminatorStats(value, grads, kept.outputs, n);
    this.updates.discriminatorOptimizer.applyGradients(grads);
    tf.dispose([fake, value, ...Object.values(grads), ...[oneHot, bothHot, epsilon, kept.outputs].filter((t): t is tf.Tensor => !!t)]);
    this.discriminatorSteps++;
  }

  /** WGAN-GP: mean (‖∇ₓ D(x̂)‖ − 1)² at random points x̂ between real and fake images. */
  private gradientPenalty(real: tf.Tensor4D, fake: tf.Tensor4D, epsilon: tf.Tensor4D, oneHot: tf.Tensor2D | null): tf.Scalar {
    const between = tf.add(tf.mul(epsilon, real), tf.mul(tf.sub(1, epsilon), fake)) as tf.Tensor4D;
    const gradAt = tf.grad((x: tf.Tensor) => tf.sum(discriminatorForward(this.discriminator, x as tf.Tensor4D, oneHot)))(between);
    const norms = tf.sqrt(tf.add(tf.sum(tf.square(gradAt), [1, 2, 3]), 1e-12));
    return tf.mean(tf.square(tf.sub(norms, 1))) as tf.Scalar;
  }

  /** One readback: loss, gradient norm and every output, mapped to verdicts on the host. */
  private readDiscriminatorStats(value: tf.Scalar, grads: tf.NamedTensorMap, outputs: tf.Tensor, n: number): DiscriminatorStats {
    const raw = readBack(() => tf.concat([tf.stack([value, globalNorm(Object.values(grads))]), tf.reshape(outputs, [-1])]));
    const meanVerdict = (from: number) => {
      let sum = 0;
      for (let i = from; i < from + n; i++) sum += verdictOf(this.settings.loss, raw[i]);
      return sum / n;
    };
    return { dLoss: raw[0], gradNormD: raw[1], dReal: meanVerdict(2), dFake: meanVerdict(2 + n) };
  }

  /** One generator update on batchSize fresh fakes (labels drawn from the chosen classes). */
  generatorStep(withStats = false): void {
    const n = this.settings.batchSize;
    const noise = this.noiseTensor(n);
    const oneHot = this.oneHot(this.settings.conditional ? this.sampleLabels(n) : undefined, n);
    const { value, grads } = tf.variableGrads(
      () => generatorLoss(this.settings.loss, discriminatorForward(this.discriminator, generatorForward(this.generator, noise, oneHot), oneHot)),
      this.generatorVars,
    );
    if (withStats) {
      const [gLoss, gradNormG] = readBack(() => tf.stack([value, globalNorm(Object.values(grads))]));
      this.updates.lastG = { gLoss, gradNormG };
    }
    this.updates.generatorOptimizer.applyGradients(grads);
    tf.dispose([noise, value, ...Object.values(grads)]);
    if (oneHot) oneHot.dispose();
    this.steps++;
  }

  /**
   * dSteps discriminator updates, then one generator update. Give one batch (reused
   * by every D update, with fresh fakes each time) or one per D update.
   * Stats only when asked: reading them back stalls the pipeline.
   */
  step(real: RealBatch | readonly RealBatch[], withStats = false): DigitStepStats | null {
    const batches = Array.isArray(real) ? (real as readonly RealBatch[]) : [real as RealBatch];
    if (batches.length === 0) throw new Error('step needs at least one real batch');
    const k = this.settings.dSteps;
    for (let i = 0; i < k; i++) this.discriminatorStep(batches[i % batches.length], withStats && i === k - 1);
    this.generatorStep(withStats);
    return withStats ? this.latestStats() : null;
  }

  /** Latest stats; a network with no measured step yet reads NaN. */
  latestStats(): DigitStepStats {
    return this.updates.latestStats();
  }

  /** G(z[, y]) as a tensor [n, 28, 28, 1] in [-1, 1] that the caller owns (e.g. for a classifier's score). */
  generateTensor(noise: Float32Array, labels?: ArrayLike<number>): tf.Tensor4D {
    const n = noise.length / this.settings.latentSize;
    if (!Number.isInteger(n)) throw new Error(`noise length ${noise.length} is not a multiple of latentSize ${this.settings.latentSize}`);
    return tf.tidy(() => generatorForward(this.generator, tf.tensor2d(noise, [n, this.settings.latentSize]), this.oneHot(labels, n)));
  }

  /** G(z[, y]) as n×784 pixel values in [-1, 1], row-major images. */
  generate(noise: Float32Array, labels?: ArrayLike<number>): Float32Array<ArrayBuffer> {
    return readBack(() => this.generateTensor(noise, labels));
  }

  /** D's raw output per image (map through verdictOf for a probability); images as n×784 values or a tensor. */
  discriminate(images: Float32Array | tf.Tensor4D, labels?: ArrayLike<number>): Float32Array<ArrayBuffer> {
    return readBack(() => {
      const x = images instanceof Float32Array ? tf.tensor4d(images, [images.length / IMAGE_PIXELS, IMAGE_SIZE, IMAGE_SIZE, 1]) : images;
      return discriminatorForward(this.discriminator, x, this.oneHot(labels, x.shape[0]));
    });
  }

  /** Both networks' weights by name ("g/…", "d/…"): live variables, never dispose them. */
  namedWeights(): { name: string; tensor: tf.Tensor }[] {
    return [...namedWeights(this.generator), ...namedWeights(this.discriminator)];
  }

  /**
   * Loads weights by name (throws, changing nothing, on a missing name or wrong shape).
   * Optimizer state restarts: its moments belong to the old trajectory.
   */
  loadWeights(weights: WeightMap, which: 'both' | 'generator' | 'discriminator' = 'both'): void {
    const nets = which === 'both' ? [this.generator, this.discriminator] : [which === 'generator' ? this.generator : this.discriminator];
    // Check every network before writing any, so a bad checkpoint changes nothing.
    for (const net of nets) checkWeights(net, weights);
    for (const net of nets) loadWeights(net, weights);
    this.updates.restart();
  }

  /**
   * Both optimizers' learning rates times `scale` (1 = as the settings say), for a schedule
   * run from outside, e.g. the pretraining script's decay at the end of a long run.
   * Optimizer state (Adam's moments) is kept.
   */
  setLearningRateScale(scale: number): void {
    this.updates.setLearningRateScale(scale);
  }

  /** The optimizers' current learning rates (generator, discriminator). */
  learningRates(): { generator: number; discriminator: number } {
    return this.updates.learningRates();
  }

  dispose(): void {
    this.updates.disposeOptimizers();
    disposeDigitNet(this.generator);
    disposeDigitNet(this.discriminator);
  }
}
