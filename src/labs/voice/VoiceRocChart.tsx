/**
 * ROC curves of the voice lock, React-owned SVG with D3 scales: owners let in (up) against
 * impostors let in, and against clones let in (across), with the current threshold's point on each.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export interface RocSeries {
  id: string;
  label: string;
  colour: string;
  dash?: string;
  /** (false-positive rate, true-positive rate) pairs. */
  curve: Float32Array;
  /** The current threshold's point. */
  at: { fpr: number; tpr: number };
}

const SIZE = 260;
const M = { top: 10, right: 12, bottom: 42, left: 46 };

export function VoiceRocChart({ series, title, xLabel, yLabel }: { series: RocSeries[]; title: string; xLabel: string; yLabel: string }) {
  const x = scaleLinear().domain([0, 1]).range([M.left, SIZE - M.right]);
  const y = scaleLinear().domain([0, 1]).range([SIZE - M.bottom, M.top]);
  const pathOf = (c: Float32Array) => line<number>().x((i) => x(c[2 * i])).y((i) => y(c[2 * i + 1]))(Array.from({ length: c.length / 2 }, (_, i) => i)) ?? '';
  return (
    <figure className="voice-roc">
      <svg viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={title} data-testid="voice-roc">
        {[0, 0.5, 1].map((t) => (
          <g key={t}>
            <line x1={x(0)} x2={x(1)} y1={y(t)} y2={y(t)} className="grid-line" />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick-label">{t}</text>
            <text x={x(t)} y={SIZE - M.bottom + 14} textAnchor="middle" className="tick-label">{t}</text>
          </g>
        ))}
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} className="chance-line" />
        {series.map((s) => (
          <g key={s.id} data-testid={`roc-${s.id}`}>
            <path d={pathOf(s.curve)} fill="none" stroke={s.colour} strokeWidth={2.5} strokeDasharray={s.dash} />
            <circle cx={x(s.at.fpr)} cy={y(s.at.tpr)} r={5.5} fill={s.colour} stroke="#000" strokeWidth={1} />
          </g>
        ))}
        <text x={(M.left + SIZE - M.right) / 2} y={SIZE - 6} textAnchor="middle" className="axis-label">{xLabel}</text>
        <text transform={`translate(12 ${(M.top + SIZE - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
      </svg>
      <figcaption className="voice-roc-legend">
        {series.map((s) => (
          <span key={s.id}><span className="legend-swatch" style={{ borderColor: s.colour, borderTopStyle: s.dash ? 'dashed' : 'solid' }} aria-hidden="true" /> {s.label}</span>
        ))}
      </figcaption>
    </figure>
  );
}
