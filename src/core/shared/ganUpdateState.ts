/**
 * What a GAN trainer keeps between updates, the same in every GAN lab: one optimizer per
 * network, the statistics of each network's latest measured update, and a restart of both
 * after weights are loaded (the old optimizer moments belong to another trajectory).
 */
import * as tf from './tf';
import type { OptimizerSettings } from './ganOptions';
import { createOptimizer, disposeOptimizer } from './optimizers';

/** One training step's figures, as the charts show them. */
export interface GanStepStats {
  dLoss: number;
  gLoss: number;
  /** Mean verdict on real and on fake samples (a probability for the log losses, a score otherwise). */
  dReal: number;
  dFake: number;
  gradNormD: number;
  gradNormG: number;
}

export type DiscriminatorStats = Pick<GanStepStats, 'dLoss' | 'dReal' | 'dFake' | 'gradNormD'>;
export type GeneratorStats = Pick<GanStepStats, 'gLoss' | 'gradNormG'>;

export class GanUpdateState {
  generatorOptimizer: tf.Optimizer;
  discriminatorOptimizer: tf.Optimizer;
  /** Latest measured stats of each network; null until a step with stats has run (or after a restart). */
  lastD: DiscriminatorStats | null = null;
  lastG: GeneratorStats | null = null;

  /** `makeOptimizer` builds both optimizers (createSmallNetworkOptimizer for tiny networks). */
  constructor(
    private readonly settings: { generator: OptimizerSettings; discriminator: OptimizerSettings },
    private readonly makeOptimizer: (o: OptimizerSettings) => tf.Optimizer = createOptimizer,
  ) {
    this.generatorOptimizer = makeOptimizer(settings.generator);
    this.discriminatorOptimizer = makeOptimizer(settings.discriminator);
  }

  /** Latest stats; a network with no measured step yet reads NaN. */
  latestStats(): GanStepStats {
    return {
      ...(this.lastD ?? { dLoss: NaN, dReal: NaN, dFake: NaN, gradNormD: NaN }),
      ...(this.lastG ?? { gLoss: NaN, gradNormG: NaN }),
    };
  }

  hasStats(network: 'discriminator' | 'generator'): boolean {
    return (network === 'discriminator' ? this.lastD : this.lastG) !== null;
  }

  /** Fresh optimizers and no stats. */
  restart(): void {
    this.lastD = null;
    this.lastG = null;
    this.disposeOptimizers();
    this.generatorOptimizer = this.makeOptimizer(this.settings.generator);
    this.discriminatorOptimizer = this.makeOptimizer(this.settings.discriminator);
  }

  /**
   * Both optimizers' learning rates times `scale` (1 = as the settings say), for a schedule
   * run from outside, e.g. the pretraining script's decay at the end of a long run.
   * Optimizer state (Adam's moments) is kept.
   */
  setLearningRateScale(scale: number): void {
    if (!(scale > 0 && Number.isFinite(scale))) throw new RangeError(`learning-rate scale must be a positive number, got ${scale}`);
    // SGD and momentum keep the rate in a scalar tensor that setLearningRate replaces; Adam reads the field each step.
    // (Not `instanceof`: TF.js optimizers answer instanceof by duck typing, so any optimizer passes.)
    const apply = (optimizer: tf.Optimizer, rate: number) => {
      const sgd = optimizer as unknown as { setLearningRate?: (rate: number) => void; learningRate: number };
      if (typeof sgd.setLearningRate === 'function') sgd.setLearningRate(rate);
      else sgd.learningRate = rate;
    };
    apply(this.generatorOptimizer, this.settings.generator.learningRate * scale);
    apply(this.discriminatorOptimizer, this.settings.discriminator.learningRate * scale);
  }

  /** The optimizers' current learning rates. */
  learningRates(): { generator: number; discriminator: number } {
    const rate = (optimizer: tf.Optimizer) => (optimizer as unknown as { learningRate: number }).learningRate;
    return { generator: rate(this.generatorOptimizer), discriminator: rate(this.discriminatorOptimizer) };
  }

  disposeOptimizers(): void {
    disposeOptimizer(this.generatorOptimizer);
    disposeOptimizer(this.discriminatorOptimizer);
  }
}
