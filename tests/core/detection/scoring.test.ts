/**
 * The confusion matrix against hand counts, and the ROC AUC against a brute-force
 * count over every (fake, real) pair; average precision against hand sums and a precision-at-every-fake reference.
 */
import { describe, expect, it } from 'vitest';
import { areaUnderCurve, averagePrecision, confusionAt, rocAuc, rocCurve } from '../../../src/core/detection/scoring';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

/** P(fake scores above real) + ½ P(tie), over all pairs. */
function pairwiseAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return wins / pairs;
}

describe('confusionAt', () => {
  it('counts verdicts at a threshold (at or above → fake)', () => {
    const scores = [0.9, 0.8, 0.3, 0.5, 0.1, 0.6];
    const labels = [1, 1, 1, 0, 0, 0];
    const c = confusionAt(scores, labels, 0.5);
    expect(c).toEqual({
      threshold: 0.5,
      truePositives: 2,
      falsePositives: 2,
      trueNegatives: 1,
      falseNegatives: 1,
      accuracy: 3 / 6,
      truePositiveRate: 2 / 3,
      falsePositiveRate: 2 / 3,
    });
    expect(confusionAt(scores, labels, 0.85).accuracy).toBe(4 / 6);
  });

  it('refuses mismatched lengths, bad labels and NaN scores with the reason', () => {
    expect(() => confusionAt([0.1, 0.2], [1], 0.5)).toThrow(/2 scores but 1 labels/);
    expect(() => confusionAt([0.1], [2], 0.5)).toThrow(/Label 0 is 2/);
    expect(() => confusionAt([NaN], [1], 0.5)).toThrow(/Score 0 is not a number/);
    expect(() => confusionAt([], [], 0.5)).toThrow(/at least one score/);
  });
});

describe('the ROC curve and its area', () => {
  it('runs from (0, 0) to (1, 1) and matches the confusion matrix at each threshold', () => {
    const scores = [0.9, 0.8, 0.3, 0.5, 0.1, 0.6, 0.5];
    const labels = [1, 1, 1, 0, 0, 0, 1];
    const curve = rocCurve(scores, labels);
    expect(curve[0]).toEqual({ threshold: Infinity, falsePositiveRate: 0, truePositiveRate: 0 });
    expect(curve.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    expect(curve.length).toBe(1 + new Set(scores).size);
    for (const p of curve.slice(1)) {
      const c = confusionAt(scores, labels, p.threshold);
      expect(p.truePositiveRate).toBe(c.truePositiveRate);
      expect(p.falsePositiveRate).toBe(c.falsePositiveRate);
    }
  });

  it('has the AUC of the brute-force pairwise count, with and without ties', () => {
    const rng = new SeededRandom(5);
    for (const levels of [0, 4]) {
      const labels = Array.from({ length: 301 }, () => (rng.next() < 0.4 ? 1 : 0));
      const scores = labels.map((l) => {
        const s = rng.normal() + 0.8 * l;
        return levels ? Math.round(s * levels) / levels : s; // coarse scores make many ties
      });
      expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
    }
  });

  it('is 1 for a perfect detector, 0 for a reversed one and ½ for a constant one', () => {
    const labels = [0, 0, 1, 1];
    expect(rocAuc([0.1, 0.2, 0.7, 0.8], labels)).toBe(1);
    expect(rocAuc([0.8, 0.7, 0.2, 0.1], labels)).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], labels)).toBe(0.5);
    expect(areaUnderCurve(rocCurve([0.5, 0.5, 0.5, 0.5], labels))).toBe(0.5);
  });

  it('refuses a set with only one kind of picture', () => {
    expect(() => rocCurve([0.1, 0.2], [1, 1])).toThrow(/needs both fakes and real pictures; there are 2 fakes and 0 real/);
  });
});

/**
 * AP as the mean, over the fakes, of the precision when the threshold sits at that fake's
 * score (everything scoring at least as high is called fake, ties included): the same sum
 * as Σ (Rₙ − Rₙ₋₁) Pₙ when ties move together, counted another way.
 */
function precisionAtEachFake(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  let fakes = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    fakes++;
    let called = 0;
    let caught = 0;
    for (let j = 0; j < scores.length; j++) {
      if (scores[j] >= scores[i]) {
        called++;
        caught += labels[j];
      }
    }
    sum += caught / called;
  }
  return sum / fakes;
}

describe('averagePrecision', () => {
  it('matches sums done by hand', () => {
    // Ranked: fake, real, fake, real, fake → precisions 1, 2/3, 3/5 at each fake.
    expect(averagePrecision([0.9, 0.8, 0.7, 0.6, 0.5], [1, 0, 1, 0, 1])).toBeCloseTo((1 + 2 / 3 + 3 / 5) / 3, 12);
    // A tie between a fake and a real picture moves together: precision ½ for that fake.
    expect(averagePrecision([0.9, 0.4, 0.4], [1, 1, 0])).toBeCloseTo((1 + 2 / 3) / 2, 12);
    // A perfect ranking is 1 whatever the scores' level: all below ½, accuracy at ½ would be the real share.
    expect(averagePrecision([0.3, 0.2, 0.1, 0.05], [1, 1, 0, 0])).toBe(1);
    expect(confusionAt([0.3, 0.2, 0.1, 0.05], [1, 1, 0, 0], 0.5).accuracy).toBe(0.5);
    // Everything tied: the share of fakes.
    expect(averagePrecision([0.5, 0.5, 0.5, 0.5], [1, 0, 0, 0])).toBe(0.25);
  });

  it('equals the precision-at-every-fake count on random scores, with and without ties', () => {
    const rng = new SeededRandom(11);
    for (const levels of [0, 5]) {
      for (let trial = 0; trial < 20; trial++) {
        const n = 5 + rng.int(40);
        const scores = Array.from({ length: n }, () => (levels ? rng.int(levels) / levels : rng.next()));
        const labels = Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
        labels[0] = 1;
        expect(averagePrecision(scores, labels)).toBeCloseTo(precisionAtEachFake(scores, labels), 12);
      }
    }
  });

  it('refuses a set with no fakes', () => {
    expect(() => averagePrecision([0.2, 0.4], [0, 0])).toThrow(/at least one fake/);
  });
});
