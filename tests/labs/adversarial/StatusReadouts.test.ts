import { describe, expect, it } from 'vitest';
import { formatCoverage, formatQuality } from '../../../src/labs/adversarial/StatusReadouts';
import type { MetricPoint } from '../../../src/protocol/adversarial/adversarialProtocol';

const point = (modesCovered: number | null, highQuality: number | null): MetricPoint => ({
  step: 1, dLoss: 1, gLoss: 1, dReal: 0.5, dFake: 0.5, gradNormD: 1, gradNormG: 1, kl: 0, js: 0, modesCovered, highQuality, wasserstein: null,
});

describe('status readouts', () => {
  it('shows covered clusters out of the total, as the browser tests read it', () => {
    expect(formatCoverage(point(5, 0.9), 8)).toBe('5 / 8');
    expect(formatCoverage(point(0, 0), 25)).toBe('0 / 25');
  });

  it('shows a dash before anything is measured or for data without clusters', () => {
    expect(formatCoverage(null, 8)).toBe('—');
    expect(formatCoverage(point(null, null), 8)).toBe('—');
    expect(formatCoverage(point(3, 0.5), null)).toBe('—');
    expect(formatQuality(null)).toBe('—');
    expect(formatQuality(point(null, null))).toBe('—');
  });

  it('shows the high-quality share as a percentage with one decimal', () => {
    expect(formatQuality(point(8, 0.93125))).toBe('93.1%');
    expect(formatQuality(point(8, 1))).toBe('100.0%');
  });
});

describe('counts read as whole numbers', () => {
  it('never shows decimals for covered clusters', () => {
    expect(formatCoverage(point(7, 0.5), 8)).toBe('7 / 8');
    expect(formatCoverage(point(6.9999999, 0.5), 25)).toBe('7 / 25');
    expect(formatCoverage(point(NaN, 0.5), 8)).toBe('—');
  });
});
