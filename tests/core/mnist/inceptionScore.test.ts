import { describe, expect, it } from 'vitest';
import { inceptionScore } from '../../../src/core/mnist/inceptionScore';

/** count rows of 10 probabilities: `confidence` on the given class, the rest spread evenly. */
function rows(classes: number[], confidence = 1): Float32Array {
  const out = new Float32Array(classes.length * 10).fill((1 - confidence) / 9);
  classes.forEach((c, i) => (out[i * 10 + c] = confidence));
  return out;
}

describe('Inception Score', () => {
  it('is 1 for a one-class set (complete mode collapse)', () => {
    expect(inceptionScore(rows(Array(200).fill(3)))).toBeCloseTo(1, 12);
    expect(inceptionScore(rows(Array(200).fill(3), 0.9))).toBeCloseTo(1, 6);
  });

  it('is 10 for confident predictions spread evenly over the 10 classes', () => {
    expect(inceptionScore(rows(Array.from({ length: 500 }, (_, i) => i % 10)))).toBeCloseTo(10, 10);
  });

  it('is 1 when every prediction is a shrug, however varied the digits', () => {
    expect(inceptionScore(new Float32Array(100 * 10).fill(0.1))).toBeCloseTo(1, 6);
  });

  it('counts covered modes: confident and even over k classes gives k', () => {
    expect(inceptionScore(rows([0, 4, 7, 0, 4, 7]))).toBeCloseTo(3, 10);
  });

  it('matches a hand-computed two-class case', () => {
    // p(y|x) = (0.9, 0.1) and (0.1, 0.9); p(y) = (0.5, 0.5);
    // KL = 0.9·ln 1.8 + 0.1·ln 0.2 = 0.3680642 for both; IS = e^0.3680642 = 1.4449348.
    expect(inceptionScore([0.9, 0.1, 0.1, 0.9], 2)).toBeCloseTo(1.4449348, 6);
    // Uneven coverage: two digits of class 0, one of class 1 → exp(H(p(y))) = exp(ln 3 − (2/3) ln 2).
    expect(inceptionScore([1, 0, 1, 0, 0, 1], 2)).toBeCloseTo(Math.exp(Math.log(3) - (2 / 3) * Math.log(2)), 12);
  });

  it('rejects probabilities that do not form whole rows', () => {
    expect(() => inceptionScore(new Float32Array(15))).toThrow(/rows of 10 probabilities/);
  });
});
