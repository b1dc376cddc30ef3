/**
 * Draws a GanFrame onto a canvas: the verdict heatmap, the generator's mesh,
 * real and fake points, the generator's pull as arrows, and the true modes.
 * Plain canvas code, so the React component only decides when to redraw, and
 * the PNG export can draw the same picture at its own size.
 */
import type { ScaleLinear } from 'd3-scale';
import type { LayerVisibility } from '../../../core/adversarial/settingsUrl';
import type { Bounds } from '../../../core/points/toyDistributions';
import type { GanFrame } from '../../../protocol/adversarial/adversarialProtocol';
import { PLOT_COLORS, valueRange, verdictPosition, verdictRgb } from './verdictColors';

export type PlotHighlightLayer = 'reals' | 'fakes' | 'heatmap' | 'arrows' | null;

/** A frame carries the averaged generator's points only while the generator's weights are averaged. */
export function showsAveraged(frame: GanFrame | null, layers: LayerVisibility): boolean {
  return layers.averaged && frame !== null && frame.averagedFakes.length > 0;
}

export interface PlotScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** Everything the picture depends on besides its size. */
export interface PlotScene {
  frame: GanFrame | null;
  layers: LayerVisibility;
  highlight: PlotHighlightLayer;
  /** Drawing your own data: only the drawn points are shown, so the old dataset does not get in the way. */
  drawing: boolean;
  drawnPoints: Float32Array | null;
}

/** Marks are sized for a ~500 px plot and grow gently with it, so a projected plot stays readable. */
function markScale(size: number): number {
  return Math.min(1.5, Math.max(0.8, size / 520));
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

function manifoldPath(frame: GanFrame, s: PlotScales): Path2D {
  const { manifold, manifoldRows: rows, manifoldCols: cols } = frame;
  const path = new Path2D();
  const visit = (r: number, c: number, first: boolean) => {
    const i = 2 * (r * cols + c);
    if (first) path.moveTo(s.x(manifold[i]), s.y(manifold[i + 1]));
    else path.lineTo(s.x(manifold[i]), s.y(manifold[i + 1]));
  };
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) visit(r, c, c === 0);
  if (rows > 1) for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) visit(r, c, r === 0);
  return path;
}

function drawManifold(ctx: CanvasRenderingContext2D, frame: GanFrame, s: PlotScales, k: number): void {
  const path = manifoldPath(frame, s);
  // A faint light halo lets the dark mesh read on the dark "fake" end of the background too.
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.35)';
  ctx.lineWidth = 2.4 * k;
  ctx.stroke(path);
  ctx.strokeStyle = PLOT_COLORS.manifold;
  ctx.lineWidth = 1 * k;
  ctx.stroke(path);
}

function drawPoints(ctx: CanvasRenderingContext2D, points: Float32Array, s: PlotScales, color: string, radius: number): void {
  const path = new Path2D();
  for (let i = 0; i < points.length; i += 2) {
    const px = s.x(points[i]);
    const py = s.y(points[i + 1]);
    path.moveTo(px + radius, py);
    path.arc(px, py, radius, 0, 2 * Math.PI);
  }
  // Halo first, fill on top: each point gets a white ring, yet dense clusters stay their colour instead of turning white.
  ctx.strokeStyle = PLOT_COLORS.halo;
  ctx.lineWidth = radius;
  ctx.stroke(path);
  ctx.fillStyle = color;
  ctx.fill(path);
}

/** Diamonds with a dark edge, drawn over the live fakes: the averaged generator's points. */
function drawDiamonds(ctx: CanvasRenderingContext2D, points: Float32Array, s: PlotScales, radius: number, k: number): void {
  const path = new Path2D();
  for (let i = 0; i < points.length; i += 2) {
    const px = s.x(points[i]);
    const py = s.y(points[i + 1]);
    path.moveTo(px, py - radius);
    path.lineTo(px + radius, py);
    path.lineTo(px, py + radius);
    path.lineTo(px - radius, py);
    path.closePath();
  }
  ctx.lineJoin = 'round';
  ctx.strokeStyle = PLOT_COLORS.halo;
  ctx.lineWidth = 3 * k;
  ctx.stroke(path);
  ctx.fillStyle = PLOT_COLORS.averaged;
  ctx.fill(path);
  ctx.strokeStyle = PLOT_COLORS.averagedEdge;
  ctx.lineWidth = 1 * k;
  ctx.stroke(path);
  ctx.lineJoin = 'miter';
}

/**
 * One arrow per shown fake, starting at the point's edge (the point is drawn
 * over its tail). Lengths are relative to the largest push in the frame, so
 * they compare within a frame; arrows shorter than a couple of pixels are left out.
 */
