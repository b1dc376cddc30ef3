/**
 * A live line chart of training metrics over training steps. D3 computes the
 * scales, ticks and paths; React renders the SVG. Hover reads every series at a step.
 */
import { useMemo, useRef, useState } from 'react';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { downloadBlob, downloadText, svgToPngBlob, svgToString } from './download';
import { chartFrame } from './chartFrame';
import { downsample, fitDomain, formatValue, nearestIndex, numericValue, type StepPoint } from './chartSeries';
import './metricChart.css';

/**
 * How values are written: 'integer' for counts (no "7.00", and only whole-number
 * ticks on the y-axis), or any function. The default suits continuous metrics.
 */
export type ValueFormat = 'integer' | ((value: number) => string);

export interface MetricSeries<P extends StepPoint> {
  field: keyof P;
  label: string;
  color: string;
  /** Overrides the chart's format for this series' values in the readout. */
  format?: ValueFormat;
}

export interface MetricChartProps<P extends StepPoint> {
  id: string;
  title: string;
  points: P[];
  series: MetricSeries<P>[];
  /** What a step is, for the x-axis ("generator steps", "training steps"). */
  stepLabel?: string;
  yLabel: string;
  yDomain?: [number, number];
  referenceLines?: { value: number; label: string }[];
  logScale?: boolean;
  format?: ValueFormat;
}

const { width: WIDTH, height: HEIGHT, margin: M, innerWidth: INNER_W, innerHeight: INNER_H } =
  chartFrame(460, 210, { top: 10, right: 16, bottom: 36, left: 62 });

/** Powers of ten (readable from the back row) when the domain spans two or more; else a few of d3's ticks. */
function logTicks([lo, hi]: [number, number], candidates: number[]): number[] {
  const decades = candidates.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  if (decades.length >= 2) return decades.length > 6 ? decades.filter((_, i) => i % 2 === 0) : decades;
  const span = candidates.filter((t) => t >= Math.min(lo, hi) && t <= Math.max(lo, hi));
  const every = Math.max(1, Math.ceil(span.length / 4));
  return span.filter((_, i) => i % every === 0);
}

function formatter(format: ValueFormat | undefined): (value: number) => string {
  if (format === 'integer') return (v) => Math.round(v).toLocaleString('en-US');
  return format ?? ((v) => formatValue(v));
}

