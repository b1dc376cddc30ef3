/**
 * The guided tour each lab shows on a first visit: a few steps, each pointing at a real part
 * of the page. Each lab lists its steps; useGuidedTour (useGuidedTour.ts) runs them with driver.js and
 * remembers, per lab, that the tour was seen, so it never starts again unless asked for.
 */

/** One stop on the tour: the element it points at (a CSS selector) and what to say about it. */
export interface TourStep {
  element: string;
  title: string;
  /** One or two sentences of plain text. */
  text: string;
  side?: 'top' | 'right' | 'bottom' | 'left';
}

/** The localStorage key that says this lab's tour was finished or dismissed. */
export function tourSeenKey(labId: string): string {
  return `deepfake-lab:tour-seen:${labId}`;
}

export function tourSeen(labId: string): boolean {
  try {
    return window.localStorage.getItem(tourSeenKey(labId)) === '1';
  } catch {
    // Storage blocked (private mode, a strict browser): treat the tour as seen rather than show it on every visit.
    return true;
  }
}

export function markTourSeen(labId: string): void {
  try {
    window.localStorage.setItem(tourSeenKey(labId), '1');
  } catch {
    // Nothing to remember it in: the tour simply may show again next time.
  }
}
