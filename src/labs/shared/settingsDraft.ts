/**
 * The settings editor's decisions, as pure functions: the draft the controls show beside the
 * settings the worker trains with. The applied settings come from the worker's answers alone,
 * so an edit counts as applied only once the worker has accepted it; a refused one keeps the
 * draft (to fix) and the worker's reason, while the running settings stay as they were.
 */
import { findScratch, type StartChoice } from './startChoices';

export { findScratch };

/** What a lab tells the editor about its settings. */
export interface EditorRules<Settings> {
  same(a: Settings, b: Settings): boolean;
  /** Why the settings cannot be used, in the controls' words; empty when they can. */
  problems(settings: Settings): string[];
  /** The start an edited draft trains from (default: the draft's start, which the worker may refuse). */
  startAfterEdit?(start: StartChoice<Settings>, next: Settings, scratch: StartChoice<Settings>): StartChoice<Settings>;
  /** The settings a chosen start without settings of its own brings (default: the draft as it is). */
  settingsForStart?(choice: StartChoice<Settings>, draft: Settings): Settings;
  /** Where Reset starts again from (default: the start now training). */
  resetStart?(start: StartChoice<Settings>, scratch: StartChoice<Settings>): StartChoice<Settings>;
}

/** A configuration as the editor sees it: settings and the start they train from. */
export interface DraftConfig<Settings> {
  settings: Settings;
  start: StartChoice<Settings>;
}

export interface DraftState<Settings> {
  draft: Settings;
  draftStart: StartChoice<Settings>;
  /** A model file the learner loaded: listed among the starts from then on. */
  file: StartChoice<Settings> | null;
  /** Sent to the worker and not answered yet. */
  sending: DraftConfig<Settings> | null;
  /** Why the worker refused the settings last applied; cleared by an accepted request or by discarding. */
  refusal: string | null;
}

export type DraftEvent<Settings> =
  /** The controls changed the draft; it waits for Apply & reset. */
  | { type: 'edit'; settings: Settings; start: StartChoice<Settings> }
  /** The draft becomes these settings, sent to the worker unless `send` is false (they have problems). */
  | { type: 'request'; settings: Settings; start: StartChoice<Settings>; send: boolean }
  /**
   * The worker accepted `requested` (answering `accepted`), replacing `previous`. A draft that
   * showed either (nothing was waiting) now shows what trains; a draft edited since stays.
   */
  | { type: 'accepted'; requested: DraftConfig<Settings>; accepted: DraftConfig<Settings>; previous: DraftConfig<Settings> }
  | { type: 'refused'; requested: DraftConfig<Settings>; reason: string }
  /** The worker stopped before it answered: nothing was refused, the draft waits to be applied again. */
  | { type: 'unanswered'; requested: DraftConfig<Settings> }
  /** A model file loaded with its own settings: the draft and the start become the file's. */
  | { type: 'fileLoaded'; file: StartChoice<Settings>; settings: Settings }
  | { type: 'discard'; applied: DraftConfig<Settings> };

export function initialDraft<Settings>(applied: DraftConfig<Settings>): DraftState<Settings> {
  return { draft: applied.settings, draftStart: applied.start, file: null, sending: null, refusal: null };
}

function shows<Settings>(same: EditorRules<Settings>['same'], state: DraftState<Settings>, config: DraftConfig<Settings>): boolean {
  return state.draftStart.id === config.start.id && same(state.draft, config.settings);
}

function sameConfig<Settings>(same: EditorRules<Settings>['same'], a: DraftConfig<Settings> | null, b: DraftConfig<Settings>): boolean {
  return a !== null && a.start.id === b.start.id && same(a.settings, b.settings);
}

export function reduceDraft<Settings>(same: EditorRules<Settings>['same'], state: DraftState<Settings>, event: DraftEvent<Settings>): DraftState<Settings> {
  switch (event.type) {
    case 'edit':
      // A refusal spoke of the draft as it was; the edited one has not been tried yet.
      return { ...state, draft: event.settings, draftStart: event.start, refusal: null };
    case 'request': {
      const config = { settings: event.settings, start: event.start };
      return { ...state, draft: event.settings, draftStart: event.start, sending: event.send ? config : state.sending };
    }
    case 'accepted': {
      const follow = shows(same, state, event.requested) || shows(same, state, event.previous);
      return {
        ...state,
        draft: follow ? event.accepted.settings : state.draft,
        draftStart: follow ? event.accepted.start : state.draftStart,
        sending: sameConfig(same, state.sending, event.requested) ? null : state.sending,
        refusal: null,
      };
    }
    case 'refused':
      return { ...state, sending: sameConfig(same, state.sending, event.requested) ? null : state.sending, refusal: event.reason };
    case 'unanswered':
      return { ...state, sending: sameConfig(same, state.sending, event.requested) ? null : state.sending };
    case 'fileLoaded':
      return { ...state, draft: event.settings, draftStart: event.file, file: event.file, refusal: null };
    case 'discard':
      return { ...state, draft: event.applied.settings, draftStart: event.applied.start, refusal: null };
  }
}

/** What the page shows about the draft: whether it waits for Apply & reset, and what blocks it. */
export function draftStatus<Settings>(rules: EditorRules<Settings>, state: DraftState<Settings>, applied: DraftConfig<Settings>): { pending: boolean; problems: string[] } {
  const differs = !shows(rules.same, state, applied);
  // A draft on its way to the worker is not waiting for the learner: no bar flashes while it builds.
  const onItsWay = sameConfig(rules.same, state.sending, { settings: state.draft, start: state.draftStart });
  return { pending: differs && !onItsWay, problems: rules.problems(state.draft) };
}

/** The draft's start after an edit, by the lab's rule. */
export function startAfterEdit<Settings>(rules: EditorRules<Settings>, start: StartChoice<Settings>, next: Settings, scratch: StartChoice<Settings>): StartChoice<Settings> {
  return rules.startAfterEdit ? rules.startAfterEdit(start, next, scratch) : start;
}

/** The settings choosing `choice` puts in the draft: its own, else the lab's pick from the draft. */
export function settingsForStart<Settings>(rules: EditorRules<Settings>, choice: StartChoice<Settings>, draft: Settings): Settings {
  if (choice.settings) return choice.settings;
  return rules.settingsForStart ? rules.settingsForStart(choice, draft) : draft;
}


/**
 * A validation problem in the words of the controls: "G width must be …" rather than
 * "generator.width must be …", by the lab's list of field paths and their labels.
 */
export function describeFieldProblem(fieldNames: readonly (readonly [string, string])[], problem: string): string {
  for (const [field, name] of fieldNames) {
    if (problem.startsWith(`${field} `)) return `${name} ${problem.slice(field.length + 1)}.`;
  }
  return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
}
