/**
 * The zoom of a grid of digits: the largest whole number at which it fits a
 * width (whole numbers keep pixels crisp), and whether a side column of
 * controls and explanations still fits beside it at a useful zoom.
 */
import { IMAGE_SIZE } from '../../core/mnist/digitGanSettings';
import { CAPTION_HEIGHT, GAP } from '../shared/imageGridPainter';

/** How tall the grid may be: rows of digits (each with a caption) must fit `height`. */
export interface HeightLimit {
  rows: number;
  height: number;
}

/** The largest zoom whose `columns` cells fit `width`, before any bounds. */
function widthZoom(width: number, columns: number): number {
  return Math.floor((width - (columns - 1) * GAP) / (columns * IMAGE_SIZE));
}

function heightZoom(limit: HeightLimit): number {
  return Math.floor((limit.height - limit.rows * (GAP + CAPTION_HEIGHT)) / (limit.rows * IMAGE_SIZE));
}

const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(max, Number.isFinite(v) ? v : min));

export function fitScale(availableWidth: number, columns: number, min: number, max: number, limit?: HeightLimit): number {
  const fits = limit ? Math.min(widthZoom(availableWidth, columns), heightZoom(limit)) : widthZoom(availableWidth, columns);
  return clamp(fits, min, max);
}

export interface GridFit {
  scale: number;
  /** The side column sits beside the grid (else it goes below, at full width). */
  beside: boolean;
}

/**
 * A grid with a side column `side` pixels wide (gap included): beside the grid
 * when the grid still reaches zoom `min` there, else below it, leaving the grid
 * the full width. The height limit only lowers the zoom, never below `min`.
 */
export function fitWithSide(width: number, side: number, columns: number, min: number, max: number, limit?: HeightLimit): GridFit {
  const beside = side > 0 && widthZoom(width - side, columns) >= min;
  return { scale: fitScale(beside ? width - side : width, columns, min, max, limit), beside };
}
