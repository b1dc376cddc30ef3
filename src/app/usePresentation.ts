/**
 * Presentation mode: the shell hides the controls, grows the text and walks the current
 * lab's lesson script with the arrow keys (or a presenter remote's Page Up / Page Down),
 * opening each step's set-up as the lab's own share link would.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PRESENT_KEY, lessonKeyAction, type LessonScript } from '../labs/shared/lessonScript';
import { hashFor } from '../labs/shared/hashRoute';

export interface Presentation {
  presenting: boolean;
  /** The lesson step shown, counted from 0. */
  step: number;
  toggle(): void;
  leave(): void;
  /** Opens a step: shows it and, if it has a set-up, starts the lab on that set-up. */
  goTo(index: number): void;
}

interface LabLesson {
  path: string;
  lesson: LessonScript;
}

const FORM_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * The keys a focused slider keeps: the arrows, Home and End move it. Page Up and Page Down would
 * too, but a presenter remote sends them, so they walk the lesson even while a slider the lecturer
 * just dragged has the focus; so do Esc and P, which a slider has no use for.
 */
const SLIDER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** Keys pressed in a form control or an open dialog (the guided tour) belong to them. */
function keyBelongsElsewhere(event: KeyboardEvent): boolean {
  if (document.querySelector('.driver-popover') !== null) return true;
  const target = event.target instanceof HTMLElement ? event.target : null;
  const slider = target !== null && ((target instanceof HTMLInputElement && target.type === 'range') || target.getAttribute('role') === 'slider');
  if (slider) return SLIDER_KEYS.has(event.key);
  return target !== null && (FORM_TAGS.has(target.tagName) || target.isContentEditable);
}

/**
 * `lab` is the lab on screen (null elsewhere); `askedStep` is a step a link asked for, which
 * turns presentation mode on at that step (its set-up is already in the link). `visit` changes
 * whenever the route starts afresh.
 */
export function usePresentation(lab: LabLesson | null, askedStep: number | null, visit: number): Presentation {
  const [presenting, setPresenting] = useState(askedStep !== null);
  const [step, setStep] = useState(askedStep ?? 0);
  const labPath = lab?.path ?? null;

  // Adjusted while rendering (not in an effect), so the new lab never shows a stale step:
  // a link naming a lesson step opens presentation mode there; another lab starts its own
  // lesson from its first step (without reloading anything).
  const [seen, setSeen] = useState({ visit, labPath });
  if (seen.visit !== visit || seen.labPath !== labPath) {
    setSeen({ visit, labPath });
    if (askedStep !== null) {
      setPresenting(true);
      setStep(askedStep);
    } else if (seen.labPath !== labPath) {
      setStep(0);
    }
  }

  useEffect(() => {
    document.documentElement.classList.toggle('presenting', presenting && lab !== null);
    return () => document.documentElement.classList.remove('presenting');
  }, [presenting, lab]);

  const goTo = useCallback((index: number) => {
    if (!lab) return;
    const clamped = Math.max(0, Math.min(lab.lesson.steps.length - 1, index));
    setStep(clamped);
    const setup = lab.lesson.steps[clamped].setup;
    if (setup !== undefined) {
      const hash = hashFor(lab.path, setup);
      // A new link starts the lab on it. The same link again is no navigation for the browser,
      // yet the step must still start afresh (the lab may have trained on since): say it changed.
      if (window.location.hash !== hash) window.location.hash = hash;
      else window.dispatchEvent(new HashChangeEvent('hashchange'));
    }
  }, [lab]);

  const toggle = useCallback(() => setPresenting((on) => !on), []);
  const leave = useCallback(() => setPresenting(false), []);

  const latest = useRef({ presenting, step, goTo, toggle, leave, lab });
  useEffect(() => {
    latest.current = { presenting, step, goTo, toggle, leave, lab };
  });

  useEffect(() => {
    // Capture phase: in presentation mode the arrow keys walk the lesson, before the lab's own
    // shortcuts (→ takes a training step) can see them.
    const onKeyDown = (event: KeyboardEvent) => {
      const now = latest.current;
      if (!now.lab || event.repeat || keyBelongsElsewhere(event)) return;
      const modified = event.ctrlKey || event.metaKey || event.altKey;
      if (!modified && event.key.toLowerCase() === PRESENT_KEY) {
        event.preventDefault();
        now.toggle();
        return;
      }
      if (!now.presenting) return;
      const action = lessonKeyAction(event.key, modified);
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      const last = now.lab.lesson.steps.length - 1;
      if (action === 'leave') now.leave();
      else if (action === 'next') { if (now.step < last) now.goTo(now.step + 1); }
      else if (action === 'previous') { if (now.step > 0) now.goTo(now.step - 1); }
      else now.goTo(action === 'first' ? 0 : last);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  return { presenting: presenting && lab !== null, step, toggle, leave, goTo };
}
