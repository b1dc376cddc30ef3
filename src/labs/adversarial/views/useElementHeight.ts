/** The rendered height of an element, kept up to date as it wraps or its content changes. */
import { useEffect, useState, type RefObject } from 'react';

export function useElementHeight(element: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(() => setHeight(target.getBoundingClientRect().height));
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return height;
}
