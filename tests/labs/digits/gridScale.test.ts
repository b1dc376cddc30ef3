import { describe, expect, it } from 'vitest';
import { fitScale, fitWithSide } from '../../../src/labs/digits/gridScale';
import { gridSize } from '../../../src/labs/shared/imageGridPainter';

const batch = (count: number) => ({ pixels: new Float32Array(count * 784), count, height: 28, width: 28, channels: 1 as const });
const width = (scale: number) => gridSize(batch(64), { columns: 8, scale }).width;

describe('grid zoom', () => {
  it('picks the largest whole zoom whose grid fits the width', () => {
    for (const available of [500, 700, 924, 1000, 1500]) {
      const scale = fitScale(available, 8, 1, 10);
      expect(width(scale)).toBeLessThanOrEqual(available);
      expect(width(scale + 1)).toBeGreaterThan(available);
    }
  });

  it('stays within its bounds, and within a height when asked', () => {
    expect(fitScale(100, 8, 3, 5)).toBe(3);
    expect(fitScale(5000, 8, 3, 5)).toBe(5);
    const scale = fitScale(5000, 8, 1, 10, { rows: 8, height: 800 });
    expect(gridSize(batch(64), { columns: 8, scale, captions: [] }).height).toBeLessThanOrEqual(800);
    expect(gridSize(batch(64), { columns: 8, scale: scale + 1, captions: [] }).height).toBeGreaterThan(800);
  });

  it('puts the side column beside the grid only when the grid keeps its smallest zoom there', () => {
    const side = 240;
    const besideFits = width(3) + side;
    expect(fitWithSide(besideFits, side, 8, 3, 5)).toEqual({ scale: 3, beside: true });
    // A pixel less: the column goes below and the grid takes the whole width, at whatever zoom fits there.
    const below = fitWithSide(besideFits - 1, side, 8, 3, 5);
    expect(below).toEqual({ scale: fitScale(besideFits - 1, 8, 3, 5), beside: false });
    expect(width(below.scale)).toBeLessThanOrEqual(besideFits - 1);
    expect(fitWithSide(width(4) + side - 1, side, 8, 3, 5)).toEqual({ scale: 3, beside: true });
    expect(fitWithSide(width(4) + side, side, 8, 3, 5)).toEqual({ scale: 4, beside: true });
    // No side column asked for: never beside.
    expect(fitWithSide(2000, 0, 8, 3, 5).beside).toBe(false);
    // A short window lowers the zoom but never below the minimum, and does not move the column.
    expect(fitWithSide(2000, side, 8, 3, 5, { rows: 8, height: 300 })).toEqual({ scale: 3, beside: true });
  });
});
