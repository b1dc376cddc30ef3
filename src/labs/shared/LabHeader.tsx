/**
 * The top of every lab page: its name, one paragraph on what it shows, the Tour button (and the
 * tour on a first visit), then the lab's notices and why it had to start from scratch, if it did.
 */
import type { ReactNode } from 'react';
import { GuidedTour } from './GuidedTour';
import { usePresentationSwitch } from './presenting';
import type { TourStep } from './guidedTour';
import { SessionNotices } from './SessionBanners';
import type { Notices } from './useNotices';

export interface LabHeaderProps {
  title: string;
  labId: string;
  tour: readonly TourStep[];
  notices: Notices;
  startProblem: string | null;
  /** The introduction, a sentence or two with the key words in bold. */
  children: ReactNode;
}

export function LabHeader({ title, labId, tour, notices, startProblem, children }: LabHeaderProps) {
  const presentation = usePresentationSwitch();
  return (
    <>
      <div className="lab-intro">
        <h1>{title}</h1>
        <p>{children}</p>
        <div className="lab-intro-actions">
          <GuidedTour labId={labId} steps={tour} />
          {presentation ? (
            <button type="button" className="button-secondary lab-tour-button" data-testid="present" aria-pressed={presentation.presenting} aria-keyshortcuts="P"
              title="Presentation mode: the controls fold away, the text grows, and the lab's lesson walks with the arrow keys"
              onClick={presentation.toggle}>
              Present <kbd>P</kbd>
            </button>
          ) : null}
        </div>
      </div>
      <SessionNotices notices={notices} startProblem={startProblem} />
    </>
  );
}
