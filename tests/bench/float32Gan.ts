/**
 * The benchmark floor: the adversarial training loop hand-written with
 * Float32Array arithmetic, no TF.js. It builds the same networks from the same
 * seeded streams as GanTrainer (so, up to rounding, it trains the same run)
 * and allocates every buffer once, so its speed is what plain loops can do.
 * Its gradients double as an independent check of TF.js's maths in the tests.
 *
 * Supports any hidden sizes; relu, leakyRelu (0.2) and tanh; the minimax,
 * non-saturating, least-squares and hinge losses; packing; SGD (with optional
 * momentum) and Adam. Not WGAN-GP: its penalty needs second derivatives.
 */
import type { GanSettings, LossKind } from '../../src/core/pointGan/ganSettings';
import type { TrainerWeights } from '../../src/core/pointGan/ganTrainer';
import { Float32Mlp } from './float32Mlp';
import { SeededRandom } from '../../src/core/shared/seededRandom';
import { makeDistribution, type ToyDistribution } from '../../src/core/points/toyDistributions';

/** TF.js's default epsilon on float32 backends, so Adam behaves the same. */
const ADAM_EPSILON = 1e-7;

export interface GradientResult {
  loss: number;
  /** One array per variable, in order w0, b0, w1, b1, … (copies). */
  gradients: Float32Array[];
}

const SIDES = ['real', 'fake'] as const;

const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** An optimizer's state for one network: a slot per parameter array. */
class Float32Optimizer {
  private readonly first: Float32Array[];
  private readonly second: Float32Array[];
  private step = 0;

  constructor(private readonly net: GanSettings['generator'], private readonly params: Float32Array[]) {
    this.first = params.map((p) => new Float32Array(p.length));
    this.second = net.optimizer === 'adam' ? params.map((p) => new Float32Array(p.length)) : [];
  }

  apply(grads: Float32Array[]): void {
    const { optimizer, learningRate: lr, momentum, beta1, beta2 } = this.net;
    this.step++;
    // Adam's bias corrections, as TF.js computes them (β^t accumulated per step).
    const correct1 = 1 - beta1 ** this.step;
    const correct2 = 1 - beta2 ** this.step;
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k];
      const g = grads[k];
      const m = this.first[k];
      if (optimizer === 'adam') {
        const v = this.second[k];
        for (let i = 0; i < p.length; i++) {
          m[i] = beta1 * m[i] + (1 - beta1) * g[i];
          v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
          p[i] -= (lr * (m[i] / correct1)) / (Math.sqrt(v[i] / correct2) + ADAM_EPSILON);
        }
      } else if (momentum > 0) {
        // TF.js momentum: accumulate = μ·accumulate + g; w −= lr·accumulate.
        for (let i = 0; i < p.length; i++) {
          m[i] = momentum * m[i] + g[i];
          p[i] -= lr * m[i];
        }
      } else {
        for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
      }
    }
  }
}

export class Float32Gan {
  readonly settings: GanSettings;
  readonly distribution: ToyDistribution;
  generatorSteps = 0;
  discriminatorSteps = 0;
  private readonly generator: Float32Mlp;
  private readonly discriminator: Float32Mlp;
  private readonly generatorOptimizer: Float32Optimizer;
  private readonly discriminatorOptimizer: Float32Optimizer;
  private readonly dataRng: SeededRandom;
  private readonly noiseRng: SeededRandom;
  private readonly realBatch: Float32Array;
  private readonly noiseBatch: Float32Array;
  private readonly fakeBatch: Float32Array;
  /** ∂L/∂(D output) per packed row. */
  private readonly outputGrad: Float32Array;

