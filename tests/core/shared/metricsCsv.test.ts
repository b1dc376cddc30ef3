import { describe, expect, it } from 'vitest';
import { metricsToCsv } from '../../../src/core/shared/metricsCsv';
import { METRIC_COLUMNS, type MetricPoint } from '../../../src/protocol/adversarial/adversarialProtocol';

const point = (step: number, overrides: Partial<MetricPoint> = {}): MetricPoint => ({
  step, dLoss: 1.25, gLoss: 0.75, dReal: 0.6, dFake: 0.4, gradNormD: 2, gradNormG: 3.5,
  kl: 0.125, js: 0.0625, modesCovered: 5, highQuality: 0.8, wasserstein: null, ...overrides,
});

describe('metricsToCsv', () => {
  it('has one column per MetricPoint field, in a stable order', () => {
    const header = metricsToCsv([], METRIC_COLUMNS).trim();
    expect(header.split(',')).toEqual(Object.keys(point(0)));
    expect(METRIC_COLUMNS.length).toBe(12);
  });

  it('writes one row per point with empty cells for null', () => {
    const lines = metricsToCsv([point(10), point(20, { modesCovered: null, highQuality: null, wasserstein: -0.5 })], METRIC_COLUMNS).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('10,1.25,0.75,0.6,0.4,2,3.5,0.125,0.0625,5,0.8,');
    expect(lines[2]).toBe('20,1.25,0.75,0.6,0.4,2,3.5,0.125,0.0625,,,-0.5');
  });

  it('keeps a diverged value visible as NaN rather than an empty cell', () => {
    const row = metricsToCsv([point(1, { dLoss: NaN })], METRIC_COLUMNS).trim().split('\n')[1].split(',');
    expect(row[METRIC_COLUMNS.indexOf('dLoss')]).toBe('NaN');
  });

  it('reads nested values through named columns, empty where a point has none', () => {
    type Scored = { step: number; scores: { identity: number } | null };
    const csv = metricsToCsv<Scored>(
      [{ step: 1, scores: { identity: 0.5 } }, { step: 2, scores: null }],
      ['step', { name: 'identity', value: (p) => p.scores?.identity }],
    );
    expect(csv).toBe('step,identity\n1,0.5\n2,\n');
  });
});
