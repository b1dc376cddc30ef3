import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from '../../../src/labs/adversarial/keyboardShortcuts';

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', targetRole: null, targetEditable: false, ...over,
});

describe('shortcutFor', () => {
  it('plays or pauses with space and steps with the right arrow on the page', () => {
    expect(shortcutFor(press(' '))).toBe('togglePlay');
    expect(shortcutFor(press('ArrowRight'))).toBe('stepBoth');
    expect(shortcutFor(press('ArrowRight', { targetTag: 'DIV' }))).toBe('stepBoth');
  });

  it('leaves keys to text fields, selects and editable areas', () => {
    for (const targetTag of ['INPUT', 'SELECT', 'TEXTAREA']) {
      expect(shortcutFor(press(' ', { targetTag }))).toBeNull();
      expect(shortcutFor(press('ArrowRight', { targetTag }))).toBeNull();
    }
    expect(shortcutFor(press(' ', { targetTag: 'DIV', targetEditable: true }))).toBeNull();
  });

  it('lets a focused button or diagram part answer space itself', () => {
    expect(shortcutFor(press(' ', { targetTag: 'BUTTON' }))).toBeNull();
    expect(shortcutFor(press(' ', { targetTag: 'G', targetRole: 'button' }))).toBeNull();
    expect(shortcutFor(press('ArrowRight', { targetTag: 'BUTTON' }))).toBe('stepBoth');
  });

  it('ignores keys held with a modifier and other keys', () => {
    expect(shortcutFor(press(' ', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('ArrowRight', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('ArrowLeft'))).toBeNull();
    expect(shortcutFor(press('k'))).toBeNull();
  });
});
