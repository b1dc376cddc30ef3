/**
 * The settings the controls show (the draft) beside the ones the worker trains with (applied,
 * as the session last had them accepted), and where the run starts. An edit applies at once
 * when nothing would be lost, else it waits for "Apply & reset". A refused request keeps the
 * running settings, keeps the draft to fix, and says why. Shared by every lab; the lab passes
 * its rules (settingsDraft.ts) and its start choices.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { AcceptedConfig, StartRequest } from '../../protocol/shared/sessionProtocol';
import { messageOf } from './messageOf';
import { WorkerStoppedError } from './workerLink';
import {
  draftStatus, findScratch, initialDraft, reduceDraft, settingsForStart, startAfterEdit,
  type DraftConfig, type DraftEvent, type DraftState, type EditorRules,
} from './settingsDraft';
import { choiceForRequest, fileStartChoice, type StartChoice } from './startChoices';
import type { SessionSetup } from './sessionState';

export interface SettingsEditor<Settings> {
  /** The settings training now (accepted by the worker). */
  applied: Settings;
  /** Where the applied model started. */
  start: StartChoice<Settings>;
  draft: Settings;
  /** Where the draft would start. */
  draftStart: StartChoice<Settings>;
  /** The lab's starts, and a loaded model file once there is one. */
  startChoices: readonly StartChoice<Settings>[];
  /** The draft differs from what trains and waits for "Apply & reset". */
  pending: boolean;
  /** Why the draft cannot be used (empty when it can). */
  problems: string[];
  /** Why the worker refused the settings last applied, or null. */
  refusal: string | null;
  edit(next: Settings): void;
  chooseStart(id: string): void;
  /** Sends these settings (and start, else the draft's) to the worker; true once accepted. */
  apply(settings: Settings, start?: StartChoice<Settings>): Promise<boolean>;
  applyDraft(): Promise<boolean>;
  /** The draft with a fresh start from the seed (the way out when a trained model's weights do not fit it). */
  applyDraftFromScratch(): Promise<boolean>;
  discardDraft(): void;
  /** Starts the applied settings again (edits waiting stay waiting). */
  reset(): Promise<void>;
  /** Loads a model file with its own settings; rejects with the reason (the current model stays) if it cannot. */
  loadFile(name: string, bytes: Uint8Array): Promise<Settings>;
}

export interface SettingsEditorOptions<Settings> {
  /** What the worker trains with now: the session's last accepted configuration. */
  applied: SessionSetup<Settings>;
  choices: readonly StartChoice<Settings>[];
  rules: EditorRules<Settings>;
  configure(settings: Settings | null, start: StartRequest): Promise<AcceptedConfig<Settings, unknown>>;
  /** Nothing would be lost (nothing trained yet, or paused, as the lab decides): edits apply at once. */
  applyAtOnce: boolean;
  onError(message: string): void;
}

export function useSettingsEditor<Settings>(options: SettingsEditorOptions<Settings>): SettingsEditor<Settings> {
  const { applied: config, choices, rules, configure, applyAtOnce, onError } = options;
  const reducer = useMemo(() => (s: DraftState<Settings>, e: DraftEvent<Settings>) => reduceDraft(rules.same, s, e), [rules]);
  const [state, dispatch] = useReducer(reducer, null, () => initialDraft({ settings: config.settings, start: choiceForRequest(config.start, choices, null, config.settings) }));
  const scratch = findScratch(choices);
  const start = useMemo(() => choiceForRequest(config.start, choices, state.file, config.settings), [config, choices, state.file]);
  const applied = useMemo<DraftConfig<Settings>>(() => ({ settings: config.settings, start }), [config.settings, start]);
  const startChoices = useMemo(() => (state.file ? [...choices, state.file] : choices), [choices, state.file]);

  const apply = useCallback(async (settings: Settings, choice: StartChoice<Settings>): Promise<boolean> => {
    const send = rules.problems(settings).length === 0;
    dispatch({ type: 'request', settings, start: choice, send });
    if (!send) return false;
    const requested = { settings, start: choice };
    try {
      const accepted = await configure(settings, choice.request);
      dispatch({ type: 'accepted', requested, accepted: { settings: accepted.settings, start: choice }, previous: applied });
      return true;
    } catch (error) {
      const reason = messageOf(error);
      dispatch(error instanceof WorkerStoppedError ? { type: 'unanswered', requested } : { type: 'refused', requested, reason });
      onError(`The new settings could not be applied: ${reason}`);
      return false;
    }
  }, [rules, configure, applied, onError]);

  // The session can change what trains without the editor (a start that failed to load fell back to
  // scratch; Restart): a draft that showed the old configuration follows, an edited one stays.
  const shownApplied = useRef(applied);
  useEffect(() => {
    const previous = shownApplied.current;
    shownApplied.current = applied;
    if (previous !== applied) dispatch({ type: 'accepted', requested: applied, accepted: applied, previous });
  }, [applied]);

  const { pending, problems } = draftStatus(rules, state, applied);

  return {
    applied: config.settings,
    start,
    draft: state.draft,
    draftStart: state.draftStart,
    startChoices,
    pending,
    problems,
    refusal: state.refusal,
    edit: (next) => {
      const choice = startAfterEdit(rules, state.draftStart, next, scratch);
      if (applyAtOnce) void apply(next, choice);
      else dispatch({ type: 'edit', settings: next, start: choice });
    },
    chooseStart: (id) => {
      const choice = startChoices.find((c) => c.id === id) ?? scratch;
      void apply(settingsForStart(rules, choice, state.draft), choice);
    },
    apply: (settings, choice) => apply(settings, choice ?? state.draftStart),
    applyDraft: () => apply(state.draft, state.draftStart),
    applyDraftFromScratch: () => apply(state.draft, scratch),
    discardDraft: () => dispatch({ type: 'discard', applied }),
    reset: async () => {
      const target = rules.resetStart ? rules.resetStart(start, scratch) : start;
      try {
        const accepted = await configure(config.settings, target.request);
        const requested = { settings: config.settings, start: target };
        dispatch({ type: 'accepted', requested, accepted: { settings: accepted.settings, start: target }, previous: applied });
      } catch (error) {
        onError(`Training could not be reset: ${messageOf(error)}`);
      }
    },
    loadFile: async (name, bytes) => {
      const request = { kind: 'file' as const, name, bytes };
      const accepted = await configure(null, request);
      dispatch({ type: 'fileLoaded', file: fileStartChoice(request, accepted.settings), settings: accepted.settings });
      return accepted.settings;
    },
  };
}

/** What a lab's settings sidebar takes from the editor: the draft to edit and where it starts. */
export function draftControls<Settings>(editor: SettingsEditor<Settings>) {
  return {
    settings: editor.draft,
    onEdit: editor.edit,
    start: editor.draftStart,
    startChoices: editor.startChoices,
    onChooseStart: editor.chooseStart,
  };
}
