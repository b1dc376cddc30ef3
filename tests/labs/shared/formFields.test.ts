import { describe, expect, it } from 'vitest';
import { numberProblem } from '../../../src/labs/shared/formFields';

describe('numberProblem', () => {
  it('accepts numbers inside the range, including its ends', () => {
    expect(numberProblem('0.05', 0.001, 2, false)).toBeNull();
    expect(numberProblem(' 2 ', 0.001, 2, false)).toBeNull();
    expect(numberProblem('1e-3', 0.001, 2, false)).toBeNull();
  });

  it('says what is wrong with empty, non-numeric, fractional and out-of-range input', () => {
    expect(numberProblem('', 0, 1, false)).toMatch(/enter a number/);
    expect(numberProblem('abc', 0, 1, false)).toMatch(/"abc" is not a number/);
    expect(numberProblem('2.5', 1, 10, true)).toMatch(/whole number/);
    expect(numberProblem('11', 1, 10, true)).toMatch(/from 1 to 10/);
    expect(numberProblem('-1', 0, 1, false)).toMatch(/from 0 to 1/);
  });
});
