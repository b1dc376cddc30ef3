import { describe, expect, it } from 'vitest';
import type { FrameBase, StartRequest } from '../../../src/protocol/shared/sessionProtocol';
import {
  initialSession, reduceSession, withStoredPast, type HistoryRules, type SessionEvent, type SessionState,
} from '../../../src/labs/shared/sessionState';

interface Point { step: number; loss: number }
interface Frame extends FrameBase<Point> { picture: string }
interface Snap { step: number; picture: string }
interface Start { steps: number; past: Snap[] }
type Settings = { seed: number };
type State = SessionState<Settings, Frame, { backend: string }, Start, Point, Snap>;
type Event = SessionEvent<Settings, Frame, { backend: string }, Start>;

const rules: HistoryRules<Frame, Start, Point, Snap> = {
  startingStatus: { kind: 'loading', message: 'Loading…' },
  snapshotOf: (f) => ({ step: f.steps, picture: f.picture }),
  maxSnapshots: 4,
  historyOf: (start) => ({ timeline: start.past, metrics: start.past.map((s) => ({ step: s.step, loss: 1 })) }),
};
const run = (state: State, ...events: Event[]) => events.reduce((s, e) => reduceSession(rules, s, e), state);
const frame = (steps: number, stepsPerSecond = 0, newMetrics: Point[] = []): Event => ({ type: 'frame', frame: { steps, stepsPerSecond, newMetrics, picture: `p${steps}` } });
const fresh = (): State => initialSession({ settings: { seed: 1 }, start: { kind: 'scratch' } }, rules.startingStatus);
const file: StartRequest = { kind: 'file', name: 'mine.weights', bytes: new Uint8Array([7, 7]) };

describe('the session as the page holds it', () => {
  it('changes the configuration Restart replays only when the worker accepts one, keeping a file\'s bytes', () => {
    const state = run(fresh(), frame(0), frame(3, 20, [{ step: 3, loss: 1 }]));
    expect(state.config).toEqual({ settings: { seed: 1 }, start: { kind: 'scratch' } });
    const loaded = run(state, frame(40), { type: 'accepted', config: { settings: { seed: 5 }, start: file }, startInfo: { steps: 40, past: [{ step: 0, picture: 'a' }, { step: 40, picture: 'b' }] } });
    expect(loaded.config.start).toBe(file);
    expect(loaded.config.settings).toEqual({ seed: 5 });
    expect(loaded.run).toBe(state.run + 1);
    // A crash and a restart keep it: the new worker is given the same.
    const restarted = run(loaded, { type: 'stopped', reason: 'it crashed' }, { type: 'restarting' });
    expect(restarted.config).toBe(loaded.config);
    expect(restarted.workerError).toBeNull();
    expect(restarted.status).toEqual(rules.startingStatus);
  });

  it('puts a trained start\'s stored past before the live snapshot, and takes its chart points', () => {
    const state = run(fresh(), frame(0), frame(5), frame(40), {
      type: 'accepted', config: { settings: { seed: 1 }, start: { kind: 'pretrained', id: 'x' } }, startInfo: { steps: 40, past: [{ step: 0, picture: 'a' }, { step: 20, picture: 'b' }] },
    });
    expect(state.timeline.map((s) => s.step)).toEqual([0, 20, 40]);
    expect(state.timeline.at(-1)?.picture).toBe('p40');
    expect(state.metrics.map((p) => p.step)).toEqual([0, 20]);
  });

  it('a live snapshot older than the stored past is dropped', () => {
    expect(withStoredPast([{ step: 3, picture: 'x' }], [{ step: 0, picture: 'a' }, { step: 9, picture: 'b' }], 4).map((s) => s.picture)).toEqual(['a', 'b']);
    expect(withStoredPast([], [{ step: 0, picture: 'a' }], 4).map((s) => s.picture)).toEqual(['a']);
  });

  it('keeps the last measured rate for the paused readout, numbers the frames, and thins the timeline', () => {
    const state = run(fresh(), frame(0), frame(1, 12.5), frame(2, 0), frame(3, 0), frame(4, 0), frame(5, 0));
    expect(state.frame?.lastRate).toBe(12.5);
    expect(state.frame?.stepsPerSecond).toBe(0);
    expect(state.frame?.sequence).toBe(6);
    expect(state.timeline).toHaveLength(4);
    expect(state.timeline[0].step).toBe(0);
    expect(state.timeline.at(-1)?.step).toBe(5);
  });

  it('appends chart points, and cuts them back to the last good step on restore', () => {
    const points = [1, 2, 3, 4].map((step) => ({ step, loss: step }));
    const state = run(fresh(), frame(4, 0, points), { type: 'restored', step: 2 });
    expect(state.metrics.map((p) => p.step)).toEqual([1, 2]);
  });

  it('marks the last frame as stale when the worker stops, and live again on restart', () => {
    const stopped = run(fresh(), frame(7, 30), { type: 'started', info: { backend: 'wasm' } }, { type: 'stopped', reason: 'it went quiet' });
    expect(stopped.frame?.workerStopped).toBe(true);
    expect(stopped.info).toBeNull();
    expect(stopped.status).toEqual({ kind: 'idle' });
    expect(stopped.workerError).toBe('it went quiet');
    expect(run(stopped, { type: 'restarting' }).frame?.workerStopped).toBe(false);
  });

  it('says why a start fell back to scratch, until the next accepted model', () => {
    const fell = run(fresh(), { type: 'accepted', config: { settings: { seed: 1 }, start: { kind: 'scratch' } }, startInfo: null, startProblem: 'no file' });
    expect(fell.startProblem).toBe('no file');
    expect(run(fell, { type: 'accepted', config: fell.config, startInfo: null }).startProblem).toBeNull();
  });
});
