/**
 * The training curves as CSV: one row per recorded metric point, one column
 * per MetricPoint field, an empty cell where a metric does not apply (null).
 * Non-finite values are written as NaN / Infinity so a diverged run stays visible.
 */
import type { MetricPoint } from '../labs/adversarial/adversarialProtocol';

// A mapped type makes the compiler insist on every field; insertion order is the column order.
const COLUMNS: { [K in keyof MetricPoint]: K } = {
  step: 'step',
  dLoss: 'dLoss',
  gLoss: 'gLoss',
  dReal: 'dReal',
  dFake: 'dFake',
  gradNormD: 'gradNormD',
  gradNormG: 'gradNormG',
  kl: 'kl',
  js: 'js',
  modesCovered: 'modesCovered',
  highQuality: 'highQuality',
  wasserstein: 'wasserstein',
};

export const METRIC_COLUMNS: readonly (keyof MetricPoint)[] = Object.values(COLUMNS);

export function metricsToCsv(points: MetricPoint[]): string {
  const lines = [METRIC_COLUMNS.join(',')];
  for (const p of points) {
    lines.push(METRIC_COLUMNS.map((key) => (p[key] === null ? '' : String(p[key]))).join(','));
  }
  return lines.join('\n') + '\n';
}
