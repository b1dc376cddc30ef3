/**
 * A lab's lesson script: a few steps a lecturer walks with the arrow keys in presentation
 * mode, like slides, while the model trains live. A step may open the lab with a set-up
 * (the query of one of the lab's own share links); a step without one keeps what is running.
 */
export interface LessonStep {
  /** A few words, shown as the step's heading. */
  title: string;
  /** The lab's share-link query to open for this step (`preset=mode-collapse`), or none to keep the current set-up. */
  setup?: string;
  /** What to press or do, in the lab's own words for its buttons. */
  press: string;
  /** One sentence: what the class should notice. */
  point: string;
  /** The id of the heading of the panel this step is about, brought into view when the step opens. */
  view?: string;
}

export interface LessonScript {
  /** The lab's registry id. */
  labId: string;
  /** The lesson's name. */
  title: string;
  steps: readonly LessonStep[];
}

/** The link parameter that opens a lab in presentation mode at a lesson step (counted from 1). */
export const LESSON_STEP_PARAM = 'lessonStep';

/**
 * The set-up a step runs on: its own, or else the last set-up opened before it
 * (empty when no step up to it has one: the lab's defaults).
 */
export function setupAt(script: LessonScript, index: number): string {
  for (let i = Math.min(index, script.steps.length - 1); i >= 0; i -= 1) {
    const setup = script.steps[i].setup;
    if (setup !== undefined) return setup;
  }
  return '';
}

/** The query that opens a lab at a lesson step: the step's set-up plus the step number. */
export function lessonStepQuery(script: LessonScript, index: number): string {
  const params = new URLSearchParams(setupAt(script, index));
  params.set(LESSON_STEP_PARAM, String(index + 1));
  return params.toString();
}

export interface LessonStepInLink {
  /** The query with the lesson-step parameter taken out (what the lab reads). */
  query: string;
  /** The step asked for, counted from 0; null when the link asks for none. */
  step: number | null;
  /** Why the step number was ignored, if it was. */
  problem: string | null;
}

/** Takes the lesson-step parameter out of a lab's query; a step out of range is named, never fatal. */
export function takeLessonStep(query: string, stepCount: number): LessonStepInLink {
  const params = new URLSearchParams(query);
  const raw = params.get(LESSON_STEP_PARAM);
  if (raw === null) return { query, step: null, problem: null };
  params.delete(LESSON_STEP_PARAM);
  const rest = params.toString();
  const n = Number(raw);
  if (stepCount === 0) return { query: rest, step: null, problem: `"${LESSON_STEP_PARAM}=${raw}" was ignored: this lab has no lesson script.` };
  if (!Number.isInteger(n) || n < 1 || n > stepCount) {
    return { query: rest, step: null, problem: `"${LESSON_STEP_PARAM}=${raw}" was ignored: the lesson has steps 1 to ${stepCount}.` };
  }
  return { query: rest, step: n - 1, problem: null };
}

export type LessonKeyAction = 'next' | 'previous' | 'first' | 'last' | 'leave';

/**
 * Which key walks the lesson in presentation mode. Presenter remotes send the arrow keys or
 * Page Up / Page Down. (Whether a focused control keeps the key is the caller's decision.)
 */
export function lessonKeyAction(key: string, modified: boolean): LessonKeyAction | null {
  if (modified) return null;
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}

/** The key that turns presentation mode on and off (outside form controls). */
export const PRESENT_KEY = 'p';
