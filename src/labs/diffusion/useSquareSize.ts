/** The side of the square plots: two side by side in the container (one when it is narrow), within part of the window's height. */
import { useRef } from 'react';
import { useContainerSize } from '../shared/useContainerSize';

/** Below this container width the two plots stack. */
export const STACK_BELOW_PX = 480;
const GAP_PX = 24;

export function useSquareSize(min: number, max: number, heightShare: number) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useContainerSize(ref);
  if (!size) return { ref, side: min, stacked: false };
  const stacked = size.width < STACK_BELOW_PX;
  const perColumn = stacked ? size.width : (size.width - GAP_PX) / 2;
  const fit = Math.min(perColumn, size.windowHeight * heightShare);
  return { ref, side: Math.floor(Math.max(Math.min(min, perColumn), Math.min(max, fit))), stacked };
}
