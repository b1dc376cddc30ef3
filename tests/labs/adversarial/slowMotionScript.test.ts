import { describe, expect, it } from 'vitest';
import { SLOW_MOTION_STAGES, nextStageIndex, stepsForStage } from '../../../src/labs/adversarial/slowMotionScript';

describe('the slow-motion script', () => {
  it('walks through one iteration in the order training does it', () => {
    expect(SLOW_MOTION_STAGES.map((s) => s.stage)).toEqual(['sampleNoise', 'generate', 'judge', 'updateDiscriminator', 'updateGenerator']);
  });

  it('takes the discriminator step at its update stage and the generator step at its own', () => {
    const steps = SLOW_MOTION_STAGES.map((s) => s.step);
    expect(steps).toEqual([null, null, null, 'discriminator', 'generator']);
  });

  it('gives every stage a caption to read out', () => {
    for (const stage of SLOW_MOTION_STAGES) expect(stage.caption.length).toBeGreaterThan(30);
  });

  it('wraps round to the next iteration', () => {
    expect(nextStageIndex(0)).toBe(1);
    expect(nextStageIndex(SLOW_MOTION_STAGES.length - 1)).toBe(0);
  });

  it('repeats the discriminator update k times, the generator update once, and steps nowhere else', () => {
    const [noise, , , dUpdate, gUpdate] = SLOW_MOTION_STAGES;
    expect(stepsForStage(dUpdate, 5)).toBe(5);
    expect(stepsForStage(gUpdate, 5)).toBe(1);
    expect(stepsForStage(noise, 5)).toBe(0);
  });
});
