/**
 * Zoom for an image grid that follows the width of its container and, when
 * `rows` is given, keeps the whole grid within the window's height less
 * `reserve` pixels (the sticky toolbar, a heading), so a lecturer sees every
 * cell at once. With `sideRem`, it also says whether a side column that wide
 * (in rem, gap included) fits beside the grid.
 */
import type { RefObject } from 'react';
import { useContainerSize } from '../shared/useContainerSize';
import { fitWithSide, type GridFit } from './gridScale';

export interface FitOptions {
  columns: number;
  min: number;
  max: number;
  rows?: number;
  reserve?: number;
  sideRem?: number;
}

export function useGridFit(container: RefObject<HTMLElement | null>, options: FitOptions): GridFit {
  const size = useContainerSize(container);
  const { columns, min, max, rows, reserve = 0, sideRem = 0 } = options;
  if (!size || size.width <= 0) return { scale: min, beside: false };
  const limit = rows ? { rows, height: size.windowHeight - reserve } : undefined;
  return fitWithSide(size.width, sideRem * size.rem, columns, min, max, limit);
}

/** The zoom alone, for grids without a side column. */
export function useFitScale(container: RefObject<HTMLElement | null>, columns: number, min: number, max: number): number {
  return useGridFit(container, { columns, min, max }).scale;
}
