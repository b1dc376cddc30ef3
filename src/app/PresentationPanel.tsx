/**
 * The lesson beside the lab in presentation mode: the step's heading, what to press and what
 * to point out, with buttons for a mouse and the arrow keys for a lecturer at the front.
 */
import { useEffect } from 'react';
import type { LessonScript } from '../labs/shared/lessonScript';
import { usePrefersReducedMotion } from '../labs/shared/usePrefersReducedMotion';

export interface PresentationPanelProps {
  labTitle: string;
  lesson: LessonScript;
  step: number;
  /** Changes whenever the lab starts afresh (a step's set-up reloads it). */
  visit: number;
  onGoTo(index: number): void;
  onLeave(): void;
}

/** How long to wait for a step's panel to appear while a freshly opened lab builds its page. */
const VIEW_WAIT_MS = 8000;

export function PresentationPanel({ labTitle, lesson, step, visit, onGoTo, onLeave }: PresentationPanelProps) {
  const current = lesson.steps[step];
  const last = lesson.steps.length - 1;
  const reducedMotion = usePrefersReducedMotion();

  // Bring the step's panel into view (the main view: the top of the page).
  useEffect(() => {
    const viewId = current.view;
    const started = performance.now();
    let timer = 0;
    let settled = false;
    const bring = (behavior: ScrollBehavior = reducedMotion ? 'auto' : 'smooth') => {
      const heading = viewId ? document.getElementById(viewId) : null;
      if (viewId && !heading) {
        if (performance.now() - started < VIEW_WAIT_MS) timer = window.setTimeout(() => bring(), 150);
        return;
      }
      if (!heading || heading.closest('.plot-panel')) window.scrollTo({ top: 0, behavior });
      else heading.scrollIntoView({ block: 'start', behavior });
    };
    bring();
    // A lab still loading grows above the panel (its pictures and charts arrive): keep the panel in
    // view while the page settles, until the lecturer scrolls or presses a key themselves.
    const resized = new ResizeObserver(() => {
      if (!settled && performance.now() - started < VIEW_WAIT_MS) bring('auto');
    });
    resized.observe(document.body);
    const stop = () => {
      settled = true;
    };
    const inputs = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
    for (const type of inputs) window.addEventListener(type, stop, { passive: true });
    return () => {
      window.clearTimeout(timer);
      resized.disconnect();
      for (const type of inputs) window.removeEventListener(type, stop);
    };
  }, [current, visit, reducedMotion]);

  return (
    <aside className="presentation-panel" aria-label="Lesson" data-testid="presentation-panel">
      <div className="presentation-top">
        <p className="presentation-lab">{labTitle} · lesson</p>
        <button type="button" className="presentation-leave" data-testid="leave-presentation" onClick={onLeave}
          aria-keyshortcuts="Escape">
          Leave <kbd>Esc</kbd>
        </button>
      </div>
      <h2 className="presentation-lesson">{lesson.title}</h2>
      <div className="presentation-step" aria-live="polite" data-testid="lesson-step">
        <p className="presentation-count">Step {step + 1} of {lesson.steps.length}</p>
        <h3 className="presentation-step-title" data-testid="lesson-step-title">{current.title}</h3>
        <p><strong>Press: </strong>{current.press}</p>
        <p><strong>Point out: </strong>{current.point}</p>
      </div>
      <div className="presentation-nav">
        <button type="button" data-testid="lesson-previous" disabled={step === 0} onClick={() => onGoTo(step - 1)}
          aria-keyshortcuts="ArrowLeft">
          ← Previous
        </button>
        <button type="button" className="button-primary" data-testid="lesson-next" disabled={step === last} onClick={() => onGoTo(step + 1)}
          aria-keyshortcuts="ArrowRight">
          Next →
        </button>
      </div>
      <ol className="presentation-steps" aria-label="All steps">
        {lesson.steps.map((s, i) => (
          <li key={s.title}>
            <button type="button" className="presentation-step-link" aria-current={i === step ? 'step' : undefined} onClick={() => onGoTo(i)}>
              {s.title}
            </button>
          </li>
        ))}
      </ol>
      <p className="presentation-keys">
        <kbd>←</kbd> <kbd>→</kbd> walk the steps · <kbd>Space</kbd> plays or pauses · <kbd>P</kbd> or <kbd>Esc</kbd> leaves
      </p>
    </aside>
  );
}
