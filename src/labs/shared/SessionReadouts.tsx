/**
 * The readouts every lab shows beside its training controls: steps so far, steps per second
 * (as the worker measures it over RATE_WINDOW_MS, the same in every lab) and the backend, with
 * the lab's own scores between them.
 */
import type { ReactNode } from 'react';
import { RATE_WINDOW_MS, type FrameBase, type WorkerInfo } from '../../protocol/shared/sessionProtocol';
import type { FrameExtras } from './sessionState';

export const DASH = '—';

/** Counts are whole numbers; should one ever arrive as 7.0000001, it still reads "7". */
export const wholeNumber = (v: number) => Math.round(v).toLocaleString('en-US');

/** A rate to read at a glance: one decimal below 10 steps per second, whole steps above. */
export function formatRate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(1) : wholeNumber(perSecond);
}

export type ReadoutFrame = Pick<FrameBase<unknown>, 'steps' | 'stepsPerSecond'> & Partial<FrameExtras>;

/**
 * Steps per second: live while training runs; while paused (the worker then reports 0) the
 * last measured rate, marked as such; a dash once the worker has stopped or before anything
 * was measured.
 */
export function rateText(frame: ReadoutFrame | null): { value: string; last: boolean } {
  if (!frame || frame.workerStopped) return { value: DASH, last: false };
  if (frame.stepsPerSecond > 0) return { value: formatRate(frame.stepsPerSecond), last: false };
  if (frame.lastRate != null && frame.lastRate > 0) return { value: formatRate(frame.lastRate), last: true };
  return { value: DASH, last: false };
}

/** The backend's name, or why there is none. */
export function backendState(frame: ReadoutFrame | null, info: WorkerInfo | null): { name: string; note: string | null } {
  if (info) return { name: info.backend, note: null };
  return { name: '', note: frame?.workerStopped ? 'stopped' : 'starting…' };
}

const RATE_SECONDS = RATE_WINDOW_MS / 1000;
const RATE_HELP = `${RATE_SECONDS === 1 ? 'averaged over each second' : `averaged over ${RATE_SECONDS} s`} while training runs; while paused, the last rate measured`;

export interface SessionReadoutsProps {
  frame: ReadoutFrame | null;
  info: WorkerInfo | null;
  /** What a step is called here ("G steps", "Steps") and what one is. */
  stepsLabel: string;
  stepsHelp: string;
  /** The lab's own readouts, shown between the rate and the backend. */
  children?: ReactNode;
}

export function SessionReadouts({ frame, info, stepsLabel, stepsHelp, children }: SessionReadoutsProps) {
  const rate = rateText(frame);
  const backend = backendState(frame, info);
  return (
    <dl className="readouts">
      <div className="readout" title={stepsHelp}>
        <dt>{stepsLabel}</dt>
        <dd data-testid="step-count">{wholeNumber(frame?.steps ?? 0)}</dd>
      </div>
      <div className="readout" title={`${stepsLabel} per second, ${RATE_HELP}`}>
        <dt>Steps / s</dt>
        {/* data-rate: the measured value itself, unrounded, for tests and tools that read the page. */}
        <dd data-testid="steps-per-second" data-rate={frame && !frame.workerStopped ? frame.stepsPerSecond : undefined}>
          {rate.value}
          {rate.last ? <span className="muted"> (last)</span> : null}
        </dd>
      </div>
      {children}
      <div className="readout" title="The TensorFlow.js engine doing the maths in your browser">
        <dt>Backend</dt>
        <dd>
          <span data-testid="backend-name">{backend.name}</span>
          {backend.note ? <span className="muted" data-testid="backend-state">{backend.note}</span> : null}
        </dd>
      </div>
    </dl>
  );
}
