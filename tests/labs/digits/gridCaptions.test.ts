import { describe, expect, it } from 'vitest';
import { formatVerdict, gridCaptions, isCriticLoss } from '../../../src/labs/digits/gridCaptions';

describe('sample grid captions', () => {
  it('formats probabilities with two decimals and critic scores with a sign', () => {
    expect(formatVerdict(0.834, false)).toBe('0.83');
    expect(formatVerdict(1.234, true)).toBe('+1.2');
    expect(formatVerdict(-0.44, true)).toBe('−0.4');
    expect(formatVerdict(-23.4, true)).toBe('−23');
    expect(formatVerdict(1234, true)).toBe('+1e+3');
    expect(formatVerdict(Number.NaN, false)).toBe('—');
  });

  it('knows which losses give critic scores', () => {
    expect(isCriticLoss('wganGp')).toBe(true);
    expect(isCriticLoss('hinge')).toBe(true);
    expect(isCriticLoss('nonSaturating')).toBe(false);
  });

  it('captions scores, asked-for digits, both, or nothing', () => {
    const verdicts = [0.1, 0.9];
    const labels = [3, 7];
    expect(gridCaptions(2, { verdicts, labels: null, critic: false, showScores: false })).toBeNull();
    expect(gridCaptions(2, { verdicts, labels: null, critic: false, showScores: true })).toEqual(['0.10', '0.90']);
    expect(gridCaptions(2, { verdicts, labels, critic: false, showScores: false })).toEqual(['“3”', '“7”']);
    expect(gridCaptions(2, { verdicts, labels, critic: false, showScores: true })).toEqual(['“3” 0.10', '“7” 0.90']);
  });
});
