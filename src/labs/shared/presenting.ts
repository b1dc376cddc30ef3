/**
 * Presentation mode as the shell runs it: whether it is on, and how to switch it. Views that
 * size themselves to the window may shrink further when it is on, so the main view fits a
 * projector's screen whole; the lab header offers the switch.
 */
import { createContext, useContext } from 'react';

export interface PresentationSwitch {
  presenting: boolean;
  toggle(): void;
}

export const PresentationContext = createContext<PresentationSwitch | null>(null);

export function usePresenting(): boolean {
  return useContext(PresentationContext)?.presenting ?? false;
}

/** The switch, or null where the shell offers no presentation mode (a lab rendered on its own). */
export function usePresentationSwitch(): PresentationSwitch | null {
  return useContext(PresentationContext);
}
