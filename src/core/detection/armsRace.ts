/**
 * The arms race between a forger and a detector, on the digit GANs' generators.
 *
 * Evasion: the generator is fine-tuned against a frozen detector. Its loss is
 *
 *   L_G = w_quality · (quality term) + w_detector · mean softplus(detector logit of G(z)),
 *
 * where softplus(logit) = −ln(1 − P(fake)): the detector term falls as the detector calls the
 * fakes real. The detector's weights are never in the list the optimizer updates; gradients only
 * flow through it to the pictures. The quality term is the generator's usual GAN loss
 * (non-saturating, −ln D(G(z))) against its own discriminator, which the checkpoint carries and
 * which keeps training on real digits, so the fakes must stay digit-like to the discriminator
 * while they dodge the detector. A checkpoint without a discriminator gets an anchor instead:
 * the mean squared distance from the original generator's picture for the same noise, so the
 * forger can only move its pictures a little.
 *
 * A round: a fresh detector trains on the generator's current fakes (its held-out accuracy is
 * the "caught" figure); then the generator is fine-tuned against it (the same detector's
 * accuracy on fresh fakes is the "evaded" figure, with the generator's Inception Score).
 */
import * as tf from '../shared/tf';
import { readBack } from '../shared/readBack';
import { SeededRandom } from '../shared/seededRandom';
import { SettingsProblems, throwIfProblems } from '../shared/settingsProblems';
import type { DigitCheckpoint } from '../mnist/digitCheckpoint';
import { createDigitNet, discriminatorForward, disposeDigitNet, generatorForward, loadWeights, netVariables, type DigitNet } from '../mnist/digitGanModels';
import type { DigitClassifier } from '../mnist/digitClassifier';
import { inceptionScore } from '../mnist/inceptionScore';
import type { BinaryDetector } from './binaryDetector';
import { labelledSet, splitDetectionSet } from './detectionSet';
import { DEFAULT_PIXEL_DETECTOR_SETTINGS, DEFAULT_SPECTRUM_DETECTOR_SETTINGS } from './detectorSettings';
import { PixelDetector } from './pixelDetector';
import { SpectrumDetector } from './spectrumDetector';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

export interface EvasionSettings {
  /** Weight of the frozen detector's term. */
  detectorWeight: number;
  /** Weight of the quality term (the GAN loss, or the anchor without a discriminator). */
  qualityWeight: number;
  learningRate: number;
  batchSize: number;
  seed: number;
}

export const EVASION_LIMITS = {
  detectorWeight: { min: 0, max: 100 },
  qualityWeight: { min: 0, max: 100 },
  learningRate: { min: 1e-6, max: 0.1 },
  batchSize: { min: 1, max: 512 },
  seed: { min: 0, max: 2 ** 32 - 1 },
} as const;

export const DEFAULT_EVASION_SETTINGS: EvasionSettings = { detectorWeight: 1, qualityWeight: 1, learningRate: 5e-4, batchSize: 64, seed: 1 };

export function evasionSettingsProblems(s: EvasionSettings): string[] {
  const p = new SettingsProblems();
  p.number('detector weight', s.detectorWeight, EVASION_LIMITS.detectorWeight);
  p.number('quality weight', s.qualityWeight, EVASION_LIMITS.qualityWeight);
  p.number('learning rate', s.learningRate, EVASION_LIMITS.learningRate);
  p.number('batch size', s.batchSize, EVASION_LIMITS.batchSize, true);
  p.number('seed', s.seed, EVASION_LIMITS.seed, true);
  return p.list;
}

export interface EvasionStep {
  /** Mean softplus(detector logit) of the batch's fakes before the update (ln 2 when the detector says ½). */
  detectorLoss: number;
  /** The quality term before the update. */
  qualityLoss: number;
  /** Mean P(fake) the detector gave the batch. */
  fakeProbability: number;
}

/** The generator of a digit GAN checkpoint, fine-tuned against a frozen detector. */
export class GeneratorEvasion {
  readonly settings: EvasionSettings;
  readonly quality: 'gan' | 'anchor';
  private readonly generator: DigitNet;
  private readonly discriminator: DigitNet | null;
  private readonly anchor: DigitNet | null;
  private readonly gOptimizer: tf.Optimizer;
  private readonly dOptimizer: tf.Optimizer | null;
  private readonly real: tf.Tensor4D;
  private readonly rng: SeededRandom;
  private readonly latent: number;
  private disposed = false;
  steps = 0;

