/**
 * What the main plot's legend lists for a scene. One source for the page's
 * legend and the exported PNG, so the two never disagree.
 */
import { showsAveraged, type PlotScene } from './mainPlotRenderer';
import { PLOT_COLORS, valueRange } from './verdictColors';

export type LegendMark =
  | { kind: 'dot'; color: string; label: string }
  | { kind: 'cross'; label: string }
  | { kind: 'diamond'; label: string }
  | { kind: 'arrow'; label: string };

export interface LegendScale {
  low: string;
  high: string;
}

export interface PlotLegend {
  marks: LegendMark[];
  /** The verdict's colour bar, when the background shows it. */
  scale: LegendScale | null;
}

export function plotLegend({ frame, layers, drawing }: PlotScene): PlotLegend {
  if (drawing) return { marks: [{ kind: 'dot', color: PLOT_COLORS.drawn, label: 'your points' }], scale: null };
  const marks: LegendMark[] = [];
  if (layers.real) marks.push({ kind: 'dot', color: PLOT_COLORS.real, label: 'real' });
  if (layers.fake) marks.push({ kind: 'dot', color: PLOT_COLORS.fake, label: 'generated' });
  if (showsAveraged(frame, layers)) marks.push({ kind: 'diamond', label: 'averaged generator' });
  if (layers.arrows) marks.push({ kind: 'arrow', label: "generator's pull" });
  // Only mixtures have true centres; moons, spiral and line do not.
  if (frame && frame.modeCenters.length > 0) marks.push({ kind: 'cross', label: 'true cluster centre' });
  if (!layers.heatmap) return { marks, scale: null };
  if (frame && !frame.heatmapIsProbability) {
    const [low, high] = valueRange(frame.heatmap);
    return { marks, scale: { low: `critic ${low.toFixed(2)} (fake-looking)`, high: `${high.toFixed(2)} (real-looking)` } };
  }
  return { marks, scale: { low: 'D(x) = 0 (fake)', high: '1 (real)' } };
}
