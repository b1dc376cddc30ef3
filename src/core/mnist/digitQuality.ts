/**
 * The digit forger's quality score: the shipped classifier reads a set of
 * digits and gives a classifier-based Inception Score and the Fréchet distance
 * of its penultimate-layer features to a fixed set of real held-out digits.
 * The real data's own values (another real set of the same size against the
 * same reference) are the yardstick shown beside them.
 */
import { DigitClassifier } from './digitClassifier';
import { FrechetReference, featureStatistics } from './frechetDistance';
import { inceptionScore } from './inceptionScore';

export interface DigitQuality {
  inceptionScore: number;
  frechetDistance: number;
}

export class DigitQualityScorer {
  private readonly reference: FrechetReference;
  /** The score of real digits, measured the same way with the same count. */
  readonly realBaseline: DigitQuality;

  /**
   * @param referenceImages real digits the fakes are compared with (n·784 floats in [-1, 1])
   * @param baselineImages other real digits, as many as will be scored each time, for the yardstick
   */
  constructor(
    private readonly classifier: DigitClassifier,
    referenceImages: Float32Array,
    baselineImages: Float32Array,
  ) {
    const dim = classifier.shape.hidden;
    this.reference = new FrechetReference(featureStatistics(classifier.evaluate(referenceImages).features, dim));
    this.realBaseline = this.score(baselineImages);
  }

  /** Scores images given as n·784 floats in [-1, 1] (the generator's range). */
  score(images: Float32Array): DigitQuality {
    const { features, probabilities } = this.classifier.evaluate(images);
    return {
      inceptionScore: inceptionScore(probabilities),
      frechetDistance: this.reference.distanceTo(featureStatistics(features, this.classifier.shape.hidden)),
    };
  }
}
