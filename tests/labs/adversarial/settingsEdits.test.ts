import { describe, expect, it } from 'vitest';
import { DATASET_KINDS, DEFAULT_SETTINGS, LIMITS, cloneSettings, settingsProblems } from '../../../src/core/pointGan/ganSettings';
import { DATASET_DEFAULTS } from '../../../src/core/adversarial/settingsUrl';
import {
  batchForPacking, describeShape, networkShape, randomSeed, resizeHidden, sameSettings, withBatchSize,
  withDataset, withNetwork, withPacking,
} from '../../../src/labs/adversarial/settingsEdits';

describe('withDataset', () => {
  it('switches to the benchmark grid: 25 clusters of σ 0.05', () => {
    const grid = withDataset(cloneSettings(DEFAULT_SETTINGS), 'grid');
    expect(grid).toMatchObject({ dataset: 'grid', modes: 25, sigma: 0.05 });
    expect(settingsProblems(grid)).toEqual([]);
  });

  it("gives every dataset its own cluster count and σ, and does not change its input", () => {
    const start = { ...cloneSettings(DEFAULT_SETTINGS), dataset: 'grid' as const, modes: 36, sigma: 0.07, seed: 5 };
    expect(withDataset(start, 'ring')).toMatchObject({ dataset: 'ring', modes: 8, sigma: 0.01, seed: 5 });
    expect(withDataset(start, 'blobs').sigma).toBe(DATASET_DEFAULTS.blobs.sigma);
    expect(start).toMatchObject({ dataset: 'grid', modes: 36, sigma: 0.07 });
    for (const kind of DATASET_KINDS) {
      if (kind === 'custom') continue;
      expect(withDataset(start, kind)).toMatchObject({ dataset: kind, ...DATASET_DEFAULTS[kind] });
      expect(settingsProblems(withDataset(start, kind))).toEqual([]);
    }
  });

  it("keeps σ for your own points, where it is the jitter around each point", () => {
    const start = { ...cloneSettings(DEFAULT_SETTINGS), sigma: 0.2 };
    expect(withDataset(start, 'custom').sigma).toBe(0.2);
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
