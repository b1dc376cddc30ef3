/** The digit forger's quality scores in its chart history: the measured points for the charts, the latest for the readouts. */
import type { DigitMetricPoint } from '../../protocol/digits/digitProtocol';

export interface ScoredPoint {
  step: number;
  inceptionScore: number;
  frechetDistance: number;
}

/**
 * The points where quality was measured (every few seconds of training). The
 * charts draw these alone: a line through the unscored points would break at each.
 */
export function scoredPoints(history: readonly DigitMetricPoint[]): ScoredPoint[] {
  const out: ScoredPoint[] = [];
  for (const p of history) {
    if (p.inceptionScore !== null && p.frechetDistance !== null) {
      out.push({ step: p.step, inceptionScore: p.inceptionScore, frechetDistance: p.frechetDistance });
    }
  }
  return out;
}

/** The most recent measured quality, or null before the first. */
export function latestQuality(history: readonly DigitMetricPoint[]): ScoredPoint | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const p = history[i];
    if (p.inceptionScore !== null && p.frechetDistance !== null) {
      return { step: p.step, inceptionScore: p.inceptionScore, frechetDistance: p.frechetDistance };
    }
  }
  return null;
}
