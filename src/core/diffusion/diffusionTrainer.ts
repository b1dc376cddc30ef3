/**
 * Trains a denoiser on 2D points with DDPM noise prediction or flow matching, and runs it:
 * the reverse process from noise (diffusionSamplers.ts), and the learned field on a grid.
 * Points go in and come out in data space; the network works on data / scale.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { SmallAdamOptimizer } from '../shared/smallAdam';
import { checkParams, countParams, createParams, disposeParams, loadParams, readParams } from '../shared/namedParams';
import { throwIfProblems } from '../shared/settingsProblems';
import type { NamedWeight } from '../shared/weightsBundle';
import type { Bounds, ToyDistribution } from '../points/toyDistributions';
import { cloneDiffusionSettings, diffusionSettingsProblems, emaOn, type DiffusionSettings } from './diffusionSettings';
import { diffusionData } from './diffusionData';
import { denoise, denoiserSpecs } from './denoiser';
import { flowMatchingLoss, noisePredictionLoss } from './diffusionObjectives';
import { makeSchedule, type NoiseSchedule } from '../denoising/noiseSchedule';
import { sampleReverse, type SampleResult } from './diffusionSamplers';
import type { SamplerKind } from './samplerKinds';

export interface SampleOptions {
  sampler: SamplerKind;
  steps: number;
  /** Keep every intermediate state. */
  trajectory?: boolean;
  /** Seeds the starting noise (and the ancestral sampler's): the same seed gives the same particles. */
  seed: number;
}

/** The moving average's decay (DDPM's code uses 0.9999 over 800k steps; the lab trains thousands). */
export const EMA_DECAY = 0.999;

/**
 * The decay used after `steps` optimizer steps: min(decay, (1 + steps) / (10 + steps)), the usual
 * warm-up, so the average forgets the random starting weights within the first few hundred steps.
 */
export function emaDecayAt(steps: number, decay: number): number {
  return Math.min(decay, (1 + steps) / (10 + steps));
}

/** Tuning the settings do not expose (the bench and the tests set them). */
export interface DiffusionTrainerOptions {
  /** The moving average's decay when the settings' `ema` is on (default EMA_DECAY). */
  emaDecay?: number;
}

/** Weights and the step count, as a healthy state or a file keeps them. */
export interface DiffusionWeights {
  steps: number;
  weights: NamedWeight[];
  /** The weights' moving average, when the settings keep one (same names and shapes). */
  average?: NamedWeight[];
}

export class DiffusionTrainer {
  readonly settings: DiffusionSettings;
  readonly schedule: NoiseSchedule;
  readonly distribution: ToyDistribution;
  /** Data / scale is the model's space. */
  readonly scale: number;
  private readonly params: Map<string, tf.Variable>;
  /** The exponential moving average of the weights (null when the setting is off): sampling and the field use it. */
  private readonly emaParams: Map<string, tf.Variable> | null;
  private readonly emaDecay: number;
  private readonly layerCount: number;
  private optimizer: tf.Optimizer;
  private readonly rng: SeededRandom;
  private stepCount = 0;
  private loss = NaN;

  constructor(settings: DiffusionSettings, options: DiffusionTrainerOptions = {}) {
    throwIfProblems('diffusion settings', diffusionSettingsProblems(settings));
    const emaDecay = options.emaDecay ?? EMA_DECAY;
    if (!(emaDecay > 0 && emaDecay < 1)) throw new Error(`the moving average's decay must lie between 0 and 1 (got ${emaDecay})`);
    this.emaDecay = emaDecay;
    this.settings = cloneDiffusionSettings(settings);
    this.schedule = makeSchedule(settings.schedule, settings.timesteps);
    const data = diffusionData(settings.dataset);
    this.distribution = data.distribution;
    this.scale = data.scale;
    this.rng = new SeededRandom(settings.seed);
    this.params = createParams(denoiserSpecs(settings), this.rng.fork(1));
    this.layerCount = settings.hidden.length + 1;
    this.optimizer = new SmallAdamOptimizer(settings.learningRate);
    this.emaParams = emaOn(settings) ? copyParams(this.params) : null;
  }

