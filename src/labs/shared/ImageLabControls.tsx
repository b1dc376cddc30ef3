/**
 * The frame of an image lab's settings sidebar (digit forger, face swap): a note on when edits
 * apply, a "Start from" section, the lab's own sections, and the keyboard shortcuts.
 */
import type { ReactNode } from 'react';
import { CollapsibleSection } from './CollapsibleSection';
import { SHORTCUT_HELP } from './keyboardShortcuts';

export interface StartOption {
  id: string;
  label: string;
  help: string;
}

export interface ImageLabControlsProps {
  /** Nothing trained yet: edits apply at once. */
  untrained: boolean;
  startIntro: string;
  startChoices: readonly StartOption[];
  start: StartOption;
  onChooseStart(id: string): void;
  /** Prefixes the start choices' ids ("start-…" with none) and names their radio group. */
  startIdPrefix: string;
  startGroupName: string;
  children: ReactNode;
}

function StartChoiceList(props: Pick<ImageLabControlsProps, 'startChoices' | 'start' | 'onChooseStart' | 'startIdPrefix' | 'startGroupName'>) {
  const { startChoices, start, startIdPrefix, startGroupName } = props;
  if (startChoices.length === 1) return <p className="field-help" data-testid="start-choice">{start.help}</p>;
  return (
    <fieldset className="subgroup">
      <legend>Start from</legend>
      {startChoices.map((choice) => {
        const id = `${startIdPrefix}start-${choice.id}`;
        return (
          <div key={choice.id} className="field field-checkbox">
            <input type="radio" id={id} name={startGroupName} checked={start.id === choice.id}
              aria-describedby={`${id}-help`} onChange={() => props.onChooseStart(choice.id)} />
            <label htmlFor={id}>{choice.label}</label>
            <p className="field-help" id={`${id}-help`}>{choice.help}</p>
          </div>
        );
      })}
    </fieldset>
  );
}

export function ImageLabControls({ untrained, startIntro, children, ...startProps }: ImageLabControlsProps) {
  return (
    <div className="controls-panel">
      <p className="controls-note">
        {untrained
          ? 'Nothing is trained yet, so every change takes effect at once.'
          : 'Changes wait until you press "Apply & reset", so a run is never thrown away by a stray keystroke.'}
      </p>
      <CollapsibleSection title="Start" defaultOpen intro={startIntro}>
        <StartChoiceList {...startProps} />
      </CollapsibleSection>
      {children}
      <CollapsibleSection title="Keyboard shortcuts">
        <dl className="shortcut-list">
          {SHORTCUT_HELP.slice(0, 2).map((s) => (
            <div key={s.keys}>
              <dt><kbd>{s.keys}</kbd></dt>
              <dd>{s.action}</dd>
            </div>
          ))}
        </dl>
      </CollapsibleSection>
    </div>
  );
}
