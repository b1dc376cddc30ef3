/**
 * The adversarial training loop of the 2D lab: a generator MLP and a
 * discriminator MLP, their optimizers, and the discriminator/generator steps.
 * Plain TF.js, no DOM: it runs in Node tests, in the worker and in benchmarks.
 */
import * as tf from '../shared/tf';
import { createSmallNetworkOptimizer, globalNorm } from '../shared/optimizers';
import { GanUpdateState, type GanStepStats } from '../shared/ganUpdateState';
import type { GanSettings } from './ganSettings';
import { createMlp, disposeMlp, mlpForward, mlpVariables, readMlpWeights, writeMlpWeights, type Mlp } from './mlp';
import { discriminatorLoss, discriminatorOutputGradient, generatorLoss, generatorOutputGradient, verdictOf } from '../shared/ganLosses';
import { backpropagate, forwardWithTrace, gradientPenaltyWithGrads } from './mlpBackprop';
import { learningRateScale } from './learningRateDecay';
import { SeededRandom } from '../shared/seededRandom';
import { makeDistribution, type ToyDistribution } from '../points/toyDistributions';

/** One training step's figures (the same in both GAN labs). */
export type StepStats = GanStepStats;

export interface TrainerWeights {
  generator: Float32Array[];
  discriminator: Float32Array[];
  /** Generator steps: the steps every lab counts. */
  steps: number;
  discriminatorSteps: number;
  /** The generator's moving average and how many updates it holds (only when the setting is on). */
  generatorAverage?: Float32Array[];
  generatorAverageUpdates?: number;
}

export type StepKind = 'discriminator' | 'generator' | 'both';

type NamedGrad = { name: string; tensor: tf.Tensor };

export class GanTrainer {
  readonly settings: GanSettings;
  readonly distribution: ToyDistribution;
  readonly generator: Mlp;
  readonly discriminator: Mlp;
  /** Generator steps: the steps every lab counts. */
  steps = 0;
  discriminatorSteps = 0;
  private readonly updates: GanUpdateState;
  private readonly dataRng: SeededRandom;
  private readonly noiseRng: SeededRandom;
  private readonly generatorVars: tf.Variable[];
  private readonly discriminatorVars: tf.Variable[];
  /** The averaged generator (same shape as `generator`), or null when the setting is off. */
  private readonly averagedGenerator: Mlp | null;
  /** Updates folded into the average since it started (or was restored without one). */
  private averageUpdates = 0;
  /** The factor on both learning rates the optimizers now run with (the learningRateDecay setting). */
  private appliedRateScale = 1;

  constructor(settings: GanSettings, customPoints?: Float32Array) {
    this.settings = settings;
    this.distribution = makeDistribution(settings, customPoints);
    const root = new SeededRandom(settings.seed);
    const initRng = root.fork(1);
    this.dataRng = root.fork(2);
    this.noiseRng = root.fork(3);
    const g = settings.generator;
    const d = settings.discriminator;
    this.generator = createMlp('generator', [settings.noiseDim, ...g.hidden, 2], g.activation, initRng);
    this.discriminator = createMlp('discriminator', [2 * settings.packing, ...d.hidden, 1], d.activation, initRng);
    this.generatorVars = mlpVariables(this.generator);
    this.discriminatorVars = mlpVariables(this.discriminator);
    this.updates = new GanUpdateState(settings, createSmallNetworkOptimizer);
    this.averagedGenerator = (settings.generatorAverage ?? 0) > 0 ? copyMlp(this.generator, 'generatorAverage') : null;
  }

  /** Whether the generator's weights are averaged (the `generatorAverage` setting is above 0). */
  get averagesGenerator(): boolean {
    return this.averagedGenerator !== null;
  }

