/**
 * The face-swap lab's curves: each decoder's reconstruction error, how often
 * the swaps fool the identity judge (beside real pictures, the yardstick), and
 * whether the swaps keep what they should: the expression and pose of toy
 * faces, or the digit and the target's stroke thickness.
 */
import { useMemo } from 'react';
import type { SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';
import { ChartBlock, MetricsPanelFrame, referenceIfKnown } from '../shared/MetricsPanelFrame';
import type { SwapMetricPoint } from '../../protocol/faceswap/faceSwapProtocol';
import { SWAP_METRICS_FILE, SWAP_METRIC_COLUMNS } from './swapMetricColumns';
import { scorePoints, type ScorePoint } from './swapMetrics';
import type { SwapNames } from './swapPaths';
import { SWAP_SIDE_COLORS } from '../shared/palettes';

/** A blue, B orange (faceswap.css); the yardsticks black. */
const COLORS = SWAP_SIDE_COLORS;
const STEPS = 'training steps';
const percent = (v: number) => `${Math.round(v * 100)}%`;

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
  const directions = (a: keyof ScorePoint, b: keyof ScorePoint) => [{ field: a, label: ab, color: COLORS.a }, { field: b, label: ba, color: COLORS.b }];
  return (
    <MetricsPanelFrame headingId="swap-metrics-heading" csv={{ points: metrics, columns: SWAP_METRIC_COLUMNS, fileName: SWAP_METRICS_FILE }}
      intro={<>
        Plotted against training steps; hover over a chart to read every value. The scores come from small judges that ship with the app,
        trained on real pictures only, and are measured every few seconds on 64 pictures per direction the networks never trained on.
        {scored ? '' : ' This build has no judges for these pictures, so only the losses are drawn.'}
      </>}>
      <ChartBlock id="swap-chart-loss" title="Reconstruction loss" points={metrics} stepLabel={STEPS} yLabel="loss" logScale
        series={[{ field: 'lossA', label: `Decoder ${names.a}`, color: COLORS.a }, { field: 'lossB', label: `Decoder ${names.b}`, color: COLORS.b }]}
        shows={`How far each autoencoder's rebuilds are from its own pictures (log scale). ${names.a}'s decoder is blue, ${names.b}'s orange.`}
        watch="Both falling steadily. A sudden jump upwards means the learning rate is too high." />
      <ChartBlock id="swap-chart-identity" title="Swaps called the target" points={scores} stepLabel={STEPS} yLabel="share" yDomain={[0, 1]} format={percent}
        referenceLines={referenceIfKnown(latest?.realCalled, 'real target pictures')} series={directions('calledAB', 'calledBA')}
        shows="The share of swaps the identity judge calls the target character. The dashed line is the same judge on real pictures of the target."
        watch="The curves climbing to the dashed line: the swaps look like the target. Even a failed swap can pass here (a blurry face in the right colours): check that it kept what it should, too." />
      {dataset === 'toyFaces' ? (
        <ChartBlock id="swap-chart-factors" title="Expression and pose kept" points={scores} stepLabel={STEPS} yLabel="factor error"
          referenceLines={[...referenceIfKnown(latest?.factorUnrelated, 'nothing carried over'), ...referenceIfKnown(latest?.factorReal, 'real faces')]}
          series={directions('factorAB', 'factorBA')}
          shows="How far the expression and pose a judge reads from each swap are from those of its source picture (mean error, lower is better)."
          watch="The curves falling from the upper dashed line (no expression carried over at all) towards the lower one (the judge's own error on real faces)." />
      ) : (
        <>
          <ChartBlock id="swap-chart-digit" title="Digit kept" points={scores} stepLabel={STEPS} yLabel="share" yDomain={[0, 1]} format={percent}
            series={directions('digitKeptAB', 'digitKeptBA')}
            shows="The share of swaps a digit classifier still reads as the digit of the source picture."
            watch="Climbing towards 100%: the swap keeps the digit and changes only the strokes." />
          <ChartBlock id="swap-chart-thickness" title="Thickness like the target" points={scores} stepLabel={STEPS} yLabel="share" yDomain={[0, 1]}
            format={percent} series={directions('thicknessAB', 'thicknessBA')}
            shows="The share of swaps whose stroke thickness is nearer the target style's than the source's."
            watch="Climbing towards 100%: thin digits come out thick, thick ones thin." />
        </>
      )}
    </MetricsPanelFrame>
  );
}
