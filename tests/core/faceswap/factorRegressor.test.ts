/**
 * The expression judge's error measure. The judge itself (how well the trained regressor
 * reads real pictures, and its file) is checked in faceSwapQuality.test.ts, on the very
 * regressor the swap quality runs train and use, so that it is trained once.
 */
import { describe, expect, it } from 'vitest';
import { factorError } from '../../../src/core/faceswap/factorRegressor';

describe('factor regressor', () => {
  it('computes the mean absolute error per factor', () => {
    const truth = new Float32Array(16);
    const read = truth.map((_, i) => (i % 8 === 0 ? 0.5 : 0));
    const error = factorError(read, truth);
    expect(error.perFactor.smile).toBeCloseTo(0.5, 6);
    expect(error.perFactor.brows).toBe(0);
    expect(error.mean).toBeCloseTo(0.5 / 8, 6);
    expect(() => factorError(new Float32Array(8), new Float32Array(16))).toThrow(/do not match/);
  });
});
