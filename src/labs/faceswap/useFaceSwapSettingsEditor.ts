/**
 * The settings the controls show (the draft) and the ones the model was built
 * with (applied), plus where the run starts. Before any training an edit
 * applies at once; after, edits wait for "Apply & reset" so a run is never
 * thrown away by a stray keystroke. An edit that changes the networks' shape
 * while a pretrained model is chosen switches the start to "from scratch"
 * (the shipped weights would not fit).
 */
import { useCallback, useMemo, useState } from 'react';
import { cloneSwapSettings, swapSettingsProblems, type FaceSwapSettings } from '../../core/faceswap/faceSwapSettings';
import { messageOf } from '../shared/messageOf';
import { fitsPretrained, sameSwapSettings, scratchSettingsFrom } from './swapSettingsEdits';
import { fileStart, findSwapStart, SCRATCH_START, SWAP_START_CHOICES, type SwapStartChoice } from './swapStartChoices';

export interface FaceSwapSettingsEditor {
  applied: FaceSwapSettings;
  draft: FaceSwapSettings;
  /** Where the applied model started. */
  start: SwapStartChoice;
  /** Where the draft would start. */
  draftStart: SwapStartChoice;
  /** The shipped starts, and a loaded model file once there is one. */
  startChoices: readonly SwapStartChoice[];
  /** The draft differs from what is training. */
  pending: boolean;
  problems: string[];
  edit(next: FaceSwapSettings): void;
  chooseStart(id: string): void;
  /** Loads a saved model with its own settings; throws the reason (the current model stays) if it cannot. */
  loadFile(name: string, bytes: Uint8Array): Promise<void>;
  applyDraft(): Promise<void>;
  discardDraft(): void;
  /** A fresh model with the applied settings and start (edits waiting stay waiting). */
  reset(): Promise<void>;
}

export interface FaceSwapSettingsEditorOptions {
  initialSettings: FaceSwapSettings;
  initialStart: SwapStartChoice;
  configure(settings: FaceSwapSettings, pretrained: string | null): Promise<unknown>;
  loadModel(bytes: Uint8Array, settings: FaceSwapSettings | null): Promise<{ settings: FaceSwapSettings }>;
  /** Nothing trained yet (a fresh model at step 0, not running): a change loses nothing, so it applies at once. */
  untrained: boolean;
  onError(message: string): void;
}

export function useFaceSwapSettingsEditor(options: FaceSwapSettingsEditorOptions): FaceSwapSettingsEditor {
  const { initialSettings, initialStart, configure, loadModel, untrained, onError } = options;
  const [applied, setApplied] = useState(() => cloneSwapSettings(initialSettings));
  const [draft, setDraft] = useState(() => cloneSwapSettings(initialSettings));
  const [start, setStart] = useState<SwapStartChoice>(initialStart);
  const [draftStart, setDraftStart] = useState<SwapStartChoice>(initialStart);
  const [loadedFile, setLoadedFile] = useState<SwapStartChoice | null>(null);
  const startChoices = useMemo(() => (loadedFile ? [...SWAP_START_CHOICES, loadedFile] : SWAP_START_CHOICES), [loadedFile]);

  const build = useCallback(
    (settings: FaceSwapSettings, choice: SwapStartChoice) => (choice.file ? loadModel(choice.file, settings) : configure(settings, choice.pretrained)),
    [configure, loadModel],
  );

  const apply = useCallback(async (settings: FaceSwapSettings, choice: SwapStartChoice) => {
    setDraft(settings);
    setDraftStart(choice);
    if (swapSettingsProblems(settings).length > 0) return;
    try {
      await build(settings, choice);
      setApplied(settings);
      setStart(choice);
    } catch (error) {
      onError(`The new settings could not be applied: ${messageOf(error)}`);
    }
  }, [build, onError]);

  const edit = useCallback((next: FaceSwapSettings) => {
    const choice = draftStart.settings && !fitsPretrained(draftStart.settings, next) ? SCRATCH_START : draftStart;
    if (untrained) {
      void apply(next, choice);
    } else {
      setDraft(next);
      setDraftStart(choice);
    }
  }, [untrained, apply, draftStart]);

  const chooseStart = useCallback((id: string) => {
    const choice = findSwapStart(id, startChoices);
    // A pretrained model brings the settings it was trained with; a fresh start keeps what is swapped, at quick-training sizes.
    void apply(choice.settings ? cloneSwapSettings(choice.settings) : scratchSettingsFrom(draft), choice);
  }, [apply, draft, startChoices]);

  const loadFile = useCallback(async (name: string, bytes: Uint8Array) => {
    const loaded = await loadModel(bytes, null);
    const choice = fileStart(name, bytes, loaded.settings);
    setLoadedFile(choice);
    setApplied(cloneSwapSettings(loaded.settings));
    setDraft(cloneSwapSettings(loaded.settings));
    setStart(choice);
    setDraftStart(choice);
  }, [loadModel]);

  return {
    applied,
    draft,
    start,
    draftStart,
    startChoices,
    pending: !sameSwapSettings(draft, applied) || draftStart.id !== start.id,
    problems: swapSettingsProblems(draft),
    edit,
    chooseStart,
    loadFile,
    applyDraft: () => apply(draft, draftStart),
    discardDraft: () => {
      setDraft(cloneSwapSettings(applied));
      setDraftStart(start);
    },
    reset: async () => {
      try {
        await build(applied, start);
      } catch (error) {
        onError(`Training could not be reset: ${messageOf(error)}`);
      }
    },
  };
}