  /** Whether sampling and the field use the moving average of the weights. */
  get usesEma(): boolean {
    return this.emaParams !== null;
  }

  get steps(): number {
    return this.stepCount;
  }

  /** The loss of the latest step taken with stats (NaN before any). */
  get latestLoss(): number {
    return this.loss;
  }

  get bounds(): Bounds {
    return this.distribution.bounds;
  }

  get parameterCount(): number {
    return countParams(denoiserSpecs(this.settings));
  }

  /** The network's output at points x (model space) [n, 2] and one time τ in [0, 1]. */
  predict = (x: tf.Tensor2D, tau: number): tf.Tensor2D =>
    tf.tidy(() => denoise(this.emaParams ?? this.params, this.layerCount, this.settings.timeEmbedding, x, tf.fill([x.shape[0]], tau) as tf.Tensor1D));

  /** One Adam step on a fresh batch; returns the batch's loss when `withStats`, else null. */
  step(withStats = true): number | null {
    const { batchSize: n, objective, timesteps: T } = this.settings;
    const x0Data = this.distribution.sample(n, this.rng);
    for (let i = 0; i < x0Data.length; i++) x0Data[i] /= this.scale;
    const eps = this.rng.fillNormal(new Float32Array(2 * n));
    // DDPM draws a whole step t ~ U{1…T} (Algorithm 1); flow matching a time τ ~ U[0, 1].
    const taus = new Float32Array(n);
    for (let i = 0; i < n; i++) taus[i] = objective === 'epsilon' ? (1 + this.rng.int(T)) / T : this.rng.next();
    const x0 = tf.tensor2d(x0Data, [n, 2]);
    const epsilon = tf.tensor2d(eps, [n, 2]);
    const tau1 = tf.tensor1d(taus);
    let lossTensor: tf.Scalar | null;
    try {
      const predict = (xt: tf.Tensor2D) => denoise(this.params, this.layerCount, this.settings.timeEmbedding, xt, tau1);
      lossTensor = this.optimizer.minimize(() => {
        if (objective === 'velocity') return flowMatchingLoss(predict, x0, epsilon, tf.reshape(tau1, [n, 1]) as tf.Tensor2D);
        const signal = new Float32Array(n);
        const noise = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const ab = this.schedule.alphaBars[Math.round(taus[i] * T)];
          signal[i] = Math.sqrt(ab);
          noise[i] = Math.sqrt(1 - ab);
        }
        return noisePredictionLoss(predict, x0, epsilon, tf.tensor2d(signal, [n, 1]), tf.tensor2d(noise, [n, 1]));
      }, withStats, [...this.params.values()]);
    } finally {
      tf.dispose([x0, epsilon, tau1]);
    }
    this.stepCount++;
    if (this.emaParams) this.updateEma();
    if (!lossTensor) return null;
    this.loss = lossTensor.dataSync()[0];
    lossTensor.dispose();
    return this.loss;
  }

  /** The reverse process from seeded noise: samples (and their trajectories) in data space. */
  sample(count: number, options: SampleOptions): SampleResult {
    if (!Number.isInteger(count) || count < 1) throw new Error(`the number of samples must be a whole number, at least 1 (got ${count})`);
    const rng = new SeededRandom(options.seed);
    const noise = rng.fillNormal(new Float32Array(2 * count));
    const result = sampleReverse(this.predict, this.settings.objective, this.schedule, {
      sampler: options.sampler, steps: options.steps, noise, rng: rng.fork(7), trajectory: options.trajectory ?? false,
    });
    const toData = (a: Float32Array) => {
      for (let i = 0; i < a.length; i++) a[i] *= this.scale;
      return a;
    };
    return { samples: toData(result.samples), trajectory: result.trajectory && toData(result.trajectory), times: result.times };
  }

  /**
   * The learned field at step t (1…T) on a size × size grid over `bounds` (row 0 at yMax, column 0
   * at xMin), as interleaved dx, dy in data space. DDPM: the score ∇log p_t(x) ≈ −ε_θ / √(1−ᾱ_t)
   * (Song & Ermon's link between noise and score). Flow matching: −v_θ, the way a particle moves
   * as time runs back towards the data.
   */
  field(t: number, size: number, bounds: Bounds): Float32Array {
    const T = this.settings.timesteps;
    if (!Number.isInteger(t) || t < 1 || t > T) throw new Error(`the field's step must be a whole number from 1 to ${T} (got ${t})`);
    if (!Number.isInteger(size) || size < 2) throw new Error(`the field's grid must be at least 2 × 2 (got ${size})`);
    const points = new Float32Array(size * size * 2);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const i = 2 * (row * size + col);
        points[i] = (bounds.xMin + ((bounds.xMax - bounds.xMin) * col) / (size - 1)) / this.scale;
        points[i + 1] = (bounds.yMax - ((bounds.yMax - bounds.yMin) * row) / (size - 1)) / this.scale;
      }
    }
    const out = tf.tidy(() => this.predict(tf.tensor2d(points, [size * size, 2]), t / T).dataSync() as Float32Array);
    // Score in data space: ∇_x log p(x) = (1 / scale) ∇_m log p(m); a velocity in data space is scale × v.
    const factor = this.settings.objective === 'epsilon' ? -1 / (Math.sqrt(1 - this.schedule.alphaBars[t]) * this.scale) : -this.scale;
    return out.map((v) => v * factor);
  }

  /** ema ← d·ema + (1 − d)·weights, with d = emaDecayAt(steps taken). */
  private updateEma(): void {
    const d = emaDecayAt(this.stepCount, this.emaDecay);
    tf.tidy(() => {
      for (const [name, ema] of this.emaParams!) ema.assign(tf.add(tf.mul(ema, d), tf.mul(this.params.get(name)!, 1 - d)));
    });
  }

  /** The weights sampling uses: the moving average when it is on, else the trained weights. */
  captureSamplingWeights(): NamedWeight[] {
    return readParams(denoiserSpecs(this.settings), this.emaParams ?? this.params);
  }

  captureWeights(): DiffusionWeights {
    const specs = denoiserSpecs(this.settings);
    const saved: DiffusionWeights = { steps: this.stepCount, weights: readParams(specs, this.params) };
    if (this.emaParams) saved.average = readParams(specs, this.emaParams);
    return saved;
  }

  /**
   * Puts weights back (checked first, so a bad set changes nothing); Adam's moments start again,
   * and the moving average is the saved one, or starts again from the weights when none was saved.
   */
  restoreWeights(saved: DiffusionWeights): void {
    checkParams('Denoiser', this.params, byName(saved.weights));
    if (this.emaParams && saved.average) checkParams('Denoiser (moving average)', this.emaParams, byName(saved.average));
    loadParams('Denoiser', this.params, saved.weights);
    if (this.emaParams) loadParams('Denoiser (moving average)', this.emaParams, saved.average ?? saved.weights);
    this.optimizer.dispose();
    this.optimizer = new SmallAdamOptimizer(this.settings.learningRate);
    this.stepCount = saved.steps;
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeParams(this.params);
    if (this.emaParams) disposeParams(this.emaParams);
  }
}

/** Saved values by name, for checkParams (shapes only: nothing is made before every one is checked). */
const byName = (saved: readonly NamedWeight[]) => new Map(saved.map((w) => [w.name, w]));

function copyParams(params: ReadonlyMap<string, tf.Variable>): Map<string, tf.Variable> {
  return new Map([...params].map(([name, v]) => [name, tf.tidy(() => tf.variable(v.clone(), false))]));
}
