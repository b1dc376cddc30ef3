import { describe, expect, it } from 'vitest';
import { FOCUS_HANDOFF_HELP, SHORTCUT_HELP, isBrowsingKey, shortcutFor, type KeyPress } from '../../../src/labs/shared/keyboardShortcuts';

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

describe('isBrowsingKey', () => {
  it('knows the keys that change a closed drop-down straight away', () => {
    for (const key of ['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft', 'Home', 'End', 'PageUp', 'PageDown', 'g', 'R', '2']) {
      expect(isBrowsingKey(key), key).toBe(true);
    }
  });

  it('does not count keys that open the list or pick from it, or leave the drop-down', () => {
    for (const key of [' ', 'Spacebar', 'Enter', 'Escape', 'Tab', 'Shift', 'Alt']) expect(isBrowsingKey(key), key).toBe(false);
  });
});

describe('keyboard help', () => {
  it('explains space, the right arrow and what keys do in a drop-down', () => {
    const text = SHORTCUT_HELP.map((s) => `${s.keys}: ${s.action}`).join('\n');
    expect(text).toMatch(/Space: Play or pause/);
    expect(text).toMatch(/→ \(right arrow\): Take one training step/);
    expect(text).toMatch(/P: Presentation mode/);
    expect(text).toMatch(/in a drop-down: Change the choice at once; Space or Alt \+ ↓ opens the list/);
    expect(FOCUS_HANDOFF_HELP).toMatch(/keyboard moves to the Play button/);
  });
});
