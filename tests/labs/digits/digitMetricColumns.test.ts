import { describe, expect, it } from 'vitest';
import { metricsToCsv } from '../../../src/core/shared/metricsCsv';
import { DIGIT_METRIC_COLUMNS } from '../../../src/labs/digits/digitMetricColumns';
import type { DigitMetricPoint } from '../../../src/protocol/digits/digitProtocol';

const point = (step: number, quality: { inceptionScore: number; frechetDistance: number } | null): DigitMetricPoint => ({
  step, dLoss: 1.25, gLoss: 0.75, dReal: 0.6, dFake: 0.4, gradNormD: 0.5, gradNormG: 2,
  inceptionScore: quality?.inceptionScore ?? null, frechetDistance: quality?.frechetDistance ?? null,
});

describe('the digit forger\'s metrics CSV', () => {
  it('names every field of a chart point, step first', () => {
    const header = metricsToCsv([], DIGIT_METRIC_COLUMNS).trim().split(',');
    expect(header).toEqual(['step', 'dLoss', 'gLoss', 'dReal', 'dFake', 'gradNormD', 'gradNormG', 'inceptionScore', 'frechetDistance']);
    expect([...header].sort()).toEqual(Object.keys(point(1, null)).sort());
  });

  it('writes one row per point, with empty quality cells between measurements', () => {
    const [, scored, unscored] = metricsToCsv([point(40, { inceptionScore: 7.5, frechetDistance: 12.25 }), point(41, null)], DIGIT_METRIC_COLUMNS)
      .trim().split('\n');
    expect(scored).toBe('40,1.25,0.75,0.6,0.4,0.5,2,7.5,12.25');
    expect(unscored).toBe('41,1.25,0.75,0.6,0.4,0.5,2,,');
  });
});
