/** The digit forger's training curves as CSV columns: every field of a chart point, step first. */
import type { MetricColumn } from '../../core/shared/metricsCsv';
import type { DigitMetricPoint } from '../../protocol/digits/digitProtocol';

/** The quality scores are measured every few seconds: their cells are empty in between. */
export const DIGIT_METRIC_COLUMNS: readonly MetricColumn<DigitMetricPoint>[] = [
  'step', 'dLoss', 'gLoss', 'dReal', 'dFake', 'gradNormD', 'gradNormG', 'inceptionScore', 'frechetDistance',
];

export const DIGIT_METRICS_FILE = 'deepfake-lab-digit-forger-metrics.csv';