  /**
   * θ_EMA ← θ_EMA + w_t·(θ − θ_EMA) with w_t = (1 − β)/(1 − βᵗ): the exponential moving
   * average of Yazıcı et al. 2019 with Adam-style bias correction, so that after t updates
   * θ_EMA = Σᵢ βᵗ⁻ⁱ(1 − β)θᵢ / (1 − βᵗ), a weighted mean of the iterates θ₁…θₜ with no pull
   * towards the random initial weights (w₁ = 1: the first update copies θ₁).
   */
  private updateAverage(): void {
    if (!this.averagedGenerator) return;
    const beta = this.settings.generatorAverage!;
    this.averageUpdates++;
    const w = (1 - beta) / (1 - beta ** this.averageUpdates);
    mlpVariables(this.averagedGenerator).forEach((avg, i) => {
      tf.tidy(() => avg.assign(tf.add(avg, tf.mul(w, tf.sub(this.generatorVars[i], avg)))));
    });
  }

  /** Noise vectors, row-major [n, noiseDim]. */
  sampleNoise(n: number, rng: SeededRandom = this.noiseRng): Float32Array {
    const out = new Float32Array(n * this.settings.noiseDim);
    return this.settings.noiseKind === 'gaussian' ? rng.fillNormal(out) : rng.fillUniform(out, -1, 1);
  }

  /** D's raw output for points [n, 2]; with packing, each pack of m rows is judged together. */
  private judge(points: tf.Tensor2D, secondOrder = false): tf.Tensor2D {
    const m = this.settings.packing;
    const packed = m === 1 ? points : (tf.reshape(points, [-1, 2 * m]) as tf.Tensor2D);
    return mlpForward(this.discriminator, packed, secondOrder);
  }

  private noiseTensor(n: number): tf.Tensor2D {
    return tf.tensor2d(this.sampleNoise(n), [n, this.settings.noiseDim]);
  }

  /**
   * How gradients are computed: 'manual' (hand-derived backprop, the fast default)
   * or 'autograd' (TF.js's tape; used for WGAN-GP's penalty with a tanh discriminator, and by tests as the reference).
   */
  gradientMode: 'manual' | 'autograd' = 'manual';

  private readonly packRows = (points: tf.Tensor2D): tf.Tensor2D =>
    this.settings.packing === 1 ? points : (tf.reshape(points, [-1, 2 * this.settings.packing]) as tf.Tensor2D);

  /** Both learning rates as the decay has them after `steps` generator steps (set only when the factor changes). */
  private followRateDecay(): void {
    const scale = learningRateScale(this.steps, this.settings.learningRateDecay);
    if (scale === this.appliedRateScale) return;
    this.updates.setLearningRateScale(scale);
    this.appliedRateScale = scale;
  }

  /** The learning rates the optimizers ran their latest step with (the set ones until a step under decay). */
  learningRates(): { generator: number; discriminator: number } {
    return this.updates.learningRates();
  }

  discriminatorStep(withStats = false): void {
    this.followRateDecay();
    const { batchSize, loss } = this.settings;
    const real = tf.tensor2d(this.distribution.sample(batchSize, this.dataRng), [batchSize, 2]);
    const noise = this.noiseTensor(batchSize);
    // WGAN-GP's penalty is a gradient of D: its own gradient is hand-derived only for
    // piecewise-linear activations (tanh's second derivative is not zero).
    const autograd = this.gradientMode === 'autograd' || (loss === 'wganGp' && this.settings.discriminator.activation === 'tanh');
    const grads = autograd
      ? this.discriminatorGradsAutograd(real, noise, withStats)
      : this.discriminatorGradsManual(real, noise, withStats);
    this.updates.discriminatorOptimizer.applyGradients(grads);
    tf.dispose([real, noise, ...grads.map((g) => g.tensor)]);
    this.discriminatorSteps++;
  }

  private recordDiscriminatorStats(lossValue: tf.Scalar, grads: tf.Tensor[], realOut: tf.Tensor, fakeOut: tf.Tensor): void {
    const { loss } = this.settings;
    const [dLoss, gradNormD] = tf.tidy(() => tf.stack([lossValue, globalNorm(grads)]).dataSync());
    const meanVerdict = (t: tf.Tensor) => {
      const raw = t.dataSync();
      let sum = 0;
      for (const v of raw) sum += verdictOf(loss, v);
      return sum / raw.length;
    };
    this.updates.lastD = { dLoss, gradNormD, dReal: meanVerdict(realOut), dFake: meanVerdict(fakeOut) };
  }

