/**
 * Painting points and arrows on a square canvas: D3 scales map the data's plane to pixels
 * (y up), the canvas holds the dense picture, React owns the element. Sized for the device's
 * pixel ratio so points stay crisp.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { Bounds } from '../../core/points/toyDistributions';
import { X0_CLIP } from '../../core/diffusion/samplerKinds';

export interface PlaneScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

export function planeScales(bounds: Bounds, size: number): PlaneScales {
  return {
    x: scaleLinear().domain([bounds.xMin, bounds.xMax]).range([0, size]),
    y: scaleLinear().domain([bounds.yMin, bounds.yMax]).range([size, 0]),
  };
}

/**
 * A square wide enough for the data, for most of the noise the forward process ends in, and for
 * every sample a DDPM sampler can return (its x̂_0 is clipped to ±X0_CLIP noise deviations).
 */
export function viewBounds(data: Bounds, noiseScale: number): Bounds {
  const reach = 1.05 * X0_CLIP * noiseScale;
  const half = Math.max(data.xMax - data.xMin, data.yMax - data.yMin, 2 * reach) / 2;
  const cx = Math.abs((data.xMin + data.xMax) / 2) < reach ? 0 : (data.xMin + data.xMax) / 2;
  const cy = Math.abs((data.yMin + data.yMax) / 2) < reach ? 0 : (data.yMin + data.yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** Sets the canvas's backing store for `size` CSS pixels and returns a context drawing in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, size: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const pixels = Math.round(size * ratio);
  if (canvas.width !== pixels) canvas.width = pixels;
  if (canvas.height !== pixels) canvas.height = pixels;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  return ctx;
}

/** Faint axes through the origin, so the eye has a fixed reference while points move. */
export function drawAxes(ctx: CanvasRenderingContext2D, s: PlaneScales, size: number): void {
  ctx.strokeStyle = '#d9dde3';
  ctx.lineWidth = 1;
  ctx.beginPath();
  const x0 = s.x(0);
  const y0 = s.y(0);
  if (x0 > 0 && x0 < size) { ctx.moveTo(x0, 0); ctx.lineTo(x0, size); }
  if (y0 > 0 && y0 < size) { ctx.moveTo(0, y0); ctx.lineTo(size, y0); }
  ctx.stroke();
}

/** Interleaved x, y points as dots; `from` and `count` pick a slice (in points). */
export function drawPoints(ctx: CanvasRenderingContext2D, points: Float32Array, s: PlaneScales, color: string, radius: number, alpha = 1, from = 0, count = points.length / 2): void {
  ctx.fillStyle = color;
  ctx.globalAlpha = alpha;
  ctx.beginPath();
  for (let i = from; i < from + count; i++) {
    const px = s.x(points[2 * i]);
    const py = s.y(points[2 * i + 1]);
    ctx.moveTo(px + radius, py);
    ctx.arc(px, py, radius, 0, 2 * Math.PI);
  }
  ctx.fill();
  ctx.globalAlpha = 1;
}

/**
 * A field on a size × size grid over `bounds` (row 0 at yMax) as arrows. Lengths are scaled so
 * the longest in the top tenth fills most of a cell; longer ones are capped there, so one huge
 * vector cannot flatten the rest.
 */
export function drawField(ctx: CanvasRenderingContext2D, field: Float32Array, gridSize: number, bounds: Bounds, s: PlaneScales, color: string): void {
  const lengths: number[] = [];
  for (let i = 0; i < field.length; i += 2) lengths.push(Math.hypot(field[i], field[i + 1]));
  const sorted = [...lengths].sort((a, b) => a - b);
  const reference = sorted[Math.floor(sorted.length * 0.9)] || 1;
  const cell = Math.abs(s.x(bounds.xMin + (bounds.xMax - bounds.xMin) / (gridSize - 1)) - s.x(bounds.xMin));
  const longest = 0.8 * cell;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.2;
  for (let row = 0; row < gridSize; row++) {
    for (let col = 0; col < gridSize; col++) {
      const k = row * gridSize + col;
      const length = lengths[k];
      if (!(length > 0)) continue;
      const shown = Math.min(length / reference, 1) * longest;
      const ux = field[2 * k] / length;
      const uy = -field[2 * k + 1] / length; // canvas y points down
      const x = s.x(bounds.xMin + ((bounds.xMax - bounds.xMin) * col) / (gridSize - 1));
      const y = s.y(bounds.yMax - ((bounds.yMax - bounds.yMin) * row) / (gridSize - 1));
      const tipX = x + ux * shown;
      const tipY = y + uy * shown;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(tipX, tipY);
      ctx.stroke();
      const head = Math.min(4, shown * 0.5);
      ctx.beginPath();
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(tipX - ux * head - uy * head * 0.6, tipY - uy * head + ux * head * 0.6);
      ctx.lineTo(tipX - ux * head + uy * head * 0.6, tipY - uy * head - ux * head * 0.6);
      ctx.closePath();
      ctx.fill();
    }
  }
}
