/**
 * Paints a batch of small images into a grid on a canvas: nearest-neighbour
 * upscaling (crisp pixels), a thin gap between cells, optional captions below
 * each cell and outlines around chosen cells. No React, so it is easy to test.
 */

/** n images of height × width × channels (1 grey or 3 RGB), values in [0, 1], row-major, channels last. */
export interface ImageBatch {
  pixels: Float32Array;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
}

export interface GridLayout {
  columns: number;
  scale: number;
  captions?: readonly string[] | null;
  outlined?: ReadonlySet<number>;
  ratio?: number;
}

/** Space between cells, in CSS pixels. */
export const GAP = 4;
/** The strip under each cell that holds its caption, in CSS pixels. */
export const CAPTION_HEIGHT = 21;
const CAPTION_FONT = '700 15px system-ui, sans-serif';
const BACKGROUND = '#f4f4f8';

export function gridSize(batch: ImageBatch, layout: GridLayout): { width: number; height: number; cellWidth: number; cellHeight: number } {
  const columns = Math.max(1, Math.min(layout.columns, batch.count));
  const rows = Math.ceil(batch.count / columns);
  const cellWidth = batch.width * layout.scale;
  const cellHeight = batch.height * layout.scale + (layout.captions ? CAPTION_HEIGHT : 0);
  return { width: columns * cellWidth + (columns - 1) * GAP, height: rows * cellHeight + (rows - 1) * GAP, cellWidth, cellHeight };
}

/** The batch as one RGBA image per cell, at 1:1 scale (upscaling is left to drawImage with smoothing off). */
export function toRgba(batch: ImageBatch, index: number): Uint8ClampedArray<ArrayBuffer> {
  const { height, width, channels, pixels } = batch;
  const out = new Uint8ClampedArray(new ArrayBuffer(height * width * 4));
  const base = index * height * width * channels;
  for (let p = 0; p < height * width; p++) {
    for (let c = 0; c < 3; c++) {
      const v = pixels[base + p * channels + (channels === 3 ? c : 0)];
      out[4 * p + c] = Math.round(255 * (Number.isFinite(v) ? v : 0));
    }
    out[4 * p + 3] = 255;
  }
  return out;
}

export function paintImageGrid(canvas: HTMLCanvasElement, batch: ImageBatch, layout: GridLayout): void {
  const ratio = layout.ratio ?? 1;
  const size = gridSize(batch, layout);
  if (canvas.width !== Math.round(size.width * ratio) || canvas.height !== Math.round(size.height * ratio)) {
    canvas.width = Math.round(size.width * ratio);
    canvas.height = Math.round(size.height * ratio);
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.imageSmoothingEnabled = false;
  const tile = document.createElement('canvas');
  tile.width = batch.width;
  tile.height = batch.height;
  const tileCtx = tile.getContext('2d');
  if (!tileCtx) return;
  const columns = Math.max(1, Math.min(layout.columns, batch.count));
  for (let i = 0; i < batch.count; i++) {
    const x = (i % columns) * (size.cellWidth + GAP);
    const y = Math.floor(i / columns) * (size.cellHeight + GAP);
    tileCtx.putImageData(new ImageData(toRgba(batch, i), batch.width, batch.height), 0, 0);
    ctx.drawImage(tile, x, y, batch.width * layout.scale, batch.height * layout.scale);
    if (layout.outlined?.has(i)) {
      ctx.strokeStyle = '#c2410c';
      ctx.lineWidth = 3;
      ctx.strokeRect(x + 1.5, y + 1.5, batch.width * layout.scale - 3, batch.height * layout.scale - 3);
    }
    const caption = layout.captions?.[i];
    if (caption) {
      ctx.fillStyle = '#1f2333';
      ctx.font = CAPTION_FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(caption, x + size.cellWidth / 2, y + batch.height * layout.scale + 3, size.cellWidth);
    }
  }
}
