/** Space plays or pauses, the right arrow takes one step: lecture-friendly, never inside a form control. */
import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from './keyboardShortcuts';

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
