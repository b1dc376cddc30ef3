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

export const SHORTCUT_HELP: { keys: string; action: string }[] = [
  { keys: 'Space', action: 'Play or pause training' },
  { keys: '→ (right arrow)', action: 'Take one training step (discriminator, then generator)' },
];
