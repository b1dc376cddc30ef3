import { describe, expect, it } from 'vitest';
import { appendMetrics, metricsUpTo } from '../../../src/labs/shared/metricHistory';
import type { MetricPoint } from '../../../src/protocol/adversarial/adversarialProtocol';

const point = (step: number, dLoss = step / 10): MetricPoint => ({
  step, dLoss, gLoss: 1, dReal: 0.6, dFake: 0.4, gradNormD: 1, gradNormG: 1, kl: 0.1, js: 0.05,
  modesCovered: null, highQuality: null, wasserstein: null,
});

describe('appendMetrics', () => {
  it('appends points that continue the run', () => {
    const history = [point(10), point(20)];
    const next = appendMetrics(history, [point(30), point(40)]);
    expect(next.map((p) => p.step)).toEqual([10, 20, 30, 40]);
    expect(history).toHaveLength(2); // the old array is not changed
  });

  it('drops recorded points at or after the first incoming step (a restored or reset run)', () => {
    const next = appendMetrics([point(10), point(20), point(30)], [point(20, 99), point(25)]);
    expect(next.map((p) => p.step)).toEqual([10, 20, 25]);
    expect(next[1].dLoss).toBe(99);
  });

  it('replaces everything when a new run starts from step 1', () => {
    expect(appendMetrics([point(500), point(600)], [point(1)]).map((p) => p.step)).toEqual([1]);
  });

  it('returns the same history when nothing arrives', () => {
    const history = [point(1)];
    expect(appendMetrics(history, [])).toBe(history);
  });
});

describe('metricsUpTo', () => {
  it('keeps points up to and including the step', () => {
    expect(metricsUpTo([point(1), point(2), point(3), point(4)], 2).map((p) => p.step)).toEqual([1, 2]);
  });

  it('keeps nothing before the first point', () => {
    expect(metricsUpTo([point(5), point(6)], 0)).toEqual([]);
  });
});
