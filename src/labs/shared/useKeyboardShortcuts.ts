/** Space plays or pauses, the right arrow takes one step: lecture-friendly, never inside a form control. */
import { useCallback, useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { BROWSING_WINDOW_MS, PLAY_BUTTON_ID, isBrowsingKey, shortcutFor, type ShortcutAction } from './keyboardShortcuts';

export function useKeyboardShortcuts(handlers: Record<ShortcutAction, () => void>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target?.tagName ?? 'BODY',
        targetRole: target?.getAttribute('role') ?? null,
        targetEditable: target?.isContentEditable ?? false,
      });
      if (!action) return;
      event.preventDefault(); // Space would otherwise scroll the page.
      latest.current[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Puts the keyboard on the Play button (without scrolling to it), if it can take it. */
export function focusPlayButton(): void {
  const button = document.getElementById(PLAY_BUTTON_ID);
  if (button instanceof HTMLButtonElement && !button.disabled) button.focus({ preventScroll: true });
}

export interface PlayFocusHandoff {
  /** Goes on the drop-down: notes keys that browse its options. */
  onKeyDown(event: ReactKeyboardEvent<HTMLSelectElement>): void;
  /** Call from the drop-down's change handler. */
  afterChoice(): void;
}

/**
 * For drop-downs whose choice restarts training (experiment, data, speed): a
 * focused drop-down keeps Space and → for itself, so after a pick from its
 * open list the keyboard goes back to the Play button. A change made by
 * browsing the closed drop-down with the arrow keys keeps focus where it is,
 * so the next arrow carries on browsing.
 */
export function usePlayFocusHandoff(): PlayFocusHandoff {
  const browsedAt = useRef(Number.NEGATIVE_INFINITY);
  const onKeyDown = useCallback((event: ReactKeyboardEvent<HTMLSelectElement>) => {
    if (!event.altKey && !event.ctrlKey && !event.metaKey && isBrowsingKey(event.key)) browsedAt.current = performance.now();
  }, []);
  const afterChoice = useCallback(() => {
    if (performance.now() - browsedAt.current < BROWSING_WINDOW_MS) return;
    // After the browser has finished closing the list (which may refocus the drop-down).
    setTimeout(focusPlayButton, 0);
  }, []);
  return { onKeyDown, afterChoice };
}
