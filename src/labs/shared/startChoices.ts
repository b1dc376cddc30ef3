/**
 * Where a run starts, as a lab page offers it: from the seed, from a model the app ships, or
 * from a model file the learner loaded. Each choice carries the request the worker gets and,
 * for a trained model, the settings it was trained with (its weights fit those alone).
 */
import type { StartRequest } from '../../protocol/shared/sessionProtocol';

export interface StartChoice<Settings> {
  id: string;
  label: string;
  /** One sentence beside the choice. */
  help: string;
  request: StartRequest;
  /** The settings a shipped model or file was trained with: choosing it puts them in the controls. */
  settings?: Settings;
}

export const SCRATCH_REQUEST: StartRequest = { kind: 'scratch' };
export const FILE_START_ID = 'file';

/** A fresh model from the seed, with the lab's own words for what that looks like. */
export function scratchChoice<Settings>(help: string): StartChoice<Settings> {
  return { id: 'scratch', label: 'From scratch', help, request: SCRATCH_REQUEST };
}

/** The start a loaded model file gives: training goes on from its weights, and Reset goes back to them. */
export function fileStartChoice<Settings>(request: Extract<StartRequest, { kind: 'file' }>, settings: Settings): StartChoice<Settings> {
  return {
    id: FILE_START_ID,
    label: `From the file "${request.name}"`,
    help: 'A model saved from this lab: training goes on from its weights, and Reset goes back to them.',
    request,
    settings,
  };
}

/**
 * The choice that made `request`: the loaded file's own (when it is that file), a listed one, or
 * a new file choice. A request nothing lists (a shipped model this build lacks) reads as scratch.
 */
export function choiceForRequest<Settings>(
  request: StartRequest,
  choices: readonly StartChoice<Settings>[],
  file: StartChoice<Settings> | null,
  settings: Settings,
): StartChoice<Settings> {
  if (request.kind === 'file') return file && file.request === request ? file : fileStartChoice(request, settings);
  const found = choices.find((c) => c.request.kind === request.kind && (request.kind === 'scratch' || (c.request.kind === 'pretrained' && c.request.id === request.id)));
  return found ?? findScratch(choices);
}

/** Where training starts again, for a sentence: "from the seed", "from "DCGAN"", "from the file "mine.json"". */
export function startPhrase(choice: StartChoice<unknown>): string {
  const { request } = choice;
  if (request.kind === 'scratch') return 'from the seed';
  if (request.kind === 'file') return `from the file "${request.name}"`;
  return `from "${choice.label}"`;
}

/** The scratch choice among a lab's starts (every lab has one). */
export function findScratch<Settings>(choices: readonly StartChoice<Settings>[]): StartChoice<Settings> {
  const scratch = choices.find((c) => c.request.kind === SCRATCH_REQUEST.kind);
  if (!scratch) throw new Error('A lab lists a start from scratch among its start choices.');
  return scratch;
}