export function MetricChart<P extends StepPoint>({
  id, title, points, series, stepLabel = 'generator steps', yLabel, yDomain, referenceLines = [], logScale = false, format,
}: MetricChartProps<P>) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const drawn = useMemo(() => downsample(points), [points]);
  const fields = series.map((s) => s.field);

  const x = useMemo(() => {
    const first = drawn.length ? drawn[0].step : 0;
    const last = drawn.length ? drawn[drawn.length - 1].step : 1;
    return scaleLinear().domain([first, Math.max(last, first + 1)]).range([0, INNER_W]);
  }, [drawn]);
  // Cheap on at most a few hundred drawn points, so recomputed every render rather than memoised.
  const fitted = yDomain ?? fitDomain(drawn, fields, referenceLines.map((r) => r.value), logScale);
  const y = (logScale ? scaleLog().domain(fitted).clamp(true) : scaleLinear().domain(fitted).nice()).range([INNER_H, 0]);

  const paths = series.map((s) => {
    const make = line<P>()
      .defined((p) => {
        const v = numericValue(p, s.field);
        return v !== null && (!logScale || v > 0);
      })
      .x((p) => x(p.step))
      .y((p) => y(numericValue(p, s.field)!));
    return make(drawn) ?? '';
  });

  const hovered = hoverStep !== null && points.length ? points[nearestIndex(points, hoverStep)] : null;
  const linearTicks = format === 'integer' ? y.ticks(5).filter(Number.isInteger) : y.ticks(5);
  const yTicks = logScale ? logTicks(y.domain() as [number, number], y.ticks()) : linearTicks;
  const tickFormat = logScale ? (v: number) => formatValue(v) : typeof format === 'function' ? format : y.tickFormat(5);
  const readout = (p: P) => series
    .map((s) => {
      const v = numericValue(p, s.field);
      return `${s.label} ${v === null ? '—' : formatter(s.format ?? format)(v)}`;
    })
    .join(' · ');

  // On the page the title and legend are HTML; a saved file carries them inside the SVG.
  const heading = { title, legend: series.map((s) => ({ label: s.label, color: s.color })) };
  const exportSvg = () => svgRef.current && downloadText(`${id}.svg`, svgToString(svgRef.current, heading), 'image/svg+xml');
  const exportPng = async () => svgRef.current && downloadBlob(`${id}.png`, await svgToPngBlob(svgRef.current, 2, heading));

  return (
    <figure className="metric-chart" id={id}>
      <div className="metric-chart-head">
        <h3 className="metric-chart-title">{title}</h3>
        <div className="chart-exports">
          <button type="button" onClick={exportSvg} aria-label={`Download ${title} as SVG`}>SVG</button>
          <button type="button" onClick={() => void exportPng()} aria-label={`Download ${title} as PNG`}>PNG</button>
        </div>
      </div>
      <ul className="metric-chart-legend">
        {series.map((s) => (
          <li key={String(s.field)}><span className="metric-chart-swatch" style={{ background: s.color }} />{s.label}</li>
        ))}
      </ul>
      <svg ref={svgRef} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title} over ${stepLabel}`}>
        <g transform={`translate(${M.left},${M.top})`}>
          <g className="grid">
            {yTicks.map((t) => <line key={t} x1={0} x2={INNER_W} y1={y(t)} y2={y(t)} />)}
          </g>
          <g className="axis">
            <line x1={0} x2={INNER_W} y1={INNER_H} y2={INNER_H} />
            {x.ticks(5).map((t) => (
              <g key={t} transform={`translate(${x(t)},${INNER_H})`}>
                <line y2={5} />
                <text y={19} textAnchor="middle">{x.tickFormat(5, '~s')(t)}</text>
              </g>
            ))}
            <text x={INNER_W} y={INNER_H + 34} textAnchor="end">{stepLabel}</text>
            <line x1={0} x2={0} y1={0} y2={INNER_H} />
            {yTicks.map((t) => (
              <g key={t} transform={`translate(0,${y(t)})`}>
                <line x2={-5} />
                <text x={-8} dy="0.32em" textAnchor="end">{tickFormat(t)}</text>
              </g>
            ))}
            <text transform={`translate(${-50},${INNER_H / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>
          </g>
          {referenceLines.map((r) => <line key={r.label} className="reference" x1={0} x2={INNER_W} y1={y(r.value)} y2={y(r.value)} />)}
          {series.map((s, i) => <path key={String(s.field)} className="series" d={paths[i]} stroke={s.color} />)}
          {/* Labels above the curves (with a halo) so a curve never hides them. */}
          {referenceLines.map((r) => (
            <text key={r.label} className="reference-label" x={INNER_W - 4} y={y(r.value) - 5} textAnchor="end">{r.label}</text>
          ))}
          {drawn.length === 0 ? (
            <text className="metric-chart-empty" x={INNER_W / 2} y={INNER_H / 2} textAnchor="middle">Press play or step to start the curve</text>
          ) : null}
          {hovered ? <line className="hover-rule" x1={x(hovered.step)} x2={x(hovered.step)} y1={0} y2={INNER_H} /> : null}
          <rect
            width={INNER_W}
            height={INNER_H}
            fill="transparent"
            onPointerMove={(e) => {
              const rect = e.currentTarget.getBoundingClientRect();
              setHoverStep(x.invert(((e.clientX - rect.left) / rect.width) * INNER_W));
            }}
            onPointerLeave={() => setHoverStep(null)}
          />
        </g>
      </svg>
      <p className="metric-chart-tooltip" aria-live="off">
        {hovered
          ? `Step ${hovered.step}: ${readout(hovered)}`
          : points.length
            ? `Latest (step ${points[points.length - 1].step}): ${readout(points[points.length - 1])}`
            : ' '}
      </p>
    </figure>
  );
}
