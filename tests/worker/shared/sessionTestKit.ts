/**
 * What the worker session tests share: clocks the test moves by hand, a collector of a
 * session's frames and statuses, and the check that the steps-per-second readout is measured
 * over RATE_WINDOW_MS.
 */
import { expect } from 'vitest';
import { RATE_WINDOW_MS, type FrameBase, type SessionStatus } from '../../../src/protocol/shared/sessionProtocol';
import type { SessionClock } from '../../../src/worker/shared/sessionClock';

/** A clock the test moves by hand: deferred slices wait in a queue, and time jumps to each. */
export class FakeClock implements SessionClock {
  time = 0;
  readonly queue: { at: number; run: () => void }[] = [];
  now = () => this.time;
  defer = (run: () => void, delayMs: number) => {
    this.queue.push({ at: this.time + delayMs, run });
  };
  /** Runs queued slices in order, jumping the clock forward to each, until `until` ms. */
  runUntil(until: number): void {
    while (this.queue.length > 0) {
      this.queue.sort((a, b) => a.at - b.at);
      if (this.queue[0].at > until) break;
      const next = this.queue.shift()!;
      this.time = Math.max(this.time, next.at);
      next.run();
    }
    this.time = Math.max(this.time, until);
  }
}

/** Real time, but the slices run only when the test says so (no timers left behind). */
export class QueuedClock implements SessionClock {
  private queue: (() => void)[] = [];
  now = () => performance.now();
  defer = (next: () => void) => {
    this.queue.push(next);
  };
  /** Runs queued slices (each may queue the next) until `until` holds or `max` slices have run. */
  run(until: () => boolean, max = 100_000): number {
    let ran = 0;
    while (this.queue.length > 0 && ran < max && !until()) {
      this.queue.shift()!();
      ran++;
    }
    return ran;
  }
  get queued(): number {
    return this.queue.length;
  }
}

interface Subscribable<Frame> {
  subscribe(onFrame: (frame: Frame) => void, onStatus: (status: SessionStatus) => void): void;
}

/** Everything a session posts, each frame with the clock's time when it came. */
export function collect<Frame>(session: Subscribable<Frame>, clock?: SessionClock) {
  const frames: Frame[] = [];
  const times: number[] = [];
  const statuses: SessionStatus[] = [];
  session.subscribe((f) => {
    frames.push(f);
    times.push(clock?.now() ?? 0);
  }, (s) => statuses.push(s));
  return { frames, times, statuses };
}

interface PlayableSession<Frame> {
  setSpeed(speed: 1): void;
  play(): void;
  pause(): void;
  subscribe(onFrame: (frame: Frame) => void, onStatus: (status: SessionStatus) => void): void;
}

/**
 * Plays a configured session at speed 1 on `clock` for a few windows and checks every frame's
 * readout: 0 until RATE_WINDOW_MS has passed since Play, then the steps over the last full
 * window, measured again only once another window has passed.
 */
export function expectRateOverWindow<Frame extends FrameBase<unknown>>(session: PlayableSession<Frame>, clock: FakeClock, stepsAtPlay: number): void {
  const { frames, times } = collect(session, clock);
  session.setSpeed(1);
  const playedAt = clock.now();
  session.play();
  clock.runUntil(playedAt + 2.5 * RATE_WINDOW_MS);
  session.pause();
  const live = frames.slice(0, -1);
  let window = { at: playedAt, steps: stepsAtPlay, perSecond: 0 };
  let measured = 0;
  live.forEach((frame, i) => {
    if (times[i] - window.at >= RATE_WINDOW_MS) {
      window = { at: times[i], steps: frame.steps, perSecond: ((frame.steps - window.steps) * 1000) / (times[i] - window.at) };
      measured++;
    }
    expect(frame.stepsPerSecond, `frame at ${times[i] - playedAt} ms after Play`).toBeCloseTo(window.perSecond, 9);
  });
  expect(measured).toBe(2);
  expect(window.perSecond).toBeGreaterThan(0);
  // Frames came more often than the window, so some showed the rate of the window before.
  expect(live.length).toBeGreaterThan(2 * measured);
  expect(frames.at(-1)!.stepsPerSecond).toBe(0);
}
