import { describe, expect, it } from 'vitest';
import { PacedTrainingLoop, type PacedTrainingTarget } from '../../../src/worker/shared/pacedTrainingLoop';
import { FakeClock } from './sessionTestKit';

function countingTarget(clock: FakeClock, loop: PacedTrainingLoop, stepMs: number, healthyFrames = Infinity) {
  const log = { steps: 0, withStats: 0, frames: 0 };
  const target: PacedTrainingTarget = {
    steps: () => log.steps,
    trainOne: (withStats) => {
      clock.time += stepMs;
      log.steps++;
      if (withStats) log.withStats++;
    },
    postFrame: () => {
      log.frames++;
      loop.framePosted(clock.now());
      if (log.frames > healthyFrames) {
        loop.stop();
        return false;
      }
      return true;
    },
  };
  return { log, target };
}

const PACING = { stepsPerSecondPerSpeed: 3, frameIntervalMs: 250, sliceMs: 30 };

describe('PacedTrainingLoop', () => {
  it('at speed 1 keeps to 3 steps a second, posting frames a few times a second', () => {
    const clock = new FakeClock();
    const loop = new PacedTrainingLoop(clock, PACING);
    const { log, target } = countingTarget(clock, loop, 1);
    loop.start(target, 1);
    clock.runUntil(10_000);
    // About 30 paced steps plus one step with statistics per frame (about 4 frames a second).
    const frames = log.frames;
    expect(frames).toBeGreaterThanOrEqual(36);
    expect(frames).toBeLessThanOrEqual(41);
    expect(log.withStats).toBe(frames);
    expect(log.steps).toBeGreaterThanOrEqual(frames);
    expect(log.steps).toBeLessThanOrEqual(frames + 32);
  });

  it("at 'max' fills every slice, far faster than any set speed", () => {
    const clock = new FakeClock();
    const loop = new PacedTrainingLoop(clock, PACING);
    const { log, target } = countingTarget(clock, loop, 1);
    loop.start(target, 'max');
    clock.runUntil(1_000);
    expect(log.steps).toBeGreaterThan(900);
    expect(log.frames).toBeGreaterThanOrEqual(3);
    expect(log.frames).toBeLessThanOrEqual(5);
  });

  it('stops when told, and when a frame reports that training blew up', () => {
    const clock = new FakeClock();
    const loop = new PacedTrainingLoop(clock, PACING);
    const { log, target } = countingTarget(clock, loop, 1);
    loop.start(target, 'max');
    clock.runUntil(500);
    loop.stop();
    expect(loop.running).toBe(false);
    const stoppedAt = log.steps;
    clock.runUntil(2_000);
    expect(log.steps).toBe(stoppedAt);

    const broken = countingTarget(clock, loop, 1, 2);
    loop.start(broken.target, 'max');
    clock.runUntil(10_000);
    expect(broken.log.frames).toBe(3);
    expect(loop.running).toBe(false);
  });

  it('a restart (a new speed) retires the old loop, so only one ever trains', () => {
    const clock = new FakeClock();
    const loop = new PacedTrainingLoop(clock, PACING);
    const { log, target } = countingTarget(clock, loop, 1);
    loop.start(target, 'max');
    loop.start(target, 1);
    clock.runUntil(10_000);
    expect(log.steps).toBeLessThanOrEqual(log.frames + 32);
  });
});