function drawArrows(ctx: CanvasRenderingContext2D, frame: GanFrame, s: PlotScales, maxLength: number, start: number, k: number): void {
  const { fakes, push } = frame;
  let largest = 0;
  for (let i = 0; i < push.length; i += 2) largest = Math.max(largest, Math.hypot(push[i], push[i + 1]));
  if (largest < 1e-12) return;
  const shafts = new Path2D();
  const heads = new Path2D();
  for (let i = 0; i < fakes.length; i += 2) {
    const length = (Math.hypot(push[i], push[i + 1]) / largest) * maxLength;
    if (length < 3 * k) continue;
    const angle = Math.atan2(-push[i + 1], push[i]); // screen y grows downwards
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const x0 = s.x(fakes[i]) + cos * start;
    const y0 = s.y(fakes[i + 1]) + sin * start;
    const x1 = x0 + cos * length;
    const y1 = y0 + sin * length;
    const head = Math.min(6 * k, length * 0.55);
    const baseX = x1 - cos * head;
    const baseY = y1 - sin * head;
    shafts.moveTo(x0, y0);
    shafts.lineTo(baseX, baseY);
    heads.moveTo(x1, y1);
    heads.lineTo(baseX - sin * head * 0.5, baseY + cos * head * 0.5);
    heads.lineTo(baseX + sin * head * 0.5, baseY - cos * head * 0.5);
    heads.closePath();
  }
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.75)';
  ctx.lineWidth = 3.6 * k;
  ctx.stroke(shafts);
  ctx.lineWidth = 2 * k;
  ctx.stroke(heads);
  ctx.strokeStyle = PLOT_COLORS.arrow;
  ctx.fillStyle = PLOT_COLORS.arrow;
  ctx.lineWidth = 1.6 * k;
  ctx.stroke(shafts);
  ctx.fill(heads);
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
}

/**
 * Crosshairs drawn last, with a halo, so the true centres stay visible over
 * dense clusters; the open middle leaves the cluster itself in view.
 */
function drawModeCenters(ctx: CanvasRenderingContext2D, centers: Float32Array, s: PlotScales, k: number): void {
  const gap = 5 * k;
  const arm = 13 * k;
  const path = new Path2D();
  for (let i = 0; i < centers.length; i += 2) {
    const px = s.x(centers[i]);
    const py = s.y(centers[i + 1]);
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      path.moveTo(px + dx * gap, py + dy * gap);
      path.lineTo(px + dx * arm, py + dy * arm);
    }
  }
  ctx.lineCap = 'round';
  ctx.strokeStyle = PLOT_COLORS.halo;
  ctx.lineWidth = 5.5 * k;
  ctx.stroke(path);
  ctx.strokeStyle = PLOT_COLORS.modeCenter;
  ctx.lineWidth = 2.5 * k;
  ctx.stroke(path);
  ctx.lineCap = 'butt';
}

/** How many of the frame's fakes lie outside the plotted square (they are not drawn, so the view must say so). */
export function fakesOutside(fakes: Float32Array, bounds: Bounds): { outside: number; total: number } {
  let outside = 0;
  for (let i = 0; i < fakes.length; i += 2) {
    const x = fakes[i];
    const y = fakes[i + 1];
    if (!(x >= bounds.xMin && x <= bounds.xMax && y >= bounds.yMin && y <= bounds.yMax)) outside++;
  }
  return { outside, total: fakes.length / 2 };
}

export function renderPlot(ctx: CanvasRenderingContext2D, size: number, scene: PlotScene, scales: PlotScales): void {
  const { frame, layers, highlight } = scene;
  const k = markScale(size);
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  if (scene.drawing) {
    if (scene.drawnPoints && scene.drawnPoints.length > 0) drawPoints(ctx, scene.drawnPoints, scales, PLOT_COLORS.drawn, 3.2 * k);
    return;
  }
  if (!frame) return;
  // In slow motion, the layers not in focus fade so the eye follows the stage.
  const dim = (layer: PlotHighlightLayer) => (highlight && highlight !== layer ? 0.3 : 1);
  if (layers.heatmap) {
    ctx.globalAlpha = dim('heatmap');
    drawHeatmap(ctx, frame, size);
  }
  ctx.globalAlpha = highlight ? 0.3 : 1;
  if (layers.manifold) drawManifold(ctx, frame, scales, k);
  if (layers.real) {
    ctx.globalAlpha = dim('reals');
    drawPoints(ctx, frame.reals, scales, PLOT_COLORS.real, 3.4 * k);
  }
  const fakeRadius = 3.4 * k;
  // Arrows under the fakes, so every fake stays a solid dot with its arrow leaving it.
  if (layers.arrows) {
    ctx.globalAlpha = dim('arrows');
    drawArrows(ctx, frame, scales, size * 0.055, layers.fake ? fakeRadius : 0, k);
  }
  if (layers.fake) {
    ctx.globalAlpha = dim('fakes');
    drawPoints(ctx, frame.fakes, scales, PLOT_COLORS.fake, fakeRadius);
  }
  if (showsAveraged(frame, layers)) {
    ctx.globalAlpha = dim('fakes');
    drawDiamonds(ctx, frame.averagedFakes, scales, 4.6 * k, k);
  }
  ctx.globalAlpha = 1;
  drawModeCenters(ctx, frame.modeCenters, scales, k);
}
