import { describe, expect, it } from 'vitest';
import { DEFAULT_DIGIT_SETTINGS, DEFAULT_WIDTH, cloneDigitSettings, digitSettingsProblems } from '../../../src/core/mnist/digitGanSettings';
import {
  describeProblem, sameDigitSettings, toggleClass, widthLimits, withArchitecture, withNetwork,
} from '../../../src/labs/digits/digitSettingsEdits';

const defaults = () => cloneDigitSettings(DEFAULT_DIGIT_SETTINGS);

describe('digit settings edits', () => {
  it('compares settings field by field, including the class list and both networks', () => {
    expect(sameDigitSettings(defaults(), defaults())).toBe(true);
    expect(sameDigitSettings(defaults(), { ...defaults(), seed: 2 })).toBe(false);
    expect(sameDigitSettings(defaults(), { ...defaults(), classes: [0, 1] })).toBe(false);
    expect(sameDigitSettings(defaults(), withNetwork(defaults(), 'discriminator', { learningRate: 0.01 }))).toBe(false);
  });

  it('toggles a digit class and keeps the list sorted', () => {
    expect(toggleClass([0, 1, 5], 1)).toEqual([0, 5]);
    expect(toggleClass([5, 0], 3)).toEqual([0, 3, 5]);
    expect(toggleClass([4], 4)).toEqual([]);
  });

  it('switching architecture resets both widths to a valid default for the new one', () => {
    const wide = withNetwork(withNetwork(defaults(), 'generator', { width: 400 }), 'discriminator', { width: 300 });
    const conv = withArchitecture(wide, 'dcgan');
    expect(conv.generator.width).toBe(DEFAULT_WIDTH.dcgan);
    expect(conv.discriminator.width).toBe(DEFAULT_WIDTH.dcgan);
    expect(digitSettingsProblems(conv)).toEqual([]);
    expect(widthLimits(conv).max).toBeLessThan(widthLimits(wide).max);
    expect(withArchitecture(conv, 'dcgan')).toBe(conv);
  });

  it('words validation problems as the controls are labelled', () => {
    const problems = digitSettingsProblems({ ...withNetwork(defaults(), 'generator', { width: 0 }), classes: [] }).map(describeProblem);
    expect(problems).toContain('Digits to learn must list at least one digit.');
    expect(problems.some((p) => p.startsWith('G width must be between'))).toBe(true);
  });
});
