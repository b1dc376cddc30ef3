/**
 * The face-swap lab's curves: each decoder's reconstruction error, how often
 * the swaps fool the identity judge (beside real pictures, the yardstick), and
 * whether the swaps keep what they should: the expression and pose of toy
 * faces, or the digit and the target's stroke thickness.
 */
import { useMemo, type ReactNode } from 'react';
import type { SwapDatasetKind } from '../../core/faceswap/faceSwapSettings';
import { MetricChart } from '../shared/MetricChart';
import type { SwapMetricPoint } from '../../protocol/faceswap/faceSwapProtocol';
import { scorePoints, type ScorePoint } from './swapMetrics';
import type { SwapNames } from './swapPaths';

/** A blue, B orange (faceswap.css); the yardsticks black. */
const COLORS = { a: '#0b5cad', b: '#a84f00' } as const;
const STEPS = 'training steps';
const percent = (v: number) => `${Math.round(v * 100)}%`;

function ChartBlock(props: { children: ReactNode; shows: ReactNode; watch: ReactNode }) {
  return (
    <div className="chart-block">
      {props.children}
      <p className="chart-text"><strong>Shows: </strong>{props.shows}</p>
      <p className="chart-text"><strong>Watch for: </strong>{props.watch}</p>
    </div>
  );
}

export interface SwapMetricsPanelProps {
  metrics: SwapMetricPoint[];
  dataset: SwapDatasetKind;
  names: SwapNames;
  /** No judges shipped: the score charts explain why they stay empty. */
  scored: boolean;
}

export function SwapMetricsPanel({ metrics, dataset, names, scored }: SwapMetricsPanelProps) {
  const scores = useMemo(() => scorePoints(metrics), [metrics]);
  const latest: ScorePoint | undefined = scores.at(-1);
  const ab = `${names.a} → ${names.b}`;
  const ba = `${names.b} → ${names.a}`;
  const line = (value: number | null | undefined, label: string) => (value === null || value === undefined ? [] : [{ value, label }]);
  return (
    <section className="panel metrics-panel" aria-labelledby="swap-metrics-heading">
      <h2 id="swap-metrics-heading" className="panel-title">Training curves</h2>
      <p className="panel-intro">
        Plotted against training steps; hover over a chart to read every value. The scores come from small judges that ship with the app,
        trained on real pictures only, and are measured every few seconds on 64 pictures per direction the networks never trained on.
        {scored ? '' : ' This build has no judges for these pictures, so only the losses are drawn.'}
      </p>
      <div className="charts-grid">
        <ChartBlock shows={`How far each autoencoder's rebuilds are from its own pictures (log scale). ${names.a}'s decoder is blue, ${names.b}'s orange.`}
          watch="Both falling steadily. A sudden jump upwards means the learning rate is too high.">
          <MetricChart id="swap-chart-loss" title="Reconstruction loss" points={metrics} stepLabel={STEPS} yLabel="loss" logScale
            series={[{ field: 'lossA', label: `Decoder ${names.a}`, color: COLORS.a }, { field: 'lossB', label: `Decoder ${names.b}`, color: COLORS.b }]} />
        </ChartBlock>
        <ChartBlock shows="The share of swaps the identity judge calls the target character. The dashed line is the same judge on real pictures of the target."
          watch="The curves climbing to the dashed line: the swaps look like the target. Even a failed swap can pass here (a blurry face in the right colours): check that it kept what it should, too.">
          <MetricChart id="swap-chart-identity" title="Swaps called the target" points={scores} stepLabel={STEPS} yLabel="share" yDomain={[0, 1]} format={percent}
            referenceLines={line(latest?.realCalled, 'real target pictures')}
            series={[{ field: 'calledAB', label: ab, color: COLORS.a }, { field: 'calledBA', label: ba, color: COLORS.b }]} />
        </ChartBlock>
        {dataset === 'toyFaces' ? (
          <ChartBlock
            shows="How far the expression and pose a judge reads from each swap are from those of its source picture (mean error, lower is better)."
            watch="The curves falling from the upper dashed line (no expression carried over at all) towards the lower one (the judge's own error on real faces).">
            <MetricChart id="swap-chart-factors" title="Expression and pose kept" points={scores} stepLabel={STEPS} yLabel="factor error"
              referenceLines={[...line(latest?.factorUnrelated, 'nothing carried over'), ...line(latest?.factorReal, 'real faces')]}
              series={[{ field: 'factorAB', label: ab, color: COLORS.a }, { field: 'factorBA', label: ba, color: COLORS.b }]} />
          </ChartBlock>
        ) : (
          <>
            <ChartBlock shows="The share of swaps a digit classifier still reads as the digit of the source picture."
              watch="Climbing towards 100%: the swap keeps the digit and changes only the strokes.">
              <MetricChart id="swap-chart-digit" title="Digit kept" points={scores} stepLabel={STEPS} yLabel="share" yDomain={[0, 1]} format={percent}
                series={[{ field: 'digitKeptAB', label: ab, color: COLORS.a }, { field: 'digitKeptBA', label: ba, color: COLORS.b }]} />
            </ChartBlock>
            <ChartBlock shows="The share of swaps whose stroke thickness is nearer the target style's than the source's."
              watch="Climbing towards 100%: thin digits come out thick, thick ones thin.">
              <MetricChart id="swap-chart-thickness" title="Thickness like the target" points={scores} stepLabel={STEPS} yLabel="share" yDomain={[0, 1]}
                format={percent}
                series={[{ field: 'thicknessAB', label: ab, color: COLORS.a }, { field: 'thicknessBA', label: ba, color: COLORS.b }]} />
            </ChartBlock>
          </>
        )}
      </div>
    </section>
  );
}
