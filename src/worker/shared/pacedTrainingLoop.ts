/**
 * The play loop every lab's worker session shares: train in short slices, yield between them
 * so pause and step messages get through, keep to the chosen speed, and post a frame a few
 * times per second. The session says how to take a step and how to post a frame.
 */
import type { SessionClock } from './sessionClock';

export interface PacedTrainingTarget {
  /** Steps taken so far: the speed is counted in these. */
  steps(): number;
  /** One training step; `withStats` when its losses will be shown in the next frame. */
  trainOne(withStats: boolean): void;
  /** Posts a live frame; false stops the loop (training blew up). */
  postFrame(): boolean;
}

export interface PacingOptions {
  /** Steps per second at speed 1 (speed n trains n times as many); 'max' fills every slice. */
  stepsPerSecondPerSpeed: number;
  frameIntervalMs: number;
  /** Longest stretch of training before yielding to the event loop. */
  sliceMs: number;
}

/** Slices are spaced a frame of 60 per second apart at a set speed, back to back at 'max'. */
const FRAMES_PER_SECOND = 60;

export class PacedTrainingLoop {
  private token = 0;
  private active = false;
  private lastFrameAt = -Infinity;

  constructor(private readonly clock: SessionClock, private readonly options: PacingOptions) {}

  get running(): boolean {
    return this.active;
  }

  /** Notes a frame just posted (by the loop or not), so the next falls one interval later. */
  framePosted(at: number): void {
    this.lastFrameAt = at;
  }

  /** Starts (or restarts, counting the speed from now) training `target` at `speed`. */
  start(target: PacedTrainingTarget, speed: number | 'max'): void {
    const token = ++this.token;
    this.active = true;
    const { clock } = this;
    const { stepsPerSecondPerSpeed, frameIntervalMs, sliceMs } = this.options;
    const startedAt = clock.now();
    const startSteps = target.steps();
    const frameDue = () => clock.now() - this.lastFrameAt >= frameIntervalMs;
    const slice = () => {
      if (!this.active || token !== this.token) return;
      const sliceEnd = clock.now() + sliceMs;
      // At a set speed, catch up with (elapsed time × rate) steps; at 'max', fill the slice.
      const due = speed === 'max'
        ? Infinity
        : startSteps + Math.floor(((clock.now() - startedAt) / 1000) * speed * stepsPerSecondPerSpeed) - target.steps();
      for (let done = 0; done < due && clock.now() < sliceEnd && !frameDue(); done++) target.trainOne(false);
      if (frameDue()) {
        target.trainOne(true);
        if (!target.postFrame() || token !== this.token) return;
      }
      clock.defer(slice, speed === 'max' ? 0 : 1000 / FRAMES_PER_SECOND);
    };
    clock.defer(slice, 0);
  }

  stop(): void {
    this.active = false;
    this.token++;
  }
}
