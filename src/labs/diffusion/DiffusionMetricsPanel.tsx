/** The diffusion lab's training curves: the loss (each measured batch and its moving average), and for clustered data the modes covered. */
import type { DiffusionMetricPoint } from '../../protocol/diffusion/diffusionProtocol';
import { MetricChart } from '../shared/MetricChart';
import { CURVE_COLORS } from './diffusionColors';

export interface DiffusionMetricsPanelProps {
  metrics: DiffusionMetricPoint[];
  objective: 'epsilon' | 'velocity';
  modeCount: number;
}

export function DiffusionMetricsPanel({ metrics, objective, modeCount }: DiffusionMetricsPanelProps) {
  return (
    <section className="panel metrics-panel diffusion-curves" aria-labelledby="diffusion-curves-heading">
      <h2 id="diffusion-curves-heading">Training curves</h2>
      <p className="panel-intro">
        The loss is the mean squared error of the predicted {objective === 'epsilon' ? 'noise' : 'velocity'}. It never reaches zero:
        from a noisy point alone the exact noise cannot be known, only its average.
      </p>
      <div className="metric-grid">
        <MetricChart id="diffusion-loss" title="Loss" points={metrics} stepLabel="training steps" yLabel="mean squared error"
          series={[
            { field: 'loss', label: 'latest batch', color: CURVE_COLORS.loss },
            { field: 'smoothedLoss', label: 'moving average', color: CURVE_COLORS.smoothed },
          ]} />
        {modeCount > 0 ? (
          <MetricChart id="diffusion-modes" title="Modes covered" points={metrics} stepLabel="training steps" yLabel="clusters reached" format="integer"
            yDomain={[0, modeCount]} referenceLines={[{ value: modeCount, label: `all ${modeCount}` }]}
            series={[{ field: 'modesCovered', label: 'modes covered', color: CURVE_COLORS.modes }]} />
        ) : null}
      </div>
    </section>
  );
}
