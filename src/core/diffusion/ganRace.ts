/**
 * GAN against diffusion on one clock: a GAN (core/pointGan) trains on the same points and seed
 * as the denoiser, and the two share the wall time fairly. After every denoiser step the GAN
 * takes whole training steps until its measured training time has caught up, so each gets half
 * the clock whatever one step of either costs. Then both are scored the same way: clusters
 * covered and high-quality share (core/points/modeCoverage.ts) on the same number of samples,
 * and samples per second, measured while drawing them.
 */
import { GanTrainer, type TrainerWeights } from '../pointGan/ganTrainer';
import { DEFAULT_SETTINGS, defaultNetwork, type GanSettings } from '../pointGan/ganSettings';
import { measureModeCoverage } from '../points/modeCoverage';
import type { ToyDistribution } from '../points/toyDistributions';
import { SeededRandom } from '../shared/seededRandom';
import { diffusionDataSpec } from './diffusionData';
import type { DiffusionSettings } from './diffusionSettings';
import type { DiffusionTrainer } from './diffusionTrainer';
import type { SamplerKind } from './samplerKinds';

/**
 * A fair, healthy 2D GAN: the adversarial lab's "Healthy ring" preset, which is the trainer's
 * defaults (both networks two hidden layers of 64 ReLU units, Adam with β₁ 0.5 and β₂ 0.999, the
 * non-saturating loss, one discriminator step per generator step, batches of 256, 2D Gaussian
 * noise) with both learning rates at 0.001; without the preset's learning-rate decay, which aims
 * at the end of a fixed run, where the race has none.
 */
const { dataset: _dataset, modes: _modes, sigma: _sigma, seed: _seed, ...GAN_DEFAULTS } = DEFAULT_SETTINGS;
export const HEALTHY_RACE_GAN: Omit<GanSettings, 'dataset' | 'modes' | 'sigma' | 'seed'> = {
  ...GAN_DEFAULTS,
  generator: defaultNetwork({ learningRate: 0.001 }),
  discriminator: defaultNetwork({ learningRate: 0.001 }),
};

/** Most GAN steps one denoiser step may hand over (a clock too coarse to see a step cannot stall training). */
export const MAX_CATCH_UP_STEPS = 100;

/** The GAN that races a denoiser with `settings`: the same points (spread and modes as the diffusion lab has them) and seed. */
export function raceGanSettings(settings: Pick<DiffusionSettings, 'dataset' | 'seed'>): GanSettings {
  const spec = diffusionDataSpec(settings.dataset);
  // Moons and the spiral have no modes; the GAN's settings still ask for a valid count.
  const modes = spec.dataset === 'ring' || spec.dataset === 'grid' ? spec.modes : 8;
  return {
    ...HEALTHY_RACE_GAN,
    generator: { ...HEALTHY_RACE_GAN.generator, hidden: [...HEALTHY_RACE_GAN.generator.hidden] },
    discriminator: { ...HEALTHY_RACE_GAN.discriminator, hidden: [...HEALTHY_RACE_GAN.discriminator.hidden] },
    dataset: spec.dataset,
    modes,
    sigma: spec.sigma,
    seed: settings.seed,
  };
}

/** One side's figures on `count` fresh samples. */
export interface RaceSideScore {
  samples: Float32Array;
  /** Mixtures only: clusters with at least one sample within 3σ, and the share of samples within 3σ. */
  modesCovered: number | null;
  highQuality: number | null;
  /** Samples drawn per second, measured while drawing these. */
  samplesPerSecond: number;
}

/** Weights and clocks, as a healthy state or a rebuild keeps them. */
export interface RaceState {
  gan: TrainerWeights;
  diffusionMs: number;
  ganMs: number;
}

const performanceNow = () => performance.now();

export class GanRace {
  readonly gan: GanTrainer;
  private diffusionMs = 0;
  private ganMs = 0;
  /** Fixed noise for the fakes the page shows, so they can be followed from frame to frame. */
  private shownNoise: { count: number; noise: Float32Array } | null = null;

  /** `now` reads a clock in milliseconds (performance.now unless a test gives another). */
  constructor(settings: Pick<DiffusionSettings, 'dataset' | 'seed'>, private readonly now: () => number = performanceNow) {
    this.gan = new GanTrainer(raceGanSettings(settings));
  }

  /** Seconds each has trained in the race. */
  get seconds(): { diffusion: number; gan: number } {
    return { diffusion: this.diffusionMs / 1000, gan: this.ganMs / 1000 };
  }

  /** GAN steps (generator steps, each after one discriminator step). */
  get ganSteps(): number {
    return this.gan.steps;
  }

  /**
   * One denoiser step, timed, then GAN steps until the GAN's training time is at least the
   * denoiser's (at most MAX_CATCH_UP_STEPS). Returns the denoiser's loss as its step does.
   */
  step(trainer: DiffusionTrainer, withStats: boolean): number | null {
    const started = this.now();
    const loss = trainer.step(withStats);
    this.diffusionMs += this.now() - started;
    this.catchUp();
    return loss;
  }

  /** GAN steps until its time reaches the denoiser's. */
  catchUp(): void {
    for (let i = 0; i < MAX_CATCH_UP_STEPS && this.ganMs < this.diffusionMs; i++) {
      const started = this.now();
      this.gan.trainEpoch(false);
      this.ganMs += this.now() - started;
    }
  }

  /** The generator's output for the same `count` noise vectors every time. */
  shownFakes(count: number, seed: number): Float32Array {
    if (!this.shownNoise || this.shownNoise.count !== count) {
      this.shownNoise = { count, noise: this.gan.sampleNoise(count, new SeededRandom(seed)) };
    }
    return this.gan.generate(this.shownNoise.noise);
  }

  /** Both sides on `count` fresh samples each: the denoiser with `sampler` and `steps`, the GAN in one pass. */
  score(trainer: DiffusionTrainer, count: number, options: { sampler: SamplerKind; steps: number; seed: number }): { diffusion: RaceSideScore; gan: RaceSideScore } {
    if (!Number.isInteger(count) || count < 1) throw new Error(`the number of samples to score must be a whole number, at least 1 (got ${count})`);
    const distribution = trainer.distribution;
    const timed = (draw: () => Float32Array): RaceSideScore => {
      const started = this.now();
      const samples = draw();
      const seconds = Math.max((this.now() - started) / 1000, 1e-6);
      return { samples, samplesPerSecond: count / seconds, ...coverageOf(samples, distribution) };
    };
    const diffusion = timed(() => trainer.sample(count, { sampler: options.sampler, steps: options.steps, seed: options.seed }).samples);
    const noiseRng = new SeededRandom(options.seed).fork(5);
    const gan = timed(() => this.gan.generate(this.gan.sampleNoise(count, noiseRng)));
    return { diffusion, gan };
  }

  capture(): RaceState {
    return { gan: this.gan.captureWeights(), diffusionMs: this.diffusionMs, ganMs: this.ganMs };
  }

  /** Puts a captured state back (the GAN's optimizers start again). */
  restore(state: RaceState): void {
    this.gan.restoreWeights(state.gan);
    this.diffusionMs = state.diffusionMs;
    this.ganMs = state.ganMs;
  }

  dispose(): void {
    this.gan.dispose();
  }
}

function coverageOf(samples: Float32Array, distribution: ToyDistribution): { modesCovered: number | null; highQuality: number | null } {
  const centers = distribution.modeCenters;
  if (!centers) return { modesCovered: null, highQuality: null };
  const c = measureModeCoverage(samples, centers, distribution.sigma);
  return { modesCovered: c.modesCovered, highQuality: c.highQualityFraction };
}
