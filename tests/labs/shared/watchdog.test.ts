import { describe, expect, it } from 'vitest';
import {
  CALL_SILENCE_MS, FRAME_SILENCE_MS, PROBE_TIMEOUT_MS, watchdogVerdict, type WatchdogState,
} from '../../../src/labs/shared/workerSupervisor';

const state = (over: Partial<WatchdogState>): WatchdogState => ({
  now: 100_000, running: false, lastHeard: 100_000, oldestPendingCall: null, probe: null, ...over,
});

describe('watchdogVerdict', () => {
  it('is content while frames keep coming, or while paused and nothing waits', () => {
    expect(watchdogVerdict(state({ running: true, lastHeard: 100_000 - 100 }))).toBe('fine');
    expect(watchdogVerdict(state({ running: false, lastHeard: 0 }))).toBe('fine');
  });

  it('probes when training runs but no frame came for a while', () => {
    expect(watchdogVerdict(state({ running: true, lastHeard: 100_000 - FRAME_SILENCE_MS + 1 }))).toBe('fine');
    expect(watchdogVerdict(state({ running: true, lastHeard: 100_000 - FRAME_SILENCE_MS }))).toBe('probe');
  });

  it('probes when a call waits long and nothing else was heard', () => {
    const old = 100_000 - CALL_SILENCE_MS;
    expect(watchdogVerdict(state({ oldestPendingCall: old, lastHeard: old }))).toBe('probe');
    // Frames still arrive: the worker is alive, just slow to answer this call.
    expect(watchdogVerdict(state({ oldestPendingCall: old, lastHeard: 100_000 - 50 }))).toBe('fine');
    expect(watchdogVerdict(state({ oldestPendingCall: 100_000 - 10, lastHeard: 0 }))).toBe('fine');
  });

  it('waits for a probe, then calls the worker stopped once it is long overdue', () => {
    const probe = (age: number, ticks: number) => state({ running: true, lastHeard: 0, probe: { sentAt: 100_000 - age, ticks } });
    expect(watchdogVerdict(probe(1000, 1))).toBe('fine');
    expect(watchdogVerdict(probe(PROBE_TIMEOUT_MS, 5))).toBe('stopped');
  });

  it('does not blame the worker when the page itself froze (few ticks despite the time)', () => {
    expect(watchdogVerdict(state({ running: true, lastHeard: 0, probe: { sentAt: 0, ticks: 1 } }))).toBe('fine');
  });
});
