/**
 * The side of the square plot, in CSS pixels: as wide as its container allows
 * and short enough that the plot, its axes and legend fit below the sticky
 * toolbar, so a projected plot is neither a small island nor cut off at the fold.
 */
import type { RefObject } from 'react';
import { useContainerSize } from '../../shared/useContainerSize';

export interface PlotSizeOptions {
  /** Horizontal room the axes take beside the square. */
  axesWidth: number;
  /** Viewport height kept for the toolbar, the axes and the legend. */
  reservedHeight: number;
  min: number;
  max: number;
  /** Until the container is first measured. */
  initial: number;
}

export function usePlotSize(container: RefObject<HTMLElement | null>, options: PlotSizeOptions): number {
  const size = useContainerSize(container);
  const { axesWidth, reservedHeight, min, max, initial } = options;
  if (!size) return initial;
  return Math.floor(Math.min(max, Math.max(min, Math.min(size.width - axesWidth, size.windowHeight - reservedHeight))));
}
