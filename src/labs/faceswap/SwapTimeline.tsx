/**
 * The timeline slider under the preview grid: drag back to any stored moment
 * of the run (a pretrained model brings its whole training, from grey mush to
 * faces), or to the far right to follow training live.
 */
import { useId } from 'react';

export interface SwapTimelineProps {
  /** Steps of the stored snapshots, oldest first. */
  steps: readonly number[];
  /** Index of the snapshot on show. */
  index: number;
  live: boolean;
  /** A step to hold, or null to follow training. */
  onPin(step: number | null): void;
}

const stepText = (step: number) => `step ${step.toLocaleString('en-US')}`;

export function SwapTimeline({ steps, index, live, onPin }: SwapTimelineProps) {
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
        <button type="button" onClick={() => onPin(null)} disabled={live} data-testid="timeline-live">Back to live</button>
      </div>
      <input id={id} type="range" min={0} max={Math.max(0, last)} step={1} value={Math.max(0, index)} disabled={steps.length < 2}
        aria-valuetext={valueText} aria-describedby={`${id}-help`} data-testid="timeline-slider"
        onChange={(e) => {
          const i = Number(e.target.value);
          onPin(i >= last ? null : steps[i]);
        }} />
      <div className="timeline-ends" aria-hidden="true">
        <span>{stepText(steps[0] ?? 0)}</span>
        <span>{stepText(steps[last] ?? 0)} (live)</span>
      </div>
      <p className="field-help" id={`${id}-help`}>
        {steps.length === 1 ? 'One moment of this run is kept so far' : `${steps.length.toLocaleString('en-US')} moments of this run are kept`}, from
        the start to now. Drag left to replay how the faces and the swap formed; the far right follows training.
      </p>
    </div>
  );
}
