/**
 * The timeline slider under a lab's picture grid: drag back to any stored moment
 * of the run (the picture is instant: it is a stored copy), or to the far right to
 * follow training live. Shared by the digit forger and the face-swap lab.
 */
import { useId } from 'react';
import './trainingTimeline.css';

export interface TrainingTimelineProps {
  /** Steps of the stored snapshots, oldest first. */
  steps: readonly number[];
  /** Index of the snapshot on show. */
  index: number;
  live: boolean;
  /** A step to hold, or null to follow training. */
  onPin(step: number | null): void;
  /** What forms over training, for the help text ("the digits", "the faces and the swap"). */
  subject: string;
}

const stepText = (step: number) => `step ${step.toLocaleString('en-US')}`;

export function TrainingTimeline({ steps, index, live, onPin, subject }: TrainingTimelineProps) {
  const id = useId();
  const last = steps.length - 1;
  const shownStep = index >= 0 ? steps[index] : 0;
  const valueText = live ? `live, ${stepText(shownStep)}` : `${stepText(shownStep)} of ${stepText(steps[last] ?? 0)}`;
  return (
    <div className="timeline">
      <div className="timeline-head">
        <label htmlFor={id}>Training timeline</label>
        <span className="timeline-position" data-testid="timeline-position" aria-live="off">
          {live ? <strong className="timeline-live">Live</strong> : <strong>Replay</strong>} · {stepText(shownStep)}
        </span>
        <button type="button" onClick={() => onPin(null)} disabled={live} data-testid="timeline-live">
          Back to live
        </button>
      </div>
      <input
        id={id}
        type="range"
        min={0}
        max={Math.max(0, last)}
        step={1}
        value={Math.max(0, index)}
        disabled={steps.length < 2}
        aria-valuetext={valueText}
        aria-describedby={`${id}-help`}
        data-testid="timeline-slider"
        onChange={(e) => {
          const i = Number(e.target.value);
          onPin(i >= last ? null : steps[i]);
        }}
      />
      <div className="timeline-ends" aria-hidden="true">
        <span>{stepText(steps[0] ?? 0)}</span>
        <span>{stepText(steps[last] ?? 0)} (live)</span>
      </div>
      <p className="field-help" id={`${id}-help`}>
        {steps.length === 1 ? 'One moment of this run is kept so far' : `${steps.length.toLocaleString('en-US')} moments of this run are kept`}, spread
        from the start to now. Drag left to replay how {subject} formed; the far right follows training.
      </p>
    </div>
  );
}
