/**
 * The face-swap lab's training curves as CSV columns: the step's losses, then the swap scores
 * of each direction by name ("ab.calledTarget": A's pictures drawn by B's decoder, called B),
 * empty between measurements and where the pictures have no such score.
 */
import type { DirectionScores, SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { MetricColumn } from '../../core/shared/metricsCsv';
import type { SwapMetricPoint } from '../../protocol/faceswap/faceSwapProtocol';

const DIRECTION_FIELDS: readonly (keyof DirectionScores)[] = [
  'calledTarget', 'realCalledTarget', 'factorError', 'factorErrorReal', 'factorErrorUnrelated', 'digitKept', 'thicknessLikeTarget',
];

function scoreColumn(name: string, value: (scores: SwapScoreSummary) => number | null): MetricColumn<SwapMetricPoint> {
  return { name, value: (point) => (point.scores ? value(point.scores) : null) };
}

export const SWAP_METRIC_COLUMNS: readonly MetricColumn<SwapMetricPoint>[] = [
  'step', 'lossA', 'lossB', 'gradNorm',
  ...(['ab', 'ba'] as const).flatMap((direction) =>
    DIRECTION_FIELDS.map((field) => scoreColumn(`${direction}.${field}`, (scores) => scores[direction][field]))),
  scoreColumn('reconstruction.a', (scores) => scores.reconstruction.a),
  scoreColumn('reconstruction.b', (scores) => scores.reconstruction.b),
];

export const SWAP_METRICS_FILE = 'deepfake-lab-face-swap-metrics.csv';
