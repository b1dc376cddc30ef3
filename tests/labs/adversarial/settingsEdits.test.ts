import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, GRID_MODE_COUNTS, LIMITS, cloneSettings, settingsProblems } from '../../../src/core/ganSettings';
import {
  batchForPacking, describeShape, nearestGridModes, networkShape, randomSeed, resizeHidden, sameSettings, withBatchSize,
  withDataset, withNetwork, withPacking,
} from '../../../src/labs/adversarial/settingsEdits';

describe('withDataset', () => {
  it('moves a non-square mode count to the nearest grid size when switching to the grid', () => {
    const ring = { ...cloneSettings(DEFAULT_SETTINGS), modes: 8 };
    const grid = withDataset(ring, 'grid');
    expect(grid.dataset).toBe('grid');
    expect(grid.modes).toBe(9);
    expect(settingsProblems(grid)).toEqual([]);
  });

  it('keeps the mode count for the ring and does not change its input', () => {
    const start = { ...cloneSettings(DEFAULT_SETTINGS), dataset: 'grid' as const, modes: 25 };
    const ring = withDataset(start, 'ring');
    expect(ring.modes).toBe(25);
    expect(start.dataset).toBe('grid');
  });
});

describe('nearestGridModes', () => {
  it('picks a square number from the allowed list', () => {
    expect(nearestGridModes(2)).toBe(4);
    expect(nearestGridModes(30)).toBe(25);
    expect(nearestGridModes(49)).toBe(49);
    for (const m of [3, 11, 20, 40]) expect(GRID_MODE_COUNTS as readonly number[]).toContain(nearestGridModes(m));
  });
});

describe('packing and batch size', () => {
  it('rounds the batch down to a multiple of the packing', () => {
    expect(batchForPacking(256, 3)).toBe(255);
    expect(batchForPacking(250, 4)).toBe(248);
    expect(batchForPacking(256, 4)).toBe(256);
  });

  it('rounds up instead when rounding down would fall below the minimum batch', () => {
    const b = batchForPacking(LIMITS.batchSize.min, 7);
    expect(b % 7).toBe(0);
    expect(b).toBeGreaterThanOrEqual(LIMITS.batchSize.min);
  });

  it('keeps every packing valid with the default batch size', () => {
    for (let m = LIMITS.packing.min; m <= LIMITS.packing.max; m++) {
      expect(settingsProblems(withPacking(cloneSettings(DEFAULT_SETTINGS), m))).toEqual([]);
    }
  });

  it('fits a typed batch size to the current packing and the limits', () => {
    const packed = withPacking(cloneSettings(DEFAULT_SETTINGS), 4);
    expect(withBatchSize(packed, 101).batchSize).toBe(100);
    expect(withBatchSize(packed, 5000).batchSize).toBe(1024);
  });
});

describe('network edits', () => {
  it('changes one network without touching the other', () => {
    const next = withNetwork(cloneSettings(DEFAULT_SETTINGS), 'generator', { learningRate: 0.01, hidden: [16] });
    expect(next.generator.learningRate).toBe(0.01);
    expect(next.generator.hidden).toEqual([16]);
    expect(next.discriminator).toEqual(DEFAULT_SETTINGS.discriminator);
  });

  it('grows hidden layers by repeating the last width, and shrinks from the output side', () => {
    expect(resizeHidden([64, 16], 4)).toEqual([64, 16, 16, 16]);
    expect(resizeHidden([64, 16, 8], 1)).toEqual([64]);
    expect(resizeHidden([], 2)).toEqual([32, 32]);
    expect(resizeHidden([8], 99)).toHaveLength(LIMITS.hiddenLayers.max);
  });

  it('describes the shapes of both networks, including noise size and packing', () => {
    const s = { ...cloneSettings(DEFAULT_SETTINGS), noiseDim: 3, packing: 4 };
    s.generator.hidden = [32, 32];
    s.discriminator.hidden = [];
    expect(describeShape(networkShape(s, 'generator'))).toBe('3 → 32 → 32 → 2');
    expect(describeShape(networkShape(s, 'discriminator'))).toBe('8 → 1');
  });
});

describe('sameSettings and randomSeed', () => {
  it('tells equal settings from changed ones', () => {
    const a = cloneSettings(DEFAULT_SETTINGS);
    expect(sameSettings(a, cloneSettings(DEFAULT_SETTINGS))).toBe(true);
    expect(sameSettings(a, { ...a, seed: a.seed + 1 })).toBe(false);
  });

  it('draws seeds within the allowed range', () => {
    expect(randomSeed(() => 0)).toBe(0);
    const high = randomSeed(() => 0.999999);
    expect(high).toBeLessThanOrEqual(LIMITS.seed.max);
    expect(Number.isInteger(high)).toBe(true);
  });
});
