/**
 * The side of the square plot, in CSS pixels: as wide as its container allows
 * and short enough that the plot, its axes and legend fit below the sticky
 * toolbar, so a projected plot is neither a small island nor cut off at the fold.
 */
import { useEffect, useState, type RefObject } from 'react';

export interface PlotSizeOptions {
  /** Horizontal room the axes take beside the square. */
  axesWidth: number;
  /** Viewport height kept for the toolbar, the axes and the legend. */
  reservedHeight: number;
  min: number;
  max: number;
  initial: number;
}

export function usePlotSize(container: RefObject<HTMLElement | null>, options: PlotSizeOptions): number {
  const [size, setSize] = useState(options.initial);
  const { axesWidth, reservedHeight, min, max } = options;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = () => {
      const byWidth = element.clientWidth - axesWidth;
      const byHeight = window.innerHeight - reservedHeight;
      setSize(Math.floor(Math.min(max, Math.max(min, Math.min(byWidth, byHeight)))));
    };
    // The container's width follows the page layout; the viewport's height needs its own listener.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [container, axesWidth, reservedHeight, min, max]);

  return size;
}
