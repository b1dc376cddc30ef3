/**
 * A lab's "Training curves" panel: the heading, a note on reading the charts, the curves as a
 * CSV file, and the charts, each with what it shows and what to watch for. Each lab's panel
 * chooses its charts and words; the frame is the same everywhere.
 */
import type { ReactNode } from 'react';
import { metricsToCsv, type MetricColumn } from '../../core/shared/metricsCsv';
import { downloadText } from './download';
import { MetricChart, type MetricChartProps } from './MetricChart';
import type { StepPoint } from './chartSeries';

export interface MetricsCsv<P> {
  points: readonly P[];
  columns: readonly MetricColumn<P>[];
  fileName: string;
}

export interface MetricsPanelFrameProps<P> {
  /** The heading's id, which names the section. */
  headingId: string;
  intro: ReactNode;
  /** Every recorded point as a download; left out where the lab offers it elsewhere. */
  csv?: MetricsCsv<P>;
  children: ReactNode;
}

export function MetricsPanelFrame<P>({ headingId, intro, csv, children }: MetricsPanelFrameProps<P>) {
  return (
    <section className="panel metrics-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">Training curves</h2>
      <p className="panel-intro">{intro}</p>
      {csv ? (
        <div className="button-row">
          <button type="button" className="button-secondary" data-testid="export-metrics-csv"
            onClick={() => downloadText(csv.fileName, metricsToCsv(csv.points, csv.columns), 'text/csv')}>
            Training curves (CSV)
          </button>
        </div>
      ) : null}
      <div className="charts-grid">{children}</div>
    </section>
  );
}

/** One chart of the panel, with what it shows and what to watch for under it. */
export function ChartBlock<P extends StepPoint>({ shows, watch, ...chart }: MetricChartProps<P> & { shows: ReactNode; watch: ReactNode }) {
  return (
    <div className="chart-block">
      <MetricChart {...chart} />
      <p className="chart-text"><strong>Shows: </strong>{shows}</p>
      <p className="chart-text"><strong>Watch for: </strong>{watch}</p>
    </div>
  );
}

/** A dashed reference line at `value`, or none while the value is unknown. */
export function referenceIfKnown(value: number | null | undefined, label: string): { value: number; label: string }[] {
  return value === null || value === undefined ? [] : [{ value, label }];
}
