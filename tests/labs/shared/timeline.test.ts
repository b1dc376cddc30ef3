import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOTS, addSnapshot, nearestSnapshot, shownSnapshot } from '../../../src/labs/shared/timeline';

const run = (steps: number[], max = MAX_SNAPSHOTS) => steps.reduce((t, step) => addSnapshot(t, { step }, max), [] as { step: number }[]);

describe('the training timeline', () => {
  it('keeps every snapshot while there is room', () => {
    expect(run([0, 5, 10, 15]).map((s) => s.step)).toEqual([0, 5, 10, 15]);
  });

  it('replaces the latest snapshot at the same step, and starts over when the step goes back (a reset)', () => {
    const a = { step: 10, tag: 'a' };
    const b = { step: 10, tag: 'b' };
    const t = addSnapshot(addSnapshot([{ step: 0, tag: '0' }], a), b);
    expect(t).toEqual([{ step: 0, tag: '0' }, b]);
    expect(addSnapshot(t, { step: 0, tag: 'new' })).toEqual([{ step: 0, tag: 'new' }]);
  });

  it('thins a long run to at most max snapshots, spread over it, always keeping step 0 and the latest', () => {
    const steps = Array.from({ length: 1000 }, (_, i) => i * 7);
    const t = run(steps, 20);
    expect(t).toHaveLength(20);
    expect(t[0].step).toBe(0);
    expect(t[t.length - 1].step).toBe(999 * 7);
    const gaps = t.slice(1).map((s, i) => s.step - t[i].step);
    // Evenly spread: no gap is more than about twice the average.
    const average = (999 * 7) / 19;
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2.2 * average);
    expect(gaps.every((g) => g > 0)).toBe(true);
  });

  it('spreads a run whose frames come at uneven intervals (fast early steps, slow later) over its steps', () => {
    const steps = [...Array.from({ length: 300 }, (_, i) => i), ...Array.from({ length: 100 }, (_, i) => 300 + i * 50)];
    const t = run(steps, 30);
    expect(t).toHaveLength(30);
    const laterHalf = t.filter((s) => s.step > 2500).length;
    expect(laterHalf).toBeGreaterThan(8);
  });

  it('refuses a maximum below two', () => {
    expect(() => addSnapshot([], { step: 0 }, 1)).toThrow();
  });

  it('finds the snapshot nearest a step, and what to show for a pinned step or live', () => {
    const t = run([0, 10, 20, 40]);
    expect(nearestSnapshot(t, 14)).toBe(1);
    expect(nearestSnapshot(t, 15)).toBe(1);
    expect(nearestSnapshot(t, 31)).toBe(3);
    expect(nearestSnapshot([], 3)).toBe(-1);
    expect(shownSnapshot(t, null)).toEqual({ index: 3, live: true });
    expect(shownSnapshot(t, 19)).toEqual({ index: 2, live: false });
    expect(shownSnapshot([], 19)).toEqual({ index: -1, live: true });
  });
});
