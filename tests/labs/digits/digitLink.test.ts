import { describe, expect, it } from 'vitest';
import { DEFAULT_DIGIT_SETTINGS } from '../../../src/core/mnist/digitGanSettings';
import { parseHashRoute } from '../../../src/labs/shared/hashRoute';
import { DIGIT_LAB_PATH, digitLinkHash, digitLinkLeftOut, readDigitLink } from '../../../src/labs/digits/digitLink';
import { DEFAULT_START, START_CHOICES } from '../../../src/labs/digits/startChoices';
import { fileStartChoice } from '../../../src/labs/shared/startChoices';

describe('the digit forger link on the page', () => {
  it('opens the defaults from scratch, with a bare #/digits', () => {
    const state = readDigitLink('');
    expect(state.start).toBe(DEFAULT_START);
    expect(state.settings).toEqual(DEFAULT_DIGIT_SETTINGS);
    expect(state.notices).toEqual([]);
    expect(digitLinkHash(DEFAULT_DIGIT_SETTINGS, DEFAULT_START, false)).toBe('#/digits');
  });

  it('round-trips a pretrained start, a changed setting and the scores through the hash', () => {
    const choice = START_CHOICES.find((c) => c.id === 'dcgan')!;
    const settings = { ...choice.settings!, seed: 12 };
    const hash = digitLinkHash(settings, choice, true);
    const route = parseHashRoute(hash);
    expect(route.path).toBe(DIGIT_LAB_PATH);
    const state = readDigitLink(route.query);
    expect(state.start).toBe(choice);
    expect(state.settings).toEqual(settings);
    expect(state.showScores).toBe(true);
    expect(state.notices).toEqual([]);
  });

  it('writes a loaded file as a start from scratch, and says in the share box that the file stays behind', () => {
    const file = fileStartChoice({ kind: 'file', name: 'mine.weights', bytes: new Uint8Array(1) }, DEFAULT_DIGIT_SETTINGS);
    expect(digitLinkHash({ ...DEFAULT_DIGIT_SETTINGS, seed: 3 }, file, false)).toBe('#/digits?seed=3');
    expect(digitLinkLeftOut(file)).toContain('"mine.weights" is not part of the link');
    expect(digitLinkLeftOut(DEFAULT_START)).toBeNull();
  });

  it('names a bad parameter in a notice and keeps the rest', () => {
    const state = readDigitLink('gLr=abc&seed=4');
    expect(state.notices).toHaveLength(1);
    expect(state.notices[0]).toContain('gLr');
    expect(state.settings).toEqual({ ...DEFAULT_DIGIT_SETTINGS, seed: 4 });
  });
});
