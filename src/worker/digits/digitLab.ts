/**
 * The digit forger in the worker: the generic session on the digit adapter, plus the calls
 * only this lab has (real digits beside the fakes, the real yardstick for the quality
 * charts, latent walks and sliders). The worker exposes it; Node tests drive it directly.
 */
import { SeededRandom } from '../../core/shared/seededRandom';
import { digitsToFloats, onlyClasses, pickDigits } from '../../core/mnist/digitDataset';
import { IMAGE_PIXELS } from '../../core/mnist/digitGanSettings';
import type { DigitGanTrainer } from '../../core/digits/digitGanTrainer';
import type { DigitQuality } from '../../core/mnist/digitQuality';
import { slerpPath } from '../../core/digits/latentInterpolation';
import type { RealDigits } from '../../protocol/digits/digitProtocol';
import type { SessionClock } from '../shared/sessionClock';
import { TrainingSession } from '../shared/trainingSession';
import { DigitAdapter, QUALITY_SAMPLES, toUnitRange, type DigitLabData, type DigitTrainingSession } from './digitAdapter';

const ALL_CLASSES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

export class DigitLab {
  readonly adapter: DigitAdapter;
  readonly session: DigitTrainingSession;
  private realQualityCache: { key: string; quality: DigitQuality } | null = null;

  /** `data` may come later, through `adapter.provide` (the worker loads it in `init`). */
  constructor(data: DigitLabData | null = null, clock?: SessionClock) {
    this.adapter = new DigitAdapter(data);
    this.session = new TrainingSession(this.adapter, clock);
  }

  private get classes(): number[] {
    return this.session.model?.trainer.settings.classes ?? ALL_CLASSES;
  }

  realDigits(count: number, seed: number): RealDigits {
    const pool = onlyClasses(this.adapter.data.train, this.classes);
    const rng = new SeededRandom(seed);
    const picked = pickDigits(pool, Array.from({ length: count }, () => rng.int(pool.count)));
    const images = new Float32Array(count * IMAGE_PIXELS);
    for (let i = 0; i < images.length; i++) images[i] = picked.pixels[i] / 255;
    return { images, labels: picked.labels.slice() };
  }

  /**
   * Real training digits of the trained classes, scored exactly as the fakes are:
   * the yardstick for a model that learns only some digits (the worker's
   * `realBaseline` is for all ten). Null without a scorer.
   */
  realQuality(): DigitQuality | null {
    const { train, scorer } = this.adapter.data;
    if (!scorer) return null;
    const classes = this.classes;
    const key = [...classes].sort((a, b) => a - b).join(',');
    if (this.realQualityCache?.key !== key) {
      const pool = onlyClasses(train, classes);
      // The pool is stored class by class: evenly spread picks keep the classes balanced.
      const picks = Array.from({ length: QUALITY_SAMPLES }, (_, i) => Math.floor((i * pool.count) / QUALITY_SAMPLES));
      this.realQualityCache = { key, quality: scorer.score(digitsToFloats(pickDigits(pool, picks), 0, QUALITY_SAMPLES)) };
    }
    return this.realQualityCache.quality;
  }

  latentWalk(fromSeed: number, toSeed: number, steps: number, label: number | null): Float32Array {
    const { trainer } = this.session.requireModel();
    const a = trainer.sampleNoise(1, new SeededRandom(fromSeed));
    const b = trainer.sampleNoise(1, new SeededRandom(toSeed));
    const path = slerpPath(a, b, steps);
    const asked = labelFor(trainer, label);
    return toUnitRange(trainer.generate(path, asked === undefined ? undefined : new Int32Array(steps).fill(asked)));
  }

  sampleWithOverrides(seed: number, overrides: number[], label: number | null): Float32Array {
    const { trainer } = this.session.requireModel();
    const z = trainer.sampleNoise(1, new SeededRandom(seed));
    overrides.slice(0, z.length).forEach((v, i) => (z[i] = v));
    const asked = labelFor(trainer, label);
    return toUnitRange(trainer.generate(z, asked === undefined ? undefined : [asked]));
  }
}

/**
 * The class to draw: the one asked for by a conditional model, none for an unconditional one.
 * A view may ask just before or after a switch between the two (its request crosses the
 * reconfiguration), so a mismatched request is answered rather than refused.
 */
function labelFor(trainer: DigitGanTrainer, label: number | null): number | undefined {
  if (!trainer.settings.conditional) return undefined;
  return label ?? trainer.settings.classes[0];
}
