/**
 * Trains the digit U-Net (digitUnet.ts) with DDPM's noise-prediction loss (Ho et al. 2020,
 * Algorithm 1) and class dropout for classifier-free guidance, and samples digits with it
 * (digitDiffusionSampler.ts). Images are n·784 floats in [−1, 1], as core/mnist gives them.
 */
import * as tf from '../shared/tf';
import { SeededRandom } from '../shared/seededRandom';
import { countParams, createParams, disposeParams, loadParams, readParams } from '../shared/namedParams';
import { throwIfProblems } from '../shared/settingsProblems';
import type { NamedWeight } from '../shared/weightsBundle';
import { makeSchedule, type NoiseSchedule } from './noiseSchedule';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE, NULL_CLASS, digitDiffusionSettingsProblems, digitUnet, digitUnetSpecs, type DigitDiffusionSettings } from './digitUnet';
import { sampleDigits, type DigitSampleResult, type DigitSamplerKind } from './digitDiffusionSampler';

export interface DigitSampleOptions {
  sampler: DigitSamplerKind;
  steps: number;
  guidance: number;
  /** The class asked for, per image. */
  labels: ArrayLike<number>;
  /** Seeds the starting noise (and the ancestral sampler's): the same seed gives the same digits. */
  seed: number;
  trajectory?: boolean;
}

export interface DigitDiffusionWeights {
  steps: number;
  weights: NamedWeight[];
}

export class DigitDiffusionTrainer {
  readonly settings: DigitDiffusionSettings;
  readonly schedule: NoiseSchedule;
  readonly params: Map<string, tf.Variable>;
  private optimizer: tf.Optimizer;
  private readonly rng: SeededRandom;
  private stepCount = 0;
  private loss = NaN;

  constructor(settings: DigitDiffusionSettings) {
    throwIfProblems('digit diffusion settings', digitDiffusionSettingsProblems(settings));
    this.settings = { ...settings };
    this.schedule = makeSchedule(settings.schedule, settings.timesteps);
    this.rng = new SeededRandom(settings.seed);
    this.params = createParams(digitUnetSpecs(settings), this.rng.fork(1));
    this.optimizer = tf.train.adam(settings.learningRate);
  }

  get steps(): number {
    return this.stepCount;
  }

  get latestLoss(): number {
    return this.loss;
  }

  get parameterCount(): number {
    return countParams(digitUnetSpecs(this.settings));
  }

  /**
   * ε̂ for images [n, 28, 28, 1] at one time τ with one label per image. A v-predicting network's
   * output is turned into ε̂ = √ᾱ v̂ + √(1−ᾱ) x_t, so the samplers see noise either way.
   */
  predict = (x: tf.Tensor4D, tau: number, labels: Int32Array): tf.Tensor4D =>
    tf.tidy(() => {
      const out = digitUnet(this.params, this.settings, x, tf.fill([x.shape[0]], tau) as tf.Tensor1D, tf.tensor1d(labels, 'int32'));
      if (this.settings.prediction !== 'v') return out;
      const t = Math.min(this.settings.timesteps, Math.max(0, Math.round(tau * this.settings.timesteps)));
      const ab = this.schedule.alphaBars[t];
      return tf.add(tf.mul(out, Math.sqrt(ab)), tf.mul(x, Math.sqrt(1 - ab))) as tf.Tensor4D;
    });

  /** Multiplies the learning rate (a schedule's decay); 1 restores the settings' rate. */
  setLearningRateScale(scale: number): void {
    (this.optimizer as unknown as { learningRate: number }).learningRate = this.settings.learningRate * scale;
  }

  /**
   * One Adam step on a batch: images n·784 in [−1, 1] and their labels; each label is dropped to
   * "no class" with probability classDropout, t ~ U{1…T}, ε ~ N(0, I), loss ‖ε − ε_θ(x_t, t, c)‖²
   * (or ‖v − v_θ‖² with v = √ᾱ ε − √(1−ᾱ) x₀ for a v-predicting network).
   */
  step(images: Float32Array, labels: ArrayLike<number>, withStats = true): number | null {
    const n = labels.length;
    if (n < 1 || images.length !== n * DIGIT_PIXELS) throw new Error(`a batch needs ${DIGIT_PIXELS} pixels per label (got ${images.length} values for ${n} labels)`);
    const T = this.settings.timesteps;
    const kept = new Int32Array(n);
    const signal = new Float32Array(n);
    const noise = new Float32Array(n);
    const taus = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      if (!Number.isInteger(c) || c < 0 || c >= DIGIT_CLASSES) throw new Error(`label ${i} is ${c}, not a digit 0–9`);
      kept[i] = this.rng.next() < this.settings.classDropout ? NULL_CLASS : c;
      const t = 1 + this.rng.int(T);
      taus[i] = t / T;
      signal[i] = Math.sqrt(this.schedule.alphaBars[t]);
      noise[i] = Math.sqrt(1 - this.schedule.alphaBars[t]);
    }
    const eps = this.rng.fillNormal(new Float32Array(n * DIGIT_PIXELS));
    const tensors = {
      x0: tf.tensor4d(images, [n, DIGIT_SIDE, DIGIT_SIDE, 1]),
      eps: tf.tensor4d(eps, [n, DIGIT_SIDE, DIGIT_SIDE, 1]),
      signal: tf.tensor4d(signal, [n, 1, 1, 1]),
      noise: tf.tensor4d(noise, [n, 1, 1, 1]),
      taus: tf.tensor1d(taus),
      labels: tf.tensor1d(kept, 'int32'),
    };
    let lossTensor: tf.Scalar | null;
    try {
      lossTensor = this.optimizer.minimize(() => {
        const xt = tf.add(tf.mul(tensors.x0, tensors.signal), tf.mul(tensors.eps, tensors.noise)) as tf.Tensor4D;
        const target = this.settings.prediction === 'v' ? tf.sub(tf.mul(tensors.eps, tensors.signal), tf.mul(tensors.x0, tensors.noise)) : tensors.eps;
        return tf.mean(tf.square(tf.sub(digitUnet(this.params, this.settings, xt, tensors.taus, tensors.labels), target))) as tf.Scalar;
      }, withStats, [...this.params.values()]);
    } finally {
      tf.dispose(Object.values(tensors));
    }
    this.stepCount++;
    if (!lossTensor) return null;
    this.loss = lossTensor.dataSync()[0];
    lossTensor.dispose();
    return this.loss;
  }

  /** Digits from seeded noise, one per label, with guidance scale w. */
  sample(options: DigitSampleOptions): DigitSampleResult {
    const labels = Int32Array.from(options.labels);
    const rng = new SeededRandom(options.seed);
    const noise = rng.fillNormal(new Float32Array(labels.length * DIGIT_PIXELS));
    return sampleDigits(this.predict, this.schedule, {
      sampler: options.sampler, steps: options.steps, guidance: options.guidance, labels, noise, rng: rng.fork(7), trajectory: options.trajectory ?? false,
    });
  }

  captureWeights(): DigitDiffusionWeights {
    return { steps: this.stepCount, weights: readParams(digitUnetSpecs(this.settings), this.params) };
  }

  /** Puts weights back (checked first, so a bad set changes nothing); Adam's moments start again. */
  restoreWeights(saved: DigitDiffusionWeights): void {
    loadParams('Digit U-Net', this.params, saved.weights);
    this.optimizer.dispose();
    this.optimizer = tf.train.adam(this.settings.learningRate);
    this.stepCount = saved.steps;
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeParams(this.params);
  }
}
