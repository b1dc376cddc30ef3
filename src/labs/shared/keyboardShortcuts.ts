/**
 * Which key does what on the lab page. Keys typed into a form control belong
 * to that control (space ticks a checkbox, arrows move a slider or a caret).
 */

export type ShortcutAction = 'togglePlay' | 'stepBoth';

/** The bits of a keydown event the decision needs (so it can be tested without a DOM). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element's tag name (upper case, as the DOM reports it). */
  targetTag: string;
  targetRole: string | null;
  targetEditable: boolean;
}

const FORM_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'OPTION']);
/** Elements that answer the space bar themselves. */
const SPACE_TAGS = new Set(['BUTTON', 'SUMMARY', 'A']);
const SPACE_ROLES = new Set(['button', 'checkbox', 'switch', 'link', 'menuitem', 'tab', 'radio', 'option', 'slider', 'spinbutton']);

export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.targetEditable || FORM_TAGS.has(press.targetTag)) return null;
  if (press.key === ' ' || press.key === 'Spacebar') {
    if (SPACE_TAGS.has(press.targetTag) || (press.targetRole !== null && SPACE_ROLES.has(press.targetRole))) return null;
    return 'togglePlay';
  }
  if (press.key === 'ArrowRight') {
    if (press.targetRole === 'slider' || press.targetRole === 'spinbutton') return null;
    return 'stepBoth';
  }
  return null;
}

/** The Play button's id: choosing from a drop-down hands the keyboard back to it. */
export const PLAY_BUTTON_ID = 'adversarial-play-pause';

/**
 * Keys with which a focused, closed drop-down steps through its options
 * (each step already counts as a choice). Focus stays on the drop-down after
 * these, so the next key carries on browsing.
 */
export function isBrowsingKey(key: string): boolean {
  if (key === ' ' || key === 'Spacebar') return false;
  return key.length === 1 || ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);
}

/** A change this soon after a browsing key came from that key, not from a pick in the open list. */
export const BROWSING_WINDOW_MS = 500;

export const SHORTCUT_HELP: { keys: string; action: string }[] = [
  { keys: 'Space', action: 'Play or pause training (on a focused button: press it)' },
  { keys: '→ (right arrow)', action: 'Take one training step (discriminator, then generator)' },
  { keys: 'P', action: 'Presentation mode: the controls fold away, the text grows, and ← → walk the lab\'s lesson (Esc leaves)' },
  { keys: '↑ ↓ in a drop-down', action: 'Change the choice at once; Space or Alt + ↓ opens the list' },
  { keys: 'Tab', action: 'Next control (Shift + Tab: previous)' },
];

/** Where the keyboard goes after a pick, told under the list. */
export const FOCUS_HANDOFF_HELP =
  'After you pick an experiment, a speed or a dataset from its list, the keyboard moves to the Play button, so Space and → drive training again.';