  constructor(settings: GanSettings, customPoints?: Float32Array) {
    const unsupported: Partial<Record<LossKind, string>> = { wganGp: 'WGAN-GP (its gradient penalty needs second derivatives)' };
    if (unsupported[settings.loss]) throw new Error(`Float32Gan does not implement ${unsupported[settings.loss]}; use GanTrainer for it.`);
    if (settings.batchSize % settings.packing !== 0) throw new Error(`batchSize (${settings.batchSize}) must be a multiple of packing (${settings.packing})`);
    this.settings = settings;
    this.distribution = makeDistribution(settings, customPoints);
    // The same stream layout as GanTrainer: fork 1 initialises, 2 draws data, 3 draws noise.
    const root = new SeededRandom(settings.seed);
    const initRng = root.fork(1);
    this.dataRng = root.fork(2);
    this.noiseRng = root.fork(3);
    const { batchSize: n, packing: m, noiseDim } = settings;
    this.generator = new Float32Mlp([noiseDim, ...settings.generator.hidden, 2], settings.generator.activation, initRng, n);
    this.discriminator = new Float32Mlp([2 * m, ...settings.discriminator.hidden, 1], settings.discriminator.activation, initRng, n / m);
    this.generatorOptimizer = new Float32Optimizer(settings.generator, this.generator.params);
    this.discriminatorOptimizer = new Float32Optimizer(settings.discriminator, this.discriminator.params);
    this.realBatch = new Float32Array(2 * n);
    this.noiseBatch = new Float32Array(noiseDim * n);
    this.fakeBatch = new Float32Array(2 * n);
    this.outputGrad = new Float32Array(n / m);
  }

  /** One epoch: dSteps discriminator updates, then one generator update. */
  trainEpoch(): void {
    for (let i = 0; i < this.settings.dSteps; i++) this.discriminatorStep();
    this.generatorStep();
  }

  discriminatorStep(): void {
    const n = this.settings.batchSize;
    this.sampleReal(this.realBatch);
    this.sampleNoise(this.noiseBatch);
    this.generator.forward(this.noiseBatch, n);
    this.fakeBatch.set(this.generator.output.subarray(0, 2 * n));
    this.discriminatorBackprop(this.realBatch, this.fakeBatch, n);
    this.discriminatorOptimizer.apply(this.discriminator.grads);
    this.discriminatorSteps++;
  }

  generatorStep(): void {
    this.sampleNoise(this.noiseBatch);
    this.generatorBackprop(this.noiseBatch, this.settings.batchSize);
    this.generatorOptimizer.apply(this.generator.grads);
    this.generatorSteps++;
  }

  /** D's loss and gradients for n real and n fake points (n ≤ batchSize, a multiple of packing). */
  discriminatorGradients(real: Float32Array, fake: Float32Array): GradientResult {
    const n = this.checkRows(real.length / 2, 'real points');
    if (fake.length !== real.length) throw new Error(`real and fake must hold the same number of points (${real.length / 2} vs ${fake.length / 2})`);
    const loss = this.discriminatorBackprop(real, fake, n);
    return { loss, gradients: this.discriminator.grads.map((g) => g.slice()) };
  }

  /** G's loss and gradients for n noise rows (n ≤ batchSize, a multiple of packing). */
  generatorGradients(noise: Float32Array): GradientResult {
    const n = this.checkRows(noise.length / this.settings.noiseDim, 'noise rows');
    const loss = this.generatorBackprop(noise, n);
    return { loss, gradients: this.generator.grads.map((g) => g.slice()) };
  }

  generate(noise: Float32Array): Float32Array {
    const n = this.checkRows(noise.length / this.settings.noiseDim, 'noise rows');
    this.generator.forward(noise, n);
    return this.generator.output.slice(0, 2 * n);
  }

  /** D's raw outputs for points judged in packs of `packing`, as in training. */
  discriminate(points: Float32Array): Float32Array {
    const rows = this.checkRows(points.length / 2, 'points') / this.settings.packing;
    this.discriminator.forward(points, rows);
    return this.discriminator.output.slice(0, rows);
  }

  readWeights(): Pick<TrainerWeights, 'generator' | 'discriminator'> {
    return { generator: this.generator.params.map((p) => p.slice()), discriminator: this.discriminator.params.map((p) => p.slice()) };
  }

  writeWeights(weights: Pick<TrainerWeights, 'generator' | 'discriminator'>): void {
    this.generator.setParams(weights.generator, 'generator');
    this.discriminator.setParams(weights.discriminator, 'discriminator');
  }