  private discriminatorGradsManual(real: tf.Tensor2D, noise: tf.Tensor2D, withStats: boolean): NamedGrad[] {
    const { batchSize, loss, gpWeight, realLabel } = this.settings;
    // Drawn after the fakes' noise, as on the autograd path, so both paths see the same points.
    const epsilon = loss === 'wganGp' ? this.dataRng.fillUniform(new Float32Array(batchSize), 0, 1) : null;
    const grads = tf.tidy(() => {
      const fake = mlpForward(this.generator, noise);
      const packedReal = this.packRows(real);
      const nReal = packedReal.shape[0];
      // Reals and fakes go through D in one batch: half the kernels of two passes.
      const trace = forwardWithTrace(this.discriminator, tf.concat([packedReal, this.packRows(fake)], 0));
      const outputGrad = discriminatorOutputGradient(loss, trace.output, nReal, realLabel);
      let paramGrads = backpropagate(this.discriminator, trace, outputGrad, true, false).paramGrads!;
      let penalty: tf.Scalar | null = null;
      if (epsilon) {
        const gp = gradientPenaltyWithGrads(this.discriminator, this.packRows(this.interpolate(real, fake, epsilon)), gpWeight);
        // Weights only: the penalty's bias gradients (odd entries) are zero.
        paramGrads = paramGrads.map((grad, i) => (i % 2 === 0 ? tf.add(grad, gp.paramGrads[i]) : grad));
        penalty = gp.penalty;
      }
      if (withStats) {
        const [realOut, fakeOut] = tf.split(trace.output, 2, 0);
        const criticLoss = discriminatorLoss(loss, realOut, fakeOut, realLabel);
        this.recordDiscriminatorStats(penalty ? tf.add(criticLoss, penalty) : criticLoss, paramGrads, realOut, fakeOut);
      }
      return paramGrads;
    });
    return grads.map((tensor, i) => ({ name: this.discriminatorVars[i].name, tensor }));
  }

