/** The main plot's legend on the page: the marks shown and the verdict's colour bar. */
import type { PlotScene } from './mainPlotRenderer';
import { plotLegend, type LegendMark } from './plotLegend';
import { PLOT_COLORS, verdictGradientStops } from './verdictColors';

function MarkSymbol({ mark }: { mark: LegendMark }) {
  if (mark.kind === 'dot') return <span className="legend-dot" style={{ background: mark.color }} />;
  if (mark.kind === 'diamond') {
    return (
      <svg className="legend-arrow" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
        <path d="M9,1.5 L16.5,9 L9,16.5 L1.5,9 z" fill={PLOT_COLORS.averaged} stroke={PLOT_COLORS.averagedEdge} strokeWidth="1.5" strokeLinejoin="round" />
      </svg>
    );
  }
  if (mark.kind === 'cross') {
    return (
      <svg className="legend-arrow" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
        <path d="M11,1 V7 M11,15 V21 M1,11 H7 M15,11 H21" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg className="legend-arrow" width="26" height="14" viewBox="0 0 26 14" aria-hidden="true">
      <line x1="1" y1="7" x2="17" y2="7" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      <path d="M25,7 L15,1.5 L15,12.5 z" fill="currentColor" />
    </svg>
  );
}

export function PlotLegendView({ scene }: { scene: PlotScene }) {
  const legend = plotLegend(scene);
  const stops = verdictGradientStops().map((s) => `${s.color} ${s.offset * 100}%`).join(', ');
  return (
    <figcaption className="main-plot-legend">
      {legend.marks.map((mark) => (
        <span key={mark.label} className="legend-item"><MarkSymbol mark={mark} /> {mark.label}</span>
      ))}
      {legend.scale ? (
        <span className="legend-scale">
          <span>{legend.scale.low}</span>
          <span className="legend-bar" style={{ background: `linear-gradient(to right, ${stops})` }} />
          <span>{legend.scale.high}</span>
        </span>
      ) : null}
    </figcaption>
  );
}
