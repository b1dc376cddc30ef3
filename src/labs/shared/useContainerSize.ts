/**
 * The width of a container and the height of the window, measured again whenever either
 * changes (the container follows the page layout; the window's height needs its own
 * listener), with the root font size for layouts in rem; null until first measured.
 */
import { useEffect, useState, type RefObject } from 'react';

export interface ContainerSize {
  width: number;
  windowHeight: number;
  /** Pixels per rem. */
  rem: number;
}

export function useContainerSize(container: RefObject<HTMLElement | null>): ContainerSize | null {
  const [size, setSize] = useState<ContainerSize | null>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = () => setSize({
      width: element.clientWidth,
      windowHeight: window.innerHeight,
      rem: parseFloat(getComputedStyle(document.documentElement).fontSize) || 16,
    });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [container]);
  return size;
}
