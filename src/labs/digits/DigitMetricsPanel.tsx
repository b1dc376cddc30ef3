/** The training curves: losses, D's verdicts, gradient sizes, and two quality scores against real digits. */
import { useMemo, type ReactNode } from 'react';
import type { LossKind } from '../../core/shared/ganOptions';
import type { DigitQuality } from '../../core/mnist/digitQuality';
import { MetricChart } from '../shared/MetricChart';
import type { DigitMetricPoint } from '../../protocol/digits/digitProtocol';
import { scoredPoints } from './digitMetrics';
import { isCriticLoss } from './gridCaptions';

/** Okabe–Ito colours, as in the 2D lab. */
const COLORS = { d: '#0072B2', g: '#D55E00', real: '#009E73', fake: '#CC79A7', quality: '#000000' } as const;

function ChartBlock(props: { children: ReactNode; shows: ReactNode; watch: ReactNode }) {
  return (
    <div className="chart-block">
      {props.children}
      <p className="chart-text"><strong>Shows: </strong>{props.shows}</p>
      <p className="chart-text"><strong>Watch for: </strong>{props.watch}</p>
    </div>
  );
}

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
  const reference = (value: number | undefined, digits: number) =>
    value === undefined ? [] : [{ value, label: `real digits (${value.toFixed(digits)})` }];
  const subset = classCount < 10
    ? ' With only some digits switched on, both are measured against all ten kinds of real digit, so even real ones (the dashed line) sit far away.'
    : '';
  const few = classCount < 10 ? ` With only ${classCount} digit ${classCount === 1 ? 'class' : 'classes'}, it can only reach about ${classCount}, as the dashed line for real digits of those classes shows.` : '';
  return (
    <section className="panel metrics-panel" aria-labelledby="digit-metrics-heading">
      <h2 id="digit-metrics-heading" className="panel-title">Training curves</h2>
      <p className="panel-intro">
        Plotted against generator steps. Hover over a chart to read every value at that step. The two quality scores are measured every
        few seconds on 500 fresh fakes by a small digit classifier that ships with the app.
      </p>
      <div className="charts-grid">
        <ChartBlock
          shows="How badly each network does at its own job. They pull against each other, so neither simply falls to zero."
          watch="A discriminator loss sinking to zero while the generator's climbs: D has won and G gets no useful signal."
        >
          <MetricChart id="digit-chart-losses" title="Losses" points={metrics} yLabel="loss"
            series={[{ field: 'dLoss', label: 'Discriminator', color: COLORS.d }, { field: 'gLoss', label: 'Generator', color: COLORS.g }]} />
        </ChartBlock>
        <ChartBlock
          shows={critic
            ? "The critic's average score for real and for fake digits. Only the gap between them means anything."
            : 'How real, on average, the discriminator finds real digits and fakes (1 = surely real).'}
          watch={critic ? 'The gap shrinking as the forgeries improve.' : 'The two lines drawing towards each other as the fakes improve; 0.5 for both would be a perfect forger.'}
        >
          <MetricChart id="digit-chart-verdicts" title={critic ? 'Critic scores' : 'D(real) and D(fake)'} points={metrics}
            yLabel={critic ? 'score' : 'verdict'} yDomain={critic ? undefined : [0, 1]}
            referenceLines={critic ? undefined : [{ value: 0.5, label: 'balance (0.5)' }]}
            series={[{ field: 'dReal', label: 'D(real)', color: COLORS.real }, { field: 'dFake', label: 'D(fake)', color: COLORS.fake }]} />
        </ChartBlock>
        <ChartBlock
          shows="How strongly each network's weights are pushed at each step (gradient size), on a log scale."
          watch="The generator's line collapsing towards zero (it has stopped learning), or a sudden spike just before training blows up."
        >
          <MetricChart id="digit-chart-gradients" title="Gradient norms" points={metrics} yLabel="gradient norm" logScale
            series={[{ field: 'gradNormD', label: 'Discriminator', color: COLORS.d }, { field: 'gradNormG', label: 'Generator', color: COLORS.g }]} />
        </ChartBlock>
        <ChartBlock
          shows={`Inception Score: are the fakes clearly recognisable digits (sharp classifier verdicts), and of many different kinds? Higher is better.${few}`}
          watch="The curve climbing towards the dashed line, which is the score of real digits. A plateau well below it often means mode collapse: clear digits, but too few kinds."
        >
          <MetricChart id="digit-chart-inception" title="Inception Score" points={scored} yLabel="score"
            referenceLines={reference(realQuality?.inceptionScore, 2)}
            series={[{ field: 'inceptionScore', label: 'Fakes', color: COLORS.quality }]} />
        </ChartBlock>
        <ChartBlock
          shows={`Fréchet distance: how far the fakes, as a whole crowd, are from real digits in the classifier's eyes (log scale). Lower is better.${subset}`}
          watch="A steady fall towards the dashed line, the value for real digits. It also notices missing kinds of digits, which a single sample never shows."
        >
          <MetricChart id="digit-chart-frechet" title="Fréchet distance" points={scored} yLabel="distance" logScale
            referenceLines={reference(realQuality?.frechetDistance, 2)}
            series={[{ field: 'frechetDistance', label: 'Fakes', color: COLORS.quality }]} />
        </ChartBlock>
      </div>
    </section>
  );
}
