/** Captions under the cells of the sample grid: D's score, the asked-for digit, or both. */
import type { LossKind } from '../../core/shared/ganOptions';

/** The losses whose discriminator is a critic with unbounded scores rather than a probability. */
export function isCriticLoss(loss: LossKind): boolean {
  return loss === 'wganGp' || loss === 'hinge';
}

/** A probability as two decimals ("0.83"); a critic's score with a sign ("+1.2", "−0.4"). */
export function formatVerdict(value: number, critic: boolean): string {
  if (!Number.isFinite(value)) return '—';
  if (!critic) return value.toFixed(2);
  const magnitude = Math.abs(value);
  const text = magnitude >= 100 ? magnitude.toExponential(0) : magnitude.toFixed(magnitude >= 10 ? 0 : 1);
  return `${value < 0 ? '−' : '+'}${text}`;
}

export interface CaptionOptions {
  verdicts: ArrayLike<number> | null;
  labels: ArrayLike<number> | null;
  critic: boolean;
  showScores: boolean;
}

/** One caption per cell, or null when there is nothing to say (no scores shown, unconditional model). */
export function gridCaptions(count: number, { verdicts, labels, critic, showScores }: CaptionOptions): string[] | null {
  const scores = showScores && verdicts !== null;
  if (!scores && labels === null) return null;
  return Array.from({ length: count }, (_, i) => {
    const parts: string[] = [];
    if (labels !== null) parts.push(`“${labels[i]}”`);
    if (scores) parts.push(formatVerdict(verdicts[i], critic));
    return parts.join(' ');
  });
}
