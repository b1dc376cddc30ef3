/**
 * Did the swap work? Each score is shown beside the same measurement on real
 * pictures, the yardstick:
 * - identity: the fraction of A→B swaps the identity classifier calls B (real
 *   B pictures: nearly all; real A pictures: nearly none);
 * - carried-over content, toy faces: the factor regressor reads the factors from
 *   each swap; its error against the factors A's picture was drawn with, next to
 *   its error on real B pictures and the "nothing carried over" level (the same
 *   swaps against another A picture's factors);
 * - carried-over content, digit styles: the project's digit classifier still
 *   reads the source's digit, the measured stroke thickness is the target
 *   style's, and the slant matches the source's;
 * - reconstruction error (mean squared error) of each side's own autoencoder.
 */
import type { DigitClassifier } from '../mnist/digitClassifier';
import { predictedClasses } from '../mnist/digitClassifier';
import { FACTOR_COUNT } from '../toyfaces/faceFactors';
import { factorError, type FactorError, type FactorRegressor } from './factorRegressor';
import type { FaceSwapTrainer } from './faceSwapTrainer';
import type { IdentityClassifier } from './identityClassifier';
import { cropImages, digitSlant, strokeThickness } from './digitStyles';
import type { Side } from '../autoencoder/sharedEncoderAutoencoder';
import type { SwapBatch, SwapDataset } from './swapDatasets';

const other = (side: Side): Side => (side === 'a' ? 'b' : 'a');

export interface IdentityScores {
  /** Fraction of source→target swaps called the target. */
  swaps: number;
  /** Fraction of real target pictures called the target. */
  realTarget: number;
  /** Fraction of real source pictures called the target. */
  realSource: number;
}

export interface CommonSwapScores {
  from: Side;
  count: number;
  identity: IdentityScores;
  /** Mean squared error of each side's own reconstruction of its evaluation pictures. */
  reconstruction: Record<Side, number>;
}

export interface ToyFaceSwapScores extends CommonSwapScores {
  factors: {
    /** The regressor's reading of each swap against the source picture's true factors. */
    swaps: FactorError;
    /** The regressor's reading of real target pictures against their own factors. */
    realTarget: FactorError;
    /** The swaps against another source picture's factors: what no carry-over at all scores. */
    unrelated: FactorError;
  };
}

export interface DigitStyleSwapScores extends CommonSwapScores {
  /** Fraction the digit classifier reads as the source picture's digit. */
  recognised: { swaps: number; realTarget: number; realSource: number };
  /** Median stroke thickness in pixels. */
  thickness: { swaps: number; realTarget: number; realSource: number };
  /** Fraction of swaps whose thickness is nearer the target style's median than the source style's. */
  thicknessLikeTarget: number;
  /** Mean absolute slant difference (digitStyles.ts) from the source picture, and with an unrelated source picture. */
  slant: { swaps: number; unrelated: number };
}

/** Rolls n records of `width` values by one: record i gets record i + 1's values (a derangement for n > 1). */
function rollRecords<T extends Float32Array | number[]>(values: T, width: number): T {
  const n = values.length / width;
  const out = values.slice() as T;
  for (let i = 0; i < n; i++) for (let k = 0; k < width; k++) out[i * width + k] = values[((i + 1) % n) * width + k];
  return out;
}

function median(values: number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

function commonScores(
  trainer: FaceSwapTrainer,
  dataset: SwapDataset,
  classifier: IdentityClassifier,
  classOf: Record<Side, number>,
  count: number,
  from: Side,
): { common: CommonSwapScores; source: SwapBatch; target: SwapBatch; swaps: Float32Array } {
  const to = other(from);
  const source = dataset.evaluationSet(from, count);
  const target = dataset.evaluationSet(to, count);
  const swaps = trainer.swap(from, source.images);
  const common: CommonSwapScores = {
    from,
    count,
    identity: {
      swaps: classifier.fractionCalled(swaps, classOf[to]),
      realTarget: classifier.fractionCalled(target.images, classOf[to]),
      realSource: classifier.fractionCalled(source.images, classOf[to]),
    },
    reconstruction: {
      [from]: trainer.reconstructionError(from, source.images),
      [to]: trainer.reconstructionError(to, target.images),
    } as Record<Side, number>,
  };
  return { common, source, target, swaps };
}

/**
 * Scores `count` swaps from one side's evaluation pictures to the other's identity.
 * `classOf` gives the identity classifier's class index for each side.
 */
export function scoreToyFaceSwap(
  trainer: FaceSwapTrainer,
  dataset: SwapDataset,
  judges: { identity: IdentityClassifier; factors: FactorRegressor; classOf: Record<Side, number> },
  count = 128,
  from: Side = 'a',
): ToyFaceSwapScores {
  const { common, source, target, swaps } = commonScores(trainer, dataset, judges.identity, judges.classOf, count, from);
  if (!source.factors || !target.factors) throw new Error('toy-face scores need pictures with known factors');
  const read = judges.factors.readFactors(swaps);
  return {
    ...common,
    factors: {
      swaps: factorError(read, source.factors),
      realTarget: factorError(judges.factors.readFactors(target.images), target.factors),
      unrelated: factorError(read, rollRecords(source.factors, FACTOR_COUNT)),
    },
  };
}

/** Scores `count` swaps between the stroke styles (the digit classifier reads the 28×28 centre). */
export function scoreDigitStyleSwap(
  trainer: FaceSwapTrainer,
  dataset: SwapDataset,
  judges: { identity: IdentityClassifier; digits: DigitClassifier; classOf: Record<Side, number> },
  count = 128,
  from: Side = 'a',
): DigitStyleSwapScores {
  const { common, source, target, swaps } = commonScores(trainer, dataset, judges.identity, judges.classOf, count, from);
  if (!source.labels || !target.labels) throw new Error('digit-style scores need pictures with known digits');
  const side = dataset.imageSize;
  const crop = (images: Float32Array) => cropImages(images, side, 28);
  const recognised = (images: Float32Array, labels: Uint8Array) => {
    const predicted = predictedClasses(judges.digits.evaluate(crop(images)).probabilities);
    return predicted.filter((c, i) => c === labels[i]).length / labels.length;
  };
  const perPicture = (images: Float32Array, f: (image: Float32Array, side: number) => number) =>
    Array.from({ length: images.length / (side * side) }, (_, i) => f(images.subarray(i * side * side, (i + 1) * side * side), side));
  const thickness = {
    swaps: perPicture(swaps, strokeThickness),
    realTarget: perPicture(target.images, strokeThickness),
    realSource: perPicture(source.images, strokeThickness),
  };
  const targetMedian = median(thickness.realTarget);
  const sourceMedian = median(thickness.realSource);
  const slantSwaps = perPicture(swaps, digitSlant);
  const slantSource = perPicture(source.images, digitSlant);
  const meanAbsDiff = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
  return {
    ...common,
    recognised: {
      swaps: recognised(swaps, source.labels),
      realTarget: recognised(target.images, target.labels),
      realSource: recognised(source.images, source.labels),
    },
    thickness: { swaps: median(thickness.swaps), realTarget: targetMedian, realSource: sourceMedian },
    thicknessLikeTarget: thickness.swaps.filter((t) => Math.abs(t - targetMedian) < Math.abs(t - sourceMedian)).length / count,
    slant: { swaps: meanAbsDiff(slantSwaps, slantSource), unrelated: meanAbsDiff(slantSwaps, rollRecords(slantSource, 1)) },
  };
}
