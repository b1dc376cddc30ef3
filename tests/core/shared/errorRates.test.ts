import { describe, expect, it } from 'vitest';
import { acceptedShare, areaUnderRoc, equalErrorRate, errorRateCurve } from '../../../src/core/shared/errorRates';

/** P(positive > negative) + ½ P(tie), counted pair by pair: the independent reference for the AUC. */
function pairwiseAuc(pos: number[], neg: number[]): number {
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

describe('error rates', () => {
  it('walk the curve from nothing accepted to everything accepted, ties together', () => {
    const curve = errorRateCurve([0.8, 0.5], [0.5, 0.2]);
    expect(curve.map((q) => [q.threshold, q.falseAcceptance, q.falseRejection])).toEqual([
      [Infinity, 0, 1], [0.8, 0, 0.5], [0.5, 0.5, 0], [0.2, 1, 0],
    ]);
    expect(curve.every((q) => q.truePositiveRate === 1 - q.falseRejection && q.falsePositiveRate === q.falseAcceptance)).toBe(true);
    expect(acceptedShare([0.1, 0.5, 0.9], 0.5)).toBeCloseTo(2 / 3, 12);
  });

  it('find the equal error rate where the rates cross at a point', () => {
    // Threshold 0.6: one impostor of four in (0.6), one owner of four out (0.4).
    const e = equalErrorRate([0.9, 0.8, 0.7, 0.4], [0.6, 0.3, 0.2, 0.1]);
    expect(e).toEqual({ rate: 0.25, threshold: 0.6, falseAcceptance: 0.25, falseRejection: 0.25 });
  });

  it('interpolate between the two points either side of the crossing', () => {
    // At 0.6: FA 1/4, FR 1/3; at 0.5: FA 1/4, FR 0. FA = FR on that segment at 1/4; 0.6 is nearer the diagonal.
    const e = equalErrorRate([0.9, 0.6, 0.5], [0.7, 0.4, 0.3, 0.2]);
    expect(e.rate).toBeCloseTo(0.25, 12);
    expect(e.threshold).toBe(0.6);
    expect(e.falseRejection).toBeCloseTo(1 / 3, 12);
    // A tie crosses diagonally, from (FA 0, FR ½) to (FA ½, FR 0): they meet at ¼; on a tie of distances the higher threshold wins.
    expect(equalErrorRate([0.8, 0.5], [0.5, 0.2])).toEqual({ rate: 0.25, threshold: 0.8, falseAcceptance: 0, falseRejection: 0.5 });
    // Perfect separation: no errors, at the lowest genuine score.
    expect(equalErrorRate([2, 3], [0, 1])).toEqual({ rate: 0, threshold: 2, falseAcceptance: 0, falseRejection: 0 });
    // Reversed scores: every error.
    expect(equalErrorRate([0, 1], [2, 3]).rate).toBe(1);
  });

  it('give the AUC of counting pairs', () => {
    const cases: [number[], number[]][] = [[[0.9, 0.8, 0.7, 0.4], [0.6, 0.3, 0.2, 0.1]], [[0.8, 0.5], [0.5, 0.2]], [[1, 1, 0.2], [1, 0.3, 0.1, 0.2]]];
    for (const [p, n] of cases) expect(areaUnderRoc(p, n)).toBeCloseTo(pairwiseAuc(p, n), 12);
    expect(areaUnderRoc([0.9, 0.8, 0.7, 0.4], [0.6, 0.3, 0.2, 0.1])).toBeCloseTo(15 / 16, 12);
  });

  it('refuse empty lists and scores that are not numbers', () => {
    expect(() => equalErrorRate([], [1])).toThrow('Give at least one positive score.');
    expect(() => errorRateCurve([1], [0, Number.NaN])).toThrow('Negative score 1 is not a number.');
    expect(() => acceptedShare([1], Number.NaN)).toThrow('The threshold must be a number.');
  });
});