  private discriminatorGradsAutograd(real: tf.Tensor2D, noise: tf.Tensor2D, withStats: boolean): NamedGrad[] {
    const { batchSize, loss, gpWeight, realLabel } = this.settings;
    const fake = tf.tidy(() => mlpForward(this.generator, noise));
    const epsilon = loss === 'wganGp' ? this.dataRng.fillUniform(new Float32Array(batchSize), 0, 1) : null;
    let outputs: tf.Tensor[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const realOut = this.judge(real);
      const fakeOut = this.judge(fake);
      let total = discriminatorLoss(loss, realOut, fakeOut, realLabel);
      if (epsilon) total = tf.add(total, tf.mul(gpWeight, this.gradientPenalty(real, fake, epsilon))) as tf.Scalar;
      if (withStats) outputs = [tf.keep(realOut), tf.keep(fakeOut)];
      return total;
    }, this.discriminatorVars);
    const ordered = this.discriminatorVars.map((v) => grads[v.name]);
    if (withStats) this.recordDiscriminatorStats(value, ordered, outputs[0], outputs[1]);
    tf.dispose([fake, value, ...outputs]);
    return this.discriminatorVars.map((v, i) => ({ name: v.name, tensor: ordered[i] }));
  }

  /** x̂ = ε·real + (1 − ε)·fake, row by row: where WGAN-GP's penalty is measured. */
  private interpolate(real: tf.Tensor2D, fake: tf.Tensor2D, epsilon: Float32Array): tf.Tensor2D {
    const eps = tf.tensor2d(epsilon, [epsilon.length, 1]);
    return tf.add(tf.mul(eps, real), tf.mul(tf.sub(1, eps), fake)) as tf.Tensor2D;
  }

  /** WGAN-GP on the autograd path: mean (‖∇ₓ D(x̂)‖ − 1)² at random points x̂ between real and fake samples. */
  private gradientPenalty(real: tf.Tensor2D, fake: tf.Tensor2D, epsilon: Float32Array): tf.Scalar {
    const between = this.interpolate(real, fake, epsilon);
    const gradAt = tf.grad((x: tf.Tensor) => tf.sum(this.judge(x as tf.Tensor2D, true)))(between);
    // With packing, a pack of m points is one input to D: its gradient norm spans the whole pack.
    const perInput = tf.reshape(gradAt, [-1, 2 * this.settings.packing]);
    const norms = tf.sqrt(tf.add(tf.sum(tf.square(perInput), 1), 1e-12));
    return tf.mean(tf.square(tf.sub(norms, 1))) as tf.Scalar;
  }

  generatorStep(withStats = false): void {
    this.followRateDecay();
    const noise = this.noiseTensor(this.settings.batchSize);
    const grads = this.gradientMode === 'autograd' ? this.generatorGradsAutograd(noise, withStats) : this.generatorGradsManual(noise, withStats);
    this.updates.generatorOptimizer.applyGradients(grads);
    tf.dispose([noise, ...grads.map((g) => g.tensor)]);
    this.steps++;
    this.updateAverage();
  }

  private recordGeneratorStats(lossValue: tf.Scalar, grads: tf.Tensor[]): void {
    const [gLoss, gradNormG] = tf.tidy(() => tf.stack([lossValue, globalNorm(grads)]).dataSync());
    this.updates.lastG = { gLoss, gradNormG };
  }

  private generatorGradsManual(noise: tf.Tensor2D, withStats: boolean): NamedGrad[] {
    const { loss, batchSize } = this.settings;
    const grads = tf.tidy(() => {
      const gTrace = forwardWithTrace(this.generator, noise);
      const dTrace = forwardWithTrace(this.discriminator, this.packRows(gTrace.output));
      const outputGrad = generatorOutputGradient(loss, dTrace.output);
      // Through D (its weights stay put) back to the fake points, then through G.
      const fakeGrad = backpropagate(this.discriminator, dTrace, outputGrad, false, true).inputGrad!;
      const paramGrads = backpropagate(this.generator, gTrace, tf.reshape(fakeGrad, [batchSize, 2]), true, false).paramGrads!;
      if (withStats) this.recordGeneratorStats(generatorLoss(loss, dTrace.output), paramGrads);
      return paramGrads;
    });
    return grads.map((tensor, i) => ({ name: this.generatorVars[i].name, tensor }));
  }

  private generatorGradsAutograd(noise: tf.Tensor2D, withStats: boolean): NamedGrad[] {
    const { value, grads } = tf.variableGrads(
      () => generatorLoss(this.settings.loss, this.judge(mlpForward(this.generator, noise))),
      this.generatorVars,
    );
    const ordered = this.generatorVars.map((v) => grads[v.name]);
    if (withStats) this.recordGeneratorStats(value, ordered);
    value.dispose();
    return this.generatorVars.map((v, i) => ({ name: v.name, tensor: ordered[i] }));
  }

  /** One epoch: k discriminator steps, then one generator step. Stats only when asked (a readback). */
  trainEpoch(withStats = false): StepStats | null {
    const k = this.settings.dSteps;
    for (let i = 0; i < k; i++) this.discriminatorStep(withStats && i === k - 1);
    this.generatorStep(withStats);
    return withStats ? this.latestStats() : null;
  }

  step(kind: StepKind, withStats = true): StepStats | null {
    if (kind === 'both') return this.trainEpoch(withStats);
    if (kind === 'discriminator') this.discriminatorStep(withStats);
    else this.generatorStep(withStats);
    return withStats ? this.latestStats() : null;
  }

  /** Latest stats; a network with no measured step yet reads NaN. */
  latestStats(): StepStats {
    return this.updates.latestStats();
  }

  hasStats(network: 'discriminator' | 'generator'): boolean {
    return this.updates.hasStats(network);
  }

  /** G(z) for the given noise rows. */
  generate(noise: Float32Array): Float32Array {
    return this.pointsFrom(this.generator, noise);
  }

  /** G_EMA(z): the averaged generator's points for the given noise rows; refused when the setting is off. */
  generateAveraged(noise: Float32Array): Float32Array {
    if (!this.averagedGenerator) throw new Error('The generator\'s weights are not averaged: set generatorAverage (the decay) above 0 to draw from an average.');
    return this.pointsFrom(this.averagedGenerator, noise);
  }

  private pointsFrom(net: Mlp, noise: Float32Array): Float32Array {
    const n = noise.length / this.settings.noiseDim;
    return tf.tidy(() => mlpForward(net, tf.tensor2d(noise, [n, this.settings.noiseDim])).dataSync() as Float32Array);
  }

  /** D's raw output at each point; with packing, each point is judged as a pack of m copies of itself. */
  discriminateEach(points: Float32Array): Float32Array {
    const n = points.length / 2;
    const m = this.settings.packing;
    return tf.tidy(() => {
      let x = tf.tensor2d(points, [n, 2]);
      if (m > 1) x = tf.tile(x, [1, m]);
      return mlpForward(this.discriminator, x).dataSync() as Float32Array;
    });
  }

  /**
   * Where the generator's loss pushes each fake point: −∂L_G/∂x, per point
   * (points judged in packs as in training, so n must be a multiple of m).
   */
  generatorPush(fakes: Float32Array): Float32Array {
    const n = fakes.length / 2;
    return tf.tidy(() => {
      const x = tf.tensor2d(fakes, [n, 2]);
      const g = tf.grad((p: tf.Tensor) => tf.mul(n, generatorLoss(this.settings.loss, this.judge(p as tf.Tensor2D))))(x);
      return tf.neg(g).dataSync() as Float32Array;
    });
  }

  captureWeights(): TrainerWeights {
    return {
      generator: readMlpWeights(this.generator),
      discriminator: readMlpWeights(this.discriminator),
      steps: this.steps,
      discriminatorSteps: this.discriminatorSteps,
      ...(this.averagedGenerator ? { generatorAverage: readMlpWeights(this.averagedGenerator), generatorAverageUpdates: this.averageUpdates } : {}),
    };
  }

  /**
   * Restores weights and step counts; optimizer state restarts (it may hold the NaNs we are escaping).
   * Weights saved without an average (the setting was off, or a model file) restart it:
   * its next update copies the generator.
   */
  restoreWeights(w: TrainerWeights): void {
    writeMlpWeights(this.generator, w.generator);
    writeMlpWeights(this.discriminator, w.discriminator);
    if (this.averagedGenerator) {
      if (w.generatorAverage) {
        writeMlpWeights(this.averagedGenerator, w.generatorAverage);
        this.averageUpdates = w.generatorAverageUpdates ?? 0;
      } else {
        writeMlpWeights(this.averagedGenerator, w.generator);
        this.averageUpdates = 0;
      }
    }
    this.steps = w.steps;
    this.discriminatorSteps = w.discriminatorSteps;
    this.updates.restart();
    // Fresh optimizers run at the set rates; the next step puts the decay back.
    this.appliedRateScale = 1;
  }

  dispose(): void {
    this.updates.disposeOptimizers();
    disposeMlp(this.generator);
    disposeMlp(this.discriminator);
    if (this.averagedGenerator) disposeMlp(this.averagedGenerator);
  }
}

/** A second network with the same shape and values (its own variables). */
function copyMlp(net: Mlp, name: string): Mlp {
  const layers = net.layers.map((l) => tf.tidy(() => ({
    weights: tf.variable(tf.clone(l.weights), false) as tf.Variable<tf.Rank.R2>,
    bias: tf.variable(tf.clone(l.bias), false) as tf.Variable<tf.Rank.R1>,
  })));
  return { name, sizes: [...net.sizes], activation: net.activation, layers };
}
