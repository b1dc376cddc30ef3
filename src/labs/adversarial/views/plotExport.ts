/**
 * The main plot as a self-explaining PNG: title, axes, the picture, its legend
 * and the verdict's colour bar, drawn onto one canvas. A bare canvas copy would
 * lose everything the page shows around the plot.
 */
import { scaleLinear } from 'd3-scale';
import type { Bounds } from '../../../core/points/toyDistributions';
import { canvasToPngBlob } from '../../shared/download';
import { fakesOutside, renderPlot, type PlotScales, type PlotScene } from './mainPlotRenderer';
import { plotLegend, type LegendMark } from './plotLegend';
import { outsideMessage } from './outsideMessage';
import { PLOT_COLORS, verdictGradientStops } from './verdictColors';

const PLOT = 720;
const PAD = 28;
const AXIS_LEFT = 56;
const TITLE_HEIGHT = 90;
const AXIS_BOTTOM = 40;
const LEGEND_ROW = 40;
const WIDTH = PAD + AXIS_LEFT + PLOT + PAD;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', sans-serif";
const INK = '#1a1d29';

function drawAxes(ctx: CanvasRenderingContext2D, scales: PlotScales, left: number, top: number): void {
  ctx.strokeStyle = '#6b7280';
  ctx.lineWidth = 1;
  ctx.strokeRect(left - 0.5, top - 0.5, PLOT + 1, PLOT + 1);
  ctx.fillStyle = INK;
  ctx.font = `16px ${FONT}`;
  ctx.strokeStyle = INK;
  ctx.beginPath();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of scales.x.ticks(8)) {
    const x = left + scales.x(t);
    ctx.moveTo(x, top + PLOT);
    ctx.lineTo(x, top + PLOT + 7);
    ctx.fillText(String(t), x, top + PLOT + 11);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of scales.y.ticks(8)) {
    const y = top + scales.y(t);
    ctx.moveTo(left, y);
    ctx.lineTo(left - 7, y);
    ctx.fillText(String(t), left - 11, y);
  }
  ctx.stroke();
}

/** Draws one legend mark at (x, centre y) and returns the x after its label. */
function drawMark(ctx: CanvasRenderingContext2D, mark: LegendMark, x: number, y: number): number {
  ctx.lineCap = 'round';
  if (mark.kind === 'dot') {
    ctx.beginPath();
    ctx.arc(x + 8, y, 7, 0, 2 * Math.PI);
    ctx.fillStyle = mark.color;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#6b7280';
    ctx.stroke();
  } else if (mark.kind === 'diamond') {
    ctx.beginPath();
    ctx.moveTo(x + 9, y - 8);
    ctx.lineTo(x + 17, y);
    ctx.lineTo(x + 9, y + 8);
    ctx.lineTo(x + 1, y);
    ctx.closePath();
    ctx.fillStyle = PLOT_COLORS.averaged;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = PLOT_COLORS.averagedEdge;
    ctx.stroke();
  } else if (mark.kind === 'cross') {
    ctx.beginPath();
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      ctx.moveTo(x + 10 + dx * 3.5, y + dy * 3.5);
      ctx.lineTo(x + 10 + dx * 10, y + dy * 10);
    }
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = PLOT_COLORS.modeCenter;
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 14, y);
    ctx.lineWidth = 2;
    ctx.strokeStyle = PLOT_COLORS.arrow;
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x + 22, y);
    ctx.lineTo(x + 13, y - 5);
    ctx.lineTo(x + 13, y + 5);
    ctx.closePath();
    ctx.fillStyle = PLOT_COLORS.arrow;
    ctx.fill();
  }
  ctx.lineCap = 'butt';
  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(mark.label, x + 28, y);
  return x + 28 + ctx.measureText(mark.label).width + 26;
}

function drawColorBar(ctx: CanvasRenderingContext2D, low: string, high: string, x: number, y: number): void {
  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(low, x, y);
  const barX = x + ctx.measureText(low).width + 12;
  const gradient = ctx.createLinearGradient(barX, 0, barX + 220, 0);
  for (const stop of verdictGradientStops()) gradient.addColorStop(stop.offset, stop.color);
  ctx.fillStyle = gradient;
  ctx.fillRect(barX, y - 9, 220, 18);
  ctx.strokeStyle = '#6b7280';
  ctx.lineWidth = 1;
  ctx.strokeRect(barX - 0.5, y - 9.5, 221, 19);
  ctx.fillStyle = INK;
  ctx.fillText(high, barX + 232, y);
}

export function plotToPngBlob(scene: PlotScene, bounds: Bounds, scale = 2): Promise<Blob> {
  const legend = plotLegend(scene);
  const height = TITLE_HEIGHT + PLOT + AXIS_BOTTOM + LEGEND_ROW * (legend.scale ? 2 : 1) + PAD;
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, height);

  ctx.fillStyle = INK;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `bold 26px ${FONT}`;
  ctx.fillText('The duel on the plane', PAD, PAD + 22);
  ctx.font = `17px ${FONT}`;
  ctx.fillStyle = '#3d4254';
  const subtitle = scene.drawing
    ? 'Your drawing, before training'
    : scene.frame
      ? `Deepfake Lab, adversarial lab: after ${scene.frame.steps.toLocaleString('en-US')} generator steps`
      : 'Deepfake Lab, adversarial lab: before training';
  ctx.fillText(subtitle, PAD, PAD + 48);

  const left = PAD + AXIS_LEFT;
  const top = TITLE_HEIGHT;
  const scales: PlotScales = {
    x: scaleLinear().domain([bounds.xMin, bounds.xMax]).range([0, PLOT]),
    y: scaleLinear().domain([bounds.yMin, bounds.yMax]).range([PLOT, 0]),
  };
  ctx.save();
  ctx.translate(left, top);
  ctx.beginPath();
  ctx.rect(0, 0, PLOT, PLOT);
  ctx.clip();
  renderPlot(ctx, PLOT, scene, scales);
  ctx.restore();
  drawAxes(ctx, scales, left, top);

  const outside = scene.frame && !scene.drawing ? outsideMessage(fakesOutside(scene.frame.fakes, bounds)) : null;
  if (outside) {
    ctx.font = `bold 17px ${FONT}`;
    const width = ctx.measureText(outside).width + 24;
    ctx.fillStyle = 'rgba(255, 243, 223, 0.95)';
    ctx.fillRect(left + 10, top + 10, width, 32);
    ctx.strokeStyle = '#b45309';
    ctx.strokeRect(left + 10.5, top + 10.5, width - 1, 31);
    ctx.fillStyle = '#6b3a00';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(outside, left + 22, top + 26);
  }

  ctx.font = `17px ${FONT}`;
  let x = left;
  const legendY = top + PLOT + AXIS_BOTTOM + LEGEND_ROW / 2;
  for (const mark of legend.marks) x = drawMark(ctx, mark, x, legendY);
  if (legend.scale) drawColorBar(ctx, legend.scale.low, legend.scale.high, left, legendY + LEGEND_ROW);
  return canvasToPngBlob(canvas);
}
