/**
 * The settings the controls show (the draft) and the ones the model was built
 * with (applied). A change rebuilds both networks from the seed, so once any
 * training has happened, edits wait for "Apply & reset" instead of throwing
 * the run away on each keystroke. Before the first step they apply at once.
 */
import { useCallback, useState } from 'react';
import { cloneDigitSettings, digitSettingsProblems, type DigitGanSettings } from '../../core/digits/digitGanSettings';
import { messageOf } from '../shared/messageOf';
import { sameDigitSettings } from './digitSettingsEdits';
import { DEFAULT_START, findStartChoice, type StartChoice } from './startChoices';

export interface DigitSettingsEditor {
  applied: DigitGanSettings;
  draft: DigitGanSettings;
  start: StartChoice;
  /** The draft differs from what is training. */
  pending: boolean;
  problems: string[];
  edit(next: DigitGanSettings): void;
  chooseStart(id: string): void;
  applyDraft(): Promise<void>;
  discardDraft(): void;
  /** A fresh model with the applied settings (edits waiting stay waiting). */
  reset(): Promise<void>;
}

export interface DigitSettingsEditorOptions {
  initialSettings: DigitGanSettings;
  configure(settings: DigitGanSettings, pretrained: string | null): Promise<unknown>;
  /** Nothing trained yet (step 0, not running): a change loses nothing, so it applies at once. */
  untrained: boolean;
  onError(message: string): void;
}

export function useDigitSettingsEditor({ initialSettings, configure, untrained, onError }: DigitSettingsEditorOptions): DigitSettingsEditor {
  const [applied, setApplied] = useState(() => cloneDigitSettings(initialSettings));
  const [draft, setDraft] = useState(() => cloneDigitSettings(initialSettings));
  const [start, setStart] = useState<StartChoice>(DEFAULT_START);

  const apply = useCallback(async (settings: DigitGanSettings, choice: StartChoice) => {
    setDraft(settings);
    if (digitSettingsProblems(settings).length > 0) return;
    setApplied(settings);
    try {
      await configure(settings, choice.pretrained);
    } catch (error) {
      onError(`The new settings could not be applied: ${messageOf(error)}`);
    }
  }, [configure, onError]);

  const edit = useCallback((next: DigitGanSettings) => {
    if (untrained) void apply(next, start);
    else setDraft(next);
  }, [untrained, apply, start]);

  const chooseStart = useCallback((id: string) => {
    const choice = findStartChoice(id);
    setStart(choice);
    // A pretrained model brings the settings it was trained with; a fresh start keeps the controls' own.
    void apply(choice.settings ? cloneDigitSettings(choice.settings) : draft, choice);
  }, [apply, draft]);

  return {
    applied,
    draft,
    start,
    pending: !sameDigitSettings(draft, applied),
    problems: digitSettingsProblems(draft),
    edit,
    chooseStart,
    applyDraft: () => apply(draft, start),
    discardDraft: () => setDraft(cloneDigitSettings(applied)),
    reset: async () => {
      try {
        await configure(applied, start.pretrained);
      } catch (error) {
        onError(`Training could not be reset: ${messageOf(error)}`);
      }
    },
  };
}
