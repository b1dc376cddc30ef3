/**
 * The "Tour" button, and the tour itself: on a lab's first visit the tour starts by itself once
 * the page has settled; the button shows it again on request. Next / Back / Close are buttons in the
 * popover (Tab moves between them), the arrow keys step through it and Escape closes it; closing
 * or finishing it marks it seen for this lab.
 */
import { useCallback, useEffect, useRef } from 'react';
import { driver, type Driver } from 'driver.js';
import 'driver.js/dist/driver.css';
import { markTourSeen, tourSeen, type TourStep } from './guidedTour';
import './guidedTour.css';

/** Long enough for the lab's panels to lay out, so each step finds its element where it will stay. */
const FIRST_VISIT_DELAY_MS = 600;

/** Keys the tour answers to: while it is open they must not also reach the lab's shortcuts (→ steps the model). */
const TOUR_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Escape']);

export function GuidedTour(props: { labId: string; steps: readonly TourStep[] }) {
  const { labId, steps } = props;
  const tour = useRef<Driver | null>(null);

  const start = useCallback(() => {
    tour.current?.destroy();
    const keyGuard = (event: KeyboardEvent) => {
      if (TOUR_KEYS.has(event.key)) event.stopPropagation();
    };
    document.addEventListener('keydown', keyGuard, true);
    const instance = driver({
      showProgress: true,
      progressText: 'Step {{current}} of {{total}}',
      nextBtnText: 'Next',
      prevBtnText: 'Back',
      doneBtnText: 'Done',
      popoverClass: 'lab-tour',
      allowKeyboardControl: true,
      // The highlight glides from step to step, unless the reader asked for less motion.
      animate: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
      smoothScroll: false,
      stagePadding: 6,
      steps: steps.map((step) => ({
        element: step.element,
        popover: { title: step.title, description: escapeHtml(step.text), side: step.side, align: 'start' },
      })),
      onDestroyed: () => {
        document.removeEventListener('keydown', keyGuard, true);
        markTourSeen(labId);
        if (tour.current === instance) tour.current = null;
      },
    });
    tour.current = instance;
    instance.drive();
  }, [labId, steps]);

  useEffect(() => {
    if (tourSeen(labId)) return;
    const timer = window.setTimeout(start, FIRST_VISIT_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [labId, start]);

  // Leaving the lab closes the tour without marking it seen twice over.
  useEffect(() => () => tour.current?.destroy(), []);

  return (
    <button type="button" className="button-secondary lab-tour-button" data-testid="tour-button" onClick={start}
      title="A short walk through this lab's main parts">
      Tour
    </button>
  );
}

/** driver.js puts the description in as HTML: the steps are plain text. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
