import { describe, expect, it } from 'vitest';
import { fakePositions, quizBatch, quizCaptions, quizOrder } from '../../../src/labs/digits/realOrFake';

describe('the which-is-fake round', () => {
  it('deals every real and fake cell exactly once, shuffled the same way for the same seed', () => {
    const order = quizOrder(8, 8, 5);
    expect(order).toHaveLength(16);
    for (const source of ['real', 'fake'] as const) {
      expect(order.filter((c) => c.source === source).map((c) => c.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
    expect(quizOrder(8, 8, 5)).toEqual(order);
    expect(quizOrder(8, 8, 6)).not.toEqual(order);
    // Shuffled, not reals-then-fakes.
    expect(order.slice(0, 8).every((c) => c.source === 'real')).toBe(false);
  });

  it('copies each cell\'s image into its place', () => {
    const real = new Float32Array(2 * 784).fill(0.25);
    const fake = new Float32Array(784).fill(0.75);
    const order = [{ source: 'fake' as const, index: 0 }, { source: 'real' as const, index: 1 }, { source: 'real' as const, index: 0 }];
    const batch = quizBatch(order, real, fake);
    expect(batch.count).toBe(3);
    expect(batch.pixels[0]).toBe(0.75);
    expect(batch.pixels[784 + 100]).toBe(0.25);
    expect(batch.pixels[3 * 784 - 1]).toBe(0.25);
  });

  it('numbers the cells until revealed, then names them and outlines the fakes', () => {
    const order = [{ source: 'real' as const, index: 0 }, { source: 'fake' as const, index: 0 }];
    expect(quizCaptions(order, false)).toEqual(['#1', '#2']);
    expect(quizCaptions(order, true)).toEqual(['real', 'FAKE']);
    expect([...fakePositions(order)]).toEqual([1]);
  });
});
