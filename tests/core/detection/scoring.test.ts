/**
 * The confusion matrix against hand counts, and the ROC AUC against a brute-force
 * count over every (fake, real) pair.
 */
import { describe, expect, it } from 'vitest';
import { areaUnderCurve, confusionAt, rocAuc, rocCurve } from '../../../src/core/detection/scoring';
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
