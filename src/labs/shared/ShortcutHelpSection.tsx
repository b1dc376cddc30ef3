/** The settings column's "Keyboard shortcuts" section: the keys, what each does, and any note after. */
import type { ReactNode } from 'react';
import { CollapsibleSection } from './CollapsibleSection';
import { SHORTCUT_HELP } from './keyboardShortcuts';

/** Space, → and P: the keys every lab answers (the drop-down keys matter only where drop-downs restart training). */
const EVERY_LAB = SHORTCUT_HELP.slice(0, 3);

export function ShortcutHelpSection({ shortcuts = EVERY_LAB, children }: { shortcuts?: typeof SHORTCUT_HELP; children?: ReactNode }) {
  return (
    <CollapsibleSection title="Keyboard shortcuts">
      <dl className="shortcut-list">
        {shortcuts.map((s) => (
          <div key={s.keys}>
            <dt><kbd>{s.keys}</kbd></dt>
            <dd>{s.action}</dd>
          </div>
        ))}
      </dl>
      {children}
    </CollapsibleSection>
  );
}
