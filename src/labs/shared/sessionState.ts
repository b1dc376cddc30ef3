/**
 * What the page knows about a lab's training worker, and how each message from it (or about
 * it) changes that: the latest frame, the chart history, the timeline of snapshots, the
 * status, the backend, and the configuration the worker last accepted, which a restarted
 * worker is given again. Pure, so the session hook's decisions are tested in Node.
 */
import type { FrameBase, SessionStatus, StartRequest } from '../../protocol/shared/sessionProtocol';
import { appendMetrics, metricsUpTo } from './metricHistory';
import { addSnapshot, MAX_SNAPSHOTS } from './timeline';

/** Settings and the start they train from, as the worker accepted them (a file start keeps the file's bytes). */
export interface SessionSetup<Settings> {
  settings: Settings;
  start: StartRequest;
}

/** What only the page knows about a frame. */
export interface FrameExtras {
  /** The worker has stopped since: the numbers are the last it sent, not live. */
  workerStopped: boolean;
  /** The latest non-zero steps per second (the worker reports 0 while paused); null before any. */
  lastRate: number | null;
  /** Counts frames since the page opened: views that depend on the weights redraw when it changes. */
  sequence: number;
}

export type SessionFrame<Frame> = Frame & FrameExtras;

/** A pretrained model's or file's own past: its stored timeline and chart points. */
export interface StoredHistory<Metric, Snapshot> {
  timeline: Snapshot[];
  metrics: Metric[];
}

/** How one lab's frames feed the timeline, and what a trained start brings. */
export interface HistoryRules<Frame, StartInfo, Metric, Snapshot> {
  /** The status shown while the worker starts. */
  startingStatus: SessionStatus;
  /** A timeline snapshot of a frame; none for a lab without a timeline. */
  snapshotOf?(frame: Frame, previous: Snapshot | undefined): Snapshot;
  maxSnapshots?: number;
  historyOf?(start: StartInfo): StoredHistory<Metric, Snapshot>;
}

export interface SessionState<Settings, Frame, Info, StartInfo, Metric, Snapshot> {
  /** What the worker trains with: the configuration it last accepted, which Restart replays. */
  config: SessionSetup<Settings>;
  frame: SessionFrame<Frame> | null;
  metrics: Metric[];
  timeline: Snapshot[];
  status: SessionStatus;
  /** The backend really running; null until the worker has started and built the model. */
  info: Info | null;
  /** What the trained start now training brought (a shipped model's or a file's figures), or null. */
  startInfo: StartInfo | null;
  /** Why the worker stopped (it then needs Restart); null while it is healthy. */
  workerError: string | null;
  /** Why the lab started from scratch instead of the model asked for, if it had to. */
  startProblem: string | null;
  /** Counts the models the worker accepted: each configuration, and each restart, makes a new one. */
  run: number;
}

export type SessionEvent<Settings, Frame, Info, StartInfo> =
  | { type: 'frame'; frame: Frame }
  | { type: 'status'; status: SessionStatus }
  | { type: 'started'; info: Info }
  | { type: 'accepted'; config: SessionSetup<Settings>; startInfo: StartInfo | null; startProblem?: string }
  | { type: 'restored'; step: number }
  | { type: 'stopped'; reason: string }
  | { type: 'restarting' };

export function initialSession<Settings, Frame, Info, StartInfo, Metric, Snapshot>(
  config: SessionSetup<Settings>,
  startingStatus: SessionStatus,
): SessionState<Settings, Frame, Info, StartInfo, Metric, Snapshot> {
  return {
    config, frame: null, metrics: [], timeline: [], status: startingStatus, info: null, startInfo: null, workerError: null, startProblem: null, run: 0,
  };
}

/**
 * A trained start's stored timeline with the live snapshot after it. The model's first frame
 * arrives before the worker's answer and has already restarted the timeline; it stays at the
 * end unless it is older than the stored past.
 */
export function withStoredPast<Snapshot extends { step: number }>(timeline: readonly Snapshot[], stored: readonly Snapshot[], max: number): Snapshot[] {
  const live = timeline.at(-1);
  const last = stored.at(-1);
  return live && (!last || live.step >= last.step) ? addSnapshot(stored, live, max) : stored.slice();
}

type Step = { step: number };

export function reduceSession<Settings, Frame extends FrameBase<Metric>, Info, StartInfo, Metric extends Step, Snapshot extends Step>(
  rules: HistoryRules<Frame, StartInfo, Metric, Snapshot>,
  state: SessionState<Settings, Frame, Info, StartInfo, Metric, Snapshot>,
  event: SessionEvent<Settings, Frame, Info, StartInfo>,
): SessionState<Settings, Frame, Info, StartInfo, Metric, Snapshot> {
  const max = rules.maxSnapshots ?? MAX_SNAPSHOTS;
  switch (event.type) {
    case 'frame': {
      const next = event.frame;
      const previous = state.frame;
      const lastRate = next.stepsPerSecond > 0 ? next.stepsPerSecond : (previous?.lastRate ?? null);
      const frame = { ...next, workerStopped: false, lastRate, sequence: (previous?.sequence ?? 0) + 1 };
      const snapshot = rules.snapshotOf?.(next, state.timeline.at(-1));
      return {
        ...state,
        frame,
        timeline: snapshot ? addSnapshot(state.timeline, snapshot, max) : state.timeline,
        metrics: appendMetrics(state.metrics, next.newMetrics),
      };
    }
    case 'status':
      return { ...state, status: event.status };
    case 'started':
      return { ...state, info: event.info };
    case 'accepted': {
      const stored = event.startInfo !== null && rules.historyOf ? rules.historyOf(event.startInfo) : null;
      return {
        ...state,
        config: event.config,
        startInfo: event.startInfo,
        metrics: stored ? stored.metrics : [],
        timeline: stored ? withStoredPast(state.timeline, stored.timeline, max) : state.timeline,
        startProblem: event.startProblem ?? null,
        run: state.run + 1,
      };
    }
    case 'restored':
      return { ...state, metrics: metricsUpTo(state.metrics, event.step) };
    case 'stopped':
      return { ...state, workerError: event.reason, status: { kind: 'idle' }, info: null, frame: state.frame && { ...state.frame, workerStopped: true } };
    case 'restarting':
      // The last picture stays until the new worker sends one; it is no longer "stopped" but starting.
      return { ...state, workerError: null, status: rules.startingStatus, info: null, frame: state.frame && { ...state.frame, workerStopped: false } };
  }
}