  private checkRows(n: number, what: string): number {
    const { batchSize, packing } = this.settings;
    if (!Number.isInteger(n) || n < packing || n > batchSize || n % packing !== 0) {
      throw new Error(`expected a whole number of ${what} from ${packing} to ${batchSize}, in multiples of ${packing}; got ${n}`);
    }
    return n;
  }

  /** Mixtures are drawn into the reusable buffer exactly as ToyDistribution.sample draws them. */
  private sampleReal(out: Float32Array): void {
    const { modeCenters: centers, sigma } = this.distribution;
    const n = out.length / 2;
    if (!centers) {
      out.set(this.distribution.sample(n, this.dataRng)); // curves and custom data: one array per step
      return;
    }
    const modes = centers.length / 2;
    const rng = this.dataRng;
    for (let i = 0; i < n; i++) {
      const k = rng.int(modes);
      out[2 * i] = centers[2 * k] + sigma * rng.normal();
      out[2 * i + 1] = centers[2 * k + 1] + sigma * rng.normal();
    }
  }

  private sampleNoise(out: Float32Array): void {
    if (this.settings.noiseKind === 'gaussian') this.noiseRng.fillNormal(out);
    else this.noiseRng.fillUniform(out, -1, 1);
  }

  /** Fills D's grads for the batch and returns the loss; n points in, n/packing packed rows judged. */
  private discriminatorBackprop(real: Float32Array, fake: Float32Array, n: number): number {
    const { loss: kind, realLabel: t } = this.settings;
    const rows = n / this.settings.packing;
    const d = this.discriminator;
    const dOut = this.outputGrad;
    d.zeroGrads();
    let loss = 0;
    for (const side of SIDES) {
      d.forward(side === 'real' ? real : fake, rows);
      const out = d.output;
      for (let r = 0; r < rows; r++) {
        const y = out[r];
        let value: number;
        let grad: number;
        if (kind === 'minimax' || kind === 'nonSaturating') {
          // −[t·log σ(y) + (1−t)·log(1−σ(y))] for reals, −log(1−σ(y)) for fakes.
          value = side === 'real' ? t * softplus(-y) + (1 - t) * softplus(y) : softplus(y);
          grad = side === 'real' ? sigmoid(y) - t : sigmoid(y);
        } else if (kind === 'leastSquares') {
          const target = side === 'real' ? t : 0;
          value = 0.5 * (y - target) ** 2;
          grad = y - target;
        } else {
          // Hinge: relu(1 − y) for reals, relu(1 + y) for fakes (TF.js's relu gradient at 0 is 0).
          const margin = side === 'real' ? 1 - y : 1 + y;
          value = Math.max(0, margin);
          grad = margin > 0 ? (side === 'real' ? -1 : 1) : 0;
        }
        loss += value / rows;
        dOut[r] = grad / rows;
      }
      d.backward(dOut, rows, false);
    }
    return loss;
  }

  /** Fills G's grads through the (frozen) discriminator and returns G's loss. */
  private generatorBackprop(noise: Float32Array, n: number): number {
    const kind = this.settings.loss;
    const rows = n / this.settings.packing;
    const g = this.generator;
    const d = this.discriminator;
    g.forward(noise, n);
    // G's output rows are already packed: [n, 2] and [n/m, 2m] share one row-major layout.
    d.forward(g.output, rows);
    const out = d.output;
    const dOut = this.outputGrad;
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const y = out[r];
      if (kind === 'minimax') {
        loss -= softplus(y) / rows;
        dOut[r] = -sigmoid(y) / rows;
      } else if (kind === 'nonSaturating') {
        loss += softplus(-y) / rows;
        dOut[r] = (sigmoid(y) - 1) / rows;
      } else if (kind === 'leastSquares') {
        loss += (0.5 * (y - 1) ** 2) / rows;
        dOut[r] = (y - 1) / rows;
      } else {
        loss -= y / rows;
        dOut[r] = -1 / rows;
      }
    }
    // Only ∂L/∂input is wanted from D here; its own parameter gradients are skipped.
    d.backward(dOut, rows, true);
    g.zeroGrads();
    g.backward(d.inputGrad, n, false);
    return loss;
  }
}
