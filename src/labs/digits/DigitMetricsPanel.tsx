/** The training curves: losses, D's verdicts, gradient sizes, and two quality scores against real digits. */
import { useMemo } from 'react';
import type { LossKind } from '../../core/shared/ganOptions';
import type { DigitQuality } from '../../core/mnist/digitQuality';
import { GanCurves, type GanCurvesText } from '../shared/GanCurves';
import { ChartBlock, MetricsPanelFrame, referenceIfKnown } from '../shared/MetricsPanelFrame';
import type { DigitMetricPoint } from '../../protocol/digits/digitProtocol';
import { DIGIT_METRICS_FILE, DIGIT_METRIC_COLUMNS } from './digitMetricColumns';
import { scoredPoints } from './digitMetrics';
import { isCriticLoss } from './gridCaptions';

const QUALITY_COLOR = '#000000';

const GAN_TEXT: GanCurvesText = {
  losses: {
    shows: 'How badly each network does at its own job. They pull against each other, so neither simply falls to zero.',
    watch: "A discriminator loss sinking to zero while the generator's climbs: D has won and G gets no useful signal.",
  },
  verdicts: {
    shows: 'How real, on average, the discriminator finds real digits and fakes (1 = surely real).',
    watch: 'The two lines drawing towards each other as the fakes improve; 0.5 for both would be a perfect forger.',
  },
  criticScores: {
    shows: "The critic's average score for real and for fake digits. Only the gap between them means anything.",
    watch: 'The gap shrinking as the forgeries improve.',
  },
  gradients: {
    shows: "How strongly each network's weights are pushed at each step (gradient size), on a log scale.",
    watch: "The generator's line collapsing towards zero (it has stopped learning), or a sudden spike just before training blows up.",
  },
};

export interface DigitMetricsPanelProps {
  metrics: DigitMetricPoint[];
  loss: LossKind;
  /** Real digits of the trained classes, scored the same way; null until known. */
  realQuality: DigitQuality | null;
  classCount: number;
}

export function DigitMetricsPanel({ metrics, loss, realQuality, classCount }: DigitMetricsPanelProps) {
  const critic = isCriticLoss(loss);
  const scored = useMemo(() => scoredPoints(metrics), [metrics]);
  const real = (value: number | undefined) => referenceIfKnown(value, `real digits (${value?.toFixed(2)})`);
  const subset = classCount < 10
    ? ' With only some digits switched on, both are measured against all ten kinds of real digit, so even real ones (the dashed line) sit far away.'
    : '';
  const few = classCount < 10 ? ` With only ${classCount} digit ${classCount === 1 ? 'class' : 'classes'}, it can only reach about ${classCount}, as the dashed line for real digits of those classes shows.` : '';
  return (
    <MetricsPanelFrame headingId="digit-metrics-heading" csv={{ points: metrics, columns: DIGIT_METRIC_COLUMNS, fileName: DIGIT_METRICS_FILE }}
      intro={<>
        Plotted against generator steps. Hover over a chart to read every value at that step. The two quality scores are measured every
        few seconds on 500 fresh fakes by a small digit classifier that ships with the app. Research papers compute both scores with
        Google's Inception network instead; the project trains its own classifier for digits (98.7% right on held-out digits), so these
        values compare with each other and with real digits here, not with figures published elsewhere.
      </>}>
      <GanCurves points={metrics} critic={critic} idPrefix="digit-" text={GAN_TEXT} />
      <ChartBlock id="digit-chart-inception" title="Inception Score" points={scored} yLabel="score" referenceLines={real(realQuality?.inceptionScore)}
        series={[{ field: 'inceptionScore', label: 'Fakes', color: QUALITY_COLOR }]}
        shows={`Inception Score: are the fakes clearly recognisable digits (sharp classifier verdicts), and of many different kinds? Higher is better.${few}`}
        watch="The curve climbing towards the dashed line, which is the score of real digits. A plateau well below it often means mode collapse: clear digits, but too few kinds." />
      <ChartBlock id="digit-chart-frechet" title="Fréchet distance" points={scored} yLabel="distance" logScale referenceLines={real(realQuality?.frechetDistance)}
        series={[{ field: 'frechetDistance', label: 'Fakes', color: QUALITY_COLOR }]}
        shows={`Fréchet distance: how far the fakes, as a whole crowd, are from real digits in the classifier's eyes (log scale). Lower is better.${subset}`}
        watch="A steady fall towards the dashed line, the value for real digits. It also notices missing kinds of digits, which a single sample never shows." />
    </MetricsPanelFrame>
  );
}