  /** `real`: real digits (28×28 in [-1, 1]) the discriminator keeps learning from. */
  constructor(checkpoint: DigitCheckpoint, real: Float32Array, settings: EvasionSettings = DEFAULT_EVASION_SETTINGS) {
    throwIfProblems('The arms race settings', evasionSettingsProblems(settings));
    if (checkpoint.settings.conditional) throw new RangeError('The arms race fine-tunes an unconditional generator; this checkpoint is conditional.');
    if (real.length < PIXELS || real.length % PIXELS !== 0) throw new RangeError(`The real digits must be whole 28×28 pictures; ${real.length} values are not.`);
    this.settings = { ...settings };
    this.latent = checkpoint.settings.latentSize;
    this.rng = new SeededRandom(settings.seed).fork(5);
    const weights = new Map(checkpoint.weights.map((w) => [w.name, tf.tensor(w.data, w.shape)] as const));
    const made: DigitNet[] = [];
    try {
      this.generator = createDigitNet('generator', checkpoint.settings, new SeededRandom(0));
      made.push(this.generator);
      loadWeights(this.generator, weights);
      let discriminator: DigitNet | null = createDigitNet('discriminator', checkpoint.settings, new SeededRandom(0));
      made.push(discriminator);
      try {
        loadWeights(discriminator, weights);
      } catch {
        disposeDigitNet(discriminator);
        made.pop();
        discriminator = null;
      }
      this.discriminator = discriminator;
      this.quality = discriminator ? 'gan' : 'anchor';
      this.anchor = discriminator ? null : createDigitNet('generator', checkpoint.settings, new SeededRandom(0));
      if (this.anchor) {
        made.push(this.anchor);
        loadWeights(this.anchor, weights);
      }
    } catch (error) {
      made.forEach(disposeDigitNet);
      throw error;
    } finally {
      tf.dispose([...weights.values()]);
    }
    this.gOptimizer = tf.train.adam(settings.learningRate, 0.5, 0.999);
    this.dOptimizer = this.discriminator ? tf.train.adam(settings.learningRate, 0.5, 0.999) : null;
    this.real = tf.tensor4d(real, [real.length / PIXELS, SIDE, SIDE, 1]);
  }

  private checkLive(): void {
    if (this.disposed) throw new Error('This generator has been disposed.');
  }

  private noise(n: number): tf.Tensor2D {
    const z = new Float32Array(n * this.latent);
    this.rng.fillNormal(z);
    return tf.tensor2d(z, [n, this.latent]);
  }

  /** The generator's trainable weights (live variables: read, never dispose). */
  generatorVariables(): tf.Variable[] {
    return netVariables(this.generator);
  }

  /**
   * One update: the discriminator first (when there is one and the quality weight is above 0),
   * on a batch of real digits against the generator's fakes; then the generator, on the weighted
   * sum of its terms. The detector is read, never changed.
   */
  step(detector: BinaryDetector): EvasionStep {
    this.checkLive();
    const { batchSize: n, detectorWeight, qualityWeight } = this.settings;
    const z = this.noise(n);
    try {
      if (this.discriminator && this.dOptimizer && qualityWeight > 0) {
        const picks = tf.tensor1d(Int32Array.from({ length: n }, () => this.rng.int(this.real.shape[0])), 'int32');
        const dz = this.noise(n);
        // Drawn outside the optimizer's function: the discriminator's step computes no generator gradient.
        const drawn = tf.tidy(() => generatorForward(this.generator, dz));
        try {
          tf.dispose(this.dOptimizer.minimize(() => {
            const real = discriminatorForward(this.discriminator!, tf.gather(this.real, picks));
            const fake = discriminatorForward(this.discriminator!, drawn);
            // Non-saturating GAN, the checkpoints' own loss: −ln D(x) − ln(1 − D(G(z))).
            return tf.add(tf.mean(tf.softplus(tf.neg(real))), tf.mean(tf.softplus(fake))) as tf.Scalar;
          }, false, netVariables(this.discriminator)) ?? []);
        } finally {
          tf.dispose([picks, dz, drawn]);
        }
      }
      const anchored = this.anchor ? tf.tidy(() => generatorForward(this.anchor!, z)) : null;
      let detectorLoss = 0;
      let qualityLoss = 0;
      let fakeProbability = 0;
      const cost = this.gOptimizer.minimize(() => {
        const fakes = generatorForward(this.generator, z);
        const logits = detector.pictureLogits(fakes);
        const detectorTerm = tf.mean(tf.softplus(logits));
        const qualityTerm = this.discriminator
          ? tf.mean(tf.softplus(tf.neg(discriminatorForward(this.discriminator, fakes))))
          : tf.mean(tf.square(tf.sub(fakes, anchored!)));
        // One readback for the three figures.
        const [d, q, p] = tf.stack([detectorTerm, qualityTerm, tf.mean(tf.sigmoid(logits))]).dataSync();
        detectorLoss = d;
        qualityLoss = q;
        fakeProbability = p;
        return tf.add(tf.mul(detectorWeight, detectorTerm), tf.mul(qualityWeight, qualityTerm)) as tf.Scalar;
      }, false, this.generatorVariables());
      tf.dispose([cost ?? [], anchored ?? []]);
      this.steps++;
      return { detectorLoss, qualityLoss, fakeProbability };
    } finally {
      z.dispose();
    }
  }

