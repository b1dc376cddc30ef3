/**
 * The frame of an image lab's settings sidebar (digit forger, face swap): a note on when edits
 * apply, a "Start from" section, the lab's own sections, the share link, saving and loading the model, and the
 * keyboard shortcuts.
 */
import type { ComponentType, ReactNode } from 'react';
import { CollapsibleSection } from './CollapsibleSection';
import { ShortcutHelpSection } from './ShortcutHelpSection';
import { ModelFilePanel, type ModelFilePanelProps } from './ModelFilePanel';
import { ShareLinkPanel, type ShareLinkPanelProps } from './ShareLinkPanel';

export interface StartOption {
  id: string;
  label: string;
  help: string;
}

/** One folding section of settings, open at first: its fields edit the settings being drafted. */
export interface SettingsSection<S> {
  title: string;
  intro: string;
  Fields: ComponentType<{ settings: S; onEdit(next: S): void }>;
}

export interface ImageLabControlsProps<S> {
  settings: S;
  onEdit(next: S): void;
  sections: readonly SettingsSection<S>[];
  /** Nothing trained yet: edits apply at once. */
  untrained: boolean;
  startIntro: string;
  startChoices: readonly StartOption[];
  start: StartOption;
  onChooseStart(id: string): void;
  /** Prefixes the start choices' ids ("start-…" with none) and names their radio group. */
  startIdPrefix: string;
  startGroupName: string;
  /** Saving the model being trained and loading one back. */
  files: ModelFilePanelProps;
  /** The link that replays the set-up being trained. */
  share?: ShareLinkPanelProps;
  /** Sections of the lab's own after the settings. */
  children?: ReactNode;
}

/** What a lab's sidebar takes from its page; the lab adds its sections and words. */
export type LabControlsProps<S> = Pick<
  ImageLabControlsProps<S>, 'settings' | 'onEdit' | 'start' | 'startChoices' | 'onChooseStart' | 'untrained' | 'files' | 'share'
>;

function StartChoiceList(props: Pick<ImageLabControlsProps<unknown>, 'startChoices' | 'start' | 'onChooseStart' | 'startIdPrefix' | 'startGroupName'>) {
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

export function ImageLabControls<S>({ settings, onEdit, sections, untrained, startIntro, files, share, children, ...startProps }: ImageLabControlsProps<S>) {
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
      {sections.map(({ title, intro, Fields }) => (
        <CollapsibleSection key={title} title={title} defaultOpen intro={intro}>
          <Fields settings={settings} onEdit={onEdit} />
        </CollapsibleSection>
      ))}
      {children}
      {share ? (
        <CollapsibleSection title="Share" intro="A link to this exact set-up, for a class or a colleague.">
          <ShareLinkPanel {...share} />
        </CollapsibleSection>
      ) : null}
      <CollapsibleSection title="Save and load" intro="Keep a model you trained, and bring it back later.">
        <ModelFilePanel {...files} />
      </CollapsibleSection>
      <ShortcutHelpSection />
    </div>
  );
}
