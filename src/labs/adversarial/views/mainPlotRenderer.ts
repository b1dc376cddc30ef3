/**
 * Draws a GanFrame onto a canvas: the verdict heatmap, the generator's mesh,
 * real and fake points, the generator's pull as arrows, and the true modes.
 * Plain canvas code, so the React component only decides when to redraw.
 */
import type { ScaleLinear } from 'd3-scale';
import type { LayerVisibility } from '../../../core/settingsUrl';
import type { GanFrame } from '../adversarialProtocol';
import { PLOT_COLORS, valueRange, verdictPosition, verdictRgb } from './verdictColors';

export type PlotHighlightLayer = 'reals' | 'fakes' | 'heatmap' | 'arrows' | null;

export interface PlotScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

function drawHeatmap(ctx: CanvasRenderingContext2D, frame: GanFrame, size: number): void {
  const n = frame.heatmapSize;
  const [min, max] = frame.heatmapIsProbability ? [0, 1] : valueRange(frame.heatmap);
  const image = new ImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = verdictRgb(verdictPosition(frame.heatmap[i], frame.heatmapIsProbability, min, max));
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  const tile = document.createElement('canvas');
  tile.width = n;
  tile.height = n;
  tile.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(tile, 0, 0, size, size);
}

function drawManifold(ctx: CanvasRenderingContext2D, frame: GanFrame, s: PlotScales): void {
  const { manifold, manifoldRows: rows, manifoldCols: cols } = frame;
  const at = (r: number, c: number): [number, number] => {
    const i = 2 * (r * cols + c);
    return [s.x(manifold[i]), s.y(manifold[i + 1])];
  };
  ctx.strokeStyle = PLOT_COLORS.manifold;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [px, py] = at(r, c);
      if (c === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
  }
  if (rows > 1) {
    for (let c = 0; c < cols; c++) {
      for (let r = 0; r < rows; r++) {
        const [px, py] = at(r, c);
        if (r === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
    }
  }
  ctx.stroke();
}

function drawPoints(ctx: CanvasRenderingContext2D, points: Float32Array, s: PlotScales, color: string, radius: number): void {
  ctx.fillStyle = color;
  ctx.strokeStyle = PLOT_COLORS.pointOutline;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i < points.length; i += 2) {
    const px = s.x(points[i]);
    const py = s.y(points[i + 1]);
    ctx.moveTo(px + radius, py);
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
  }
  // Outline first, fill on top: dense clusters stay their colour instead of turning white.
  ctx.stroke();
  ctx.fill();
}

/** Arrows are scaled to the largest push in the frame, so their lengths compare within a frame. */
function drawArrows(ctx: CanvasRenderingContext2D, frame: GanFrame, s: PlotScales, maxLength: number): void {
  const { fakes, push } = frame;
  let largest = 0;
  for (let i = 0; i < push.length; i += 2) largest = Math.max(largest, Math.hypot(push[i], push[i + 1]));
  if (largest < 1e-12) return;
  ctx.strokeStyle = PLOT_COLORS.arrow;
  ctx.fillStyle = PLOT_COLORS.arrow;
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  for (let i = 0; i < fakes.length; i += 8) {
    const length = (Math.hypot(push[i], push[i + 1]) / largest) * maxLength;
    if (length < 1.5) continue;
    const angle = Math.atan2(-push[i + 1], push[i]); // screen y grows downwards
    const x0 = s.x(fakes[i]);
    const y0 = s.y(fakes[i + 1]);
    const x1 = x0 + Math.cos(angle) * length;
    const y1 = y0 + Math.sin(angle) * length;
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    const head = Math.min(5, length / 2);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * Math.cos(angle - 0.45), y1 - head * Math.sin(angle - 0.45));
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * Math.cos(angle + 0.45), y1 - head * Math.sin(angle + 0.45));
  }
  ctx.stroke();
}

function drawModeCenters(ctx: CanvasRenderingContext2D, centers: Float32Array, s: PlotScales): void {
  ctx.strokeStyle = PLOT_COLORS.modeCenter;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let i = 0; i < centers.length; i += 2) {
    const px = s.x(centers[i]);
    const py = s.y(centers[i + 1]);
    ctx.moveTo(px - 5, py);
    ctx.lineTo(px + 5, py);
    ctx.moveTo(px, py - 5);
    ctx.lineTo(px, py + 5);
  }
  ctx.stroke();
}

export function renderPlot(
  ctx: CanvasRenderingContext2D,
  size: number,
  frame: GanFrame | null,
  layers: LayerVisibility,
  scales: PlotScales,
  highlight: PlotHighlightLayer,
  drawnPoints: Float32Array | null,
): void {
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  if (frame) {
    // In slow motion, the layers not in focus fade so the eye follows the stage.
    const dim = (layer: PlotHighlightLayer) => (highlight && highlight !== layer ? 0.3 : 1);
    if (layers.heatmap) {
      ctx.globalAlpha = dim('heatmap');
      drawHeatmap(ctx, frame, size);
    }
    ctx.globalAlpha = highlight ? 0.3 : 1;
    if (layers.manifold) drawManifold(ctx, frame, scales);
    ctx.globalAlpha = 1;
    drawModeCenters(ctx, frame.modeCenters, scales);
    if (layers.real) {
      ctx.globalAlpha = dim('reals');
      drawPoints(ctx, frame.reals, scales, PLOT_COLORS.real, 3);
    }
    if (layers.fake) {
      ctx.globalAlpha = dim('fakes');
      drawPoints(ctx, frame.fakes, scales, PLOT_COLORS.fake, 3);
    }
    if (layers.arrows) {
      ctx.globalAlpha = dim('arrows');
      drawArrows(ctx, frame, scales, size * 0.06);
    }
    ctx.globalAlpha = 1;
  }
  if (drawnPoints && drawnPoints.length > 0) drawPoints(ctx, drawnPoints, scales, PLOT_COLORS.drawn, 2.5);
}