  /** `count` fakes on noise from `seed` (28×28 in [-1, 1], picture after picture). */
  draw(count: number, seed: number): Float32Array {
    this.checkLive();
    if (!Number.isInteger(count) || count < 1 || count > 5000) throw new RangeError(`The number of fakes must be a whole number from 1 to 5000, not ${count}.`);
    const z = new Float32Array(count * this.latent);
    new SeededRandom(seed).fillNormal(z);
    const out = new Float32Array(count * PIXELS);
    for (let start = 0; start < count; start += 250) {
      const m = Math.min(250, count - start);
      out.set(readBack(() => generatorForward(this.generator, tf.tensor2d(z.subarray(start * this.latent, (start + m) * this.latent), [m, this.latent]))), start * PIXELS);
    }
    return out;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeDigitNet(this.generator);
    if (this.discriminator) disposeDigitNet(this.discriminator);
    if (this.anchor) disposeDigitNet(this.anchor);
    this.gOptimizer.dispose();
    this.dOptimizer?.dispose();
    this.real.dispose();
  }
}

export type ArmsRaceDetectorKind = 'spectrum' | 'pixel';

export interface ArmsRaceOptions {
  detector: ArmsRaceDetectorKind;
  /** Detector training steps per round. */
  detectorSteps: number;
  /** Generator fine-tuning steps per round. */
  evasionSteps: number;
  /** Fakes drawn per round (as many real digits; 30% of each held out). */
  perClass: number;
  evasion: EvasionSettings;
}

export const DEFAULT_ARMS_RACE_OPTIONS: ArmsRaceOptions = { detector: 'spectrum', detectorSteps: 300, evasionSteps: 60, perClass: 300, evasion: DEFAULT_EVASION_SETTINGS };

export interface ArmsRaceRound {
  round: number;
  /** Held-out accuracy of the detector trained on this round's fakes ("caught"). */
  caughtAccuracy: number;
  /** Mean P(fake) that detector gives this round's fakes before the fine-tuning. */
  caughtFakeProbability: number;
  /** The same detector on fresh fakes after the generator was fine-tuned against it (NaN until then). */
  evadedAccuracy: number;
  /** Mean P(fake) the detector gives the fresh fakes after fine-tuning (NaN until then). */
  evadedFakeProbability: number;
  /** The generator's Inception Score when the round began, and after its fine-tuning (NaN until then). */
  inceptionBefore: number;
  inceptionAfter: number;
  evasionSteps: number;
}

/** Steps through the rounds: `next()` does one phase (train a detector, or fine-tune the generator against it). */
export class ArmsRace {
  readonly options: ArmsRaceOptions;
  readonly rounds: ArmsRaceRound[] = [];
  private readonly evasion: GeneratorEvasion;
  private detector: BinaryDetector | null = null;
  private readonly real: Float32Array;
  private disposed = false;
  /** The phase `next()` will do. */
  phase: 'train-detector' | 'evade' = 'train-detector';

  /**
   * `real`: real digits, at least `perClass` of them (the detector's real side; the discriminator
   * learns from them too). `classifier`: the project's digit classifier, for the Inception Score.
   */
  constructor(checkpoint: DigitCheckpoint, real: Float32Array, private readonly classifier: DigitClassifier, options: ArmsRaceOptions = DEFAULT_ARMS_RACE_OPTIONS) {
    for (const [name, v, max] of [['detector steps', options.detectorSteps, 20000], ['evasion steps', options.evasionSteps, 20000], ['pictures per class', options.perClass, 5000]] as const) {
      if (!Number.isInteger(v) || v < 1 || v > max) throw new RangeError(`The arms race's ${name} must be a whole number from 1 to ${max}, not ${v}.`);
    }
    if (options.detector !== 'spectrum' && options.detector !== 'pixel') throw new RangeError(`The arms race's detector is "spectrum" or "pixel", not "${String(options.detector)}".`);
    if (real.length < options.perClass * PIXELS) throw new RangeError(`The arms race needs ${options.perClass} real digits; it was given ${Math.floor(real.length / PIXELS)}.`);
    this.options = { ...options, evasion: { ...options.evasion } };
    this.real = real.slice(0, options.perClass * PIXELS);
    this.evasion = new GeneratorEvasion(checkpoint, this.real, options.evasion);
  }

