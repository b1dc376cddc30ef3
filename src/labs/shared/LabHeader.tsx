/**
 * The top of every lab page: its name, one paragraph on what it shows, the Tour button (and the
 * tour on a first visit), then the lab's notices and why it had to start from scratch, if it did.
 */
import type { ReactNode } from 'react';
import { GuidedTour } from './GuidedTour';
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
  return (
    <>
      <div className="lab-intro">
        <h1>{title}</h1>
        <p>{children}</p>
        <GuidedTour labId={labId} steps={tour} />
      </div>
      <SessionNotices notices={notices} startProblem={startProblem} />
    </>
  );
}
