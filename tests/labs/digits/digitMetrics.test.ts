import { describe, expect, it } from 'vitest';
import { latestQuality, scoredPoints } from '../../../src/labs/digits/digitMetrics';
import type { DigitMetricPoint } from '../../../src/protocol/digits/digitProtocol';

const point = (step: number, quality: number | null = null): DigitMetricPoint => ({
  step, dLoss: 1, gLoss: 1, dReal: 0.5, dFake: 0.5, gradNormD: 1, gradNormG: 1,
  inceptionScore: quality, frechetDistance: quality === null ? null : 100 / quality,
});

describe('digit chart history', () => {
  it('keeps only measured points for the quality charts, and finds the latest', () => {
    const history = [point(1, 1.5), point(2), point(3, 2), point(4)];
    expect(scoredPoints(history)).toEqual([
      { step: 1, inceptionScore: 1.5, frechetDistance: 100 / 1.5 },
      { step: 3, inceptionScore: 2, frechetDistance: 50 },
    ]);
    expect(latestQuality(history)).toEqual({ step: 3, inceptionScore: 2, frechetDistance: 50 });
    expect(latestQuality([point(1)])).toBeNull();
  });
});