  get quality(): 'gan' | 'anchor' {
    return this.evasion.quality;
  }

  private inception(fakes: Float32Array): number {
    return inceptionScore(this.classifier.evaluate(fakes).probabilities);
  }

  /** Fresh fakes for round r (a seed per round and purpose, so held-out fakes are never trained on). */
  private fakes(round: number, purpose: number): Float32Array {
    return this.evasion.draw(this.options.perClass, this.options.evasion.seed * 1000 + round * 10 + purpose);
  }

  /** Does the next phase and returns the round it belongs to. */
  next(): ArmsRaceRound {
    const run = this.phaseSteps();
    for (let r = run.next(); ; r = run.next()) if (r.done) return r.value;
  }

  /** The same as next(), awaiting `pause` every `every` training steps (so a worker can answer messages meanwhile). */
  async nextAsync(pause: () => Promise<void>, every = 10): Promise<ArmsRaceRound> {
    const run = this.phaseSteps();
    let k = 0;
    for (let r = run.next(); ; r = run.next()) {
      if (r.done) return r.value;
      if (++k % every === 0) await pause();
    }
  }

  private phaseSteps(): Generator<void, ArmsRaceRound> {
    if (this.disposed) throw new Error('This arms race has been disposed.');
    return this.phase === 'train-detector' ? this.trainDetector() : this.evade();
  }

  private *trainDetector(): Generator<void, ArmsRaceRound> {
    const round = this.rounds.length + 1;
    const fake = this.fakes(round, 1);
    const { train, heldOut } = splitDetectionSet(labelledSet(this.real, fake, SIDE, SIDE), 0.3, this.options.evasion.seed + round);
    this.detector?.dispose();
    this.detector = null;
    const detector = this.options.detector === 'spectrum'
      ? new SpectrumDetector(train, heldOut, DEFAULT_SPECTRUM_DETECTOR_SETTINGS)
      : new PixelDetector(train, heldOut, DEFAULT_PIXEL_DETECTOR_SETTINGS);
    this.detector = detector;
    for (let s = 0; s < this.options.detectorSteps; s++) {
      detector.step();
      yield;
    }
    const { judgement, scores } = detector.heldOutWithScores();
    let sum = 0;
    let fakes = 0;
    detector.heldOutLabels.forEach((label, i) => {
      if (label === 1) {
        sum += scores[i];
        fakes++;
      }
    });
    const record: ArmsRaceRound = {
      round, caughtAccuracy: judgement.accuracy, caughtFakeProbability: sum / fakes, evadedAccuracy: NaN, evadedFakeProbability: NaN,
      inceptionBefore: this.inception(fake), inceptionAfter: NaN, evasionSteps: 0,
    };
    this.rounds.push(record);
    this.phase = 'evade';
    return record;
  }

  private *evade(): Generator<void, ArmsRaceRound> {
    const detector = this.detector!;
    const record = this.rounds[this.rounds.length - 1];
    for (let s = 0; s < this.options.evasionSteps; s++) {
      this.evasion.step(detector);
      yield;
    }
    const fresh = this.fakes(record.round, 2);
    // The same real digits the detector was judged on (all of them: the fakes are new anyway).
    const judged = detector.judge(labelledSet(this.real, fresh, SIDE, SIDE));
    const probabilities = detector.scores(fresh);
    record.evadedAccuracy = judged.accuracy;
    record.evadedFakeProbability = probabilities.reduce((a, b) => a + b, 0) / probabilities.length;
    record.inceptionAfter = this.inception(fresh);
    record.evasionSteps = this.options.evasionSteps;
    this.phase = 'train-detector';
    return record;
  }

  /** A few of the generator's current fakes (the same noise every call, so the change shows). */
  examples(count: number): Float32Array {
    return this.evasion.draw(count, 4242);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.detector?.dispose();
    this.evasion.dispose();
  }
}
