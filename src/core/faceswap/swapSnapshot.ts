/**
 * One moment of a face-swap model's training: its losses, its preview grid and
 * (where measured) its swap scores. A pretrained checkpoint stores a timeline
 * of these from step 0, and the lab's live timeline keeps the same shape.
 */
import type { SwapPreview } from './swapPreview';
import type { SwapScoreSummary } from './swapScoreSummary';

export interface SwapSnapshot {
  step: number;
  lossA: number;
  lossB: number;
  preview: SwapPreview;
  /** Swap scores at that step, or null where not measured. */
  scores: SwapScoreSummary | null;
}
