/**
 * The face-swap lab's chart history: metric points from the worker (or from a
 * pretrained model's timeline), flattened into the numbers each chart draws.
 */
import type { SwapScoreSummary } from '../../core/faceswap/swapScoreSummary';
import type { SwapSnapshot } from '../../core/faceswap/swapSnapshot';
import type { SwapMetricPoint } from '../../protocol/faceswap/faceSwapProtocol';

/** A pretrained model's stored timeline as chart points (no gradient norms were kept). */
export function metricsOfTimeline(timeline: readonly SwapSnapshot[]): SwapMetricPoint[] {
  return timeline.map((s) => ({ step: s.step, lossA: s.lossA, lossB: s.lossB, gradNorm: NaN, scores: s.scores }));
}

/** One scored moment, flattened for the charts (null where the dataset has no such score). */
export interface ScorePoint {
  step: number;
  calledAB: number;
  calledBA: number;
  realCalled: number;
  factorAB: number | null;
  factorBA: number | null;
  factorReal: number | null;
  factorUnrelated: number | null;
  digitKeptAB: number | null;
  digitKeptBA: number | null;
  thicknessAB: number | null;
  thicknessBA: number | null;
}

const mean = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : (a + b) / 2);

export function scorePointOf(s: SwapScoreSummary): ScorePoint {
  return {
    step: s.step,
    calledAB: s.ab.calledTarget,
    calledBA: s.ba.calledTarget,
    realCalled: (s.ab.realCalledTarget + s.ba.realCalledTarget) / 2,
    factorAB: s.ab.factorError,
    factorBA: s.ba.factorError,
    factorReal: mean(s.ab.factorErrorReal, s.ba.factorErrorReal),
    factorUnrelated: mean(s.ab.factorErrorUnrelated, s.ba.factorErrorUnrelated),
    digitKeptAB: s.ab.digitKept,
    digitKeptBA: s.ba.digitKept,
    thicknessAB: s.ab.thicknessLikeTarget,
    thicknessBA: s.ba.thicknessLikeTarget,
  };
}

/** The scored points alone (a line through the unscored ones would break at each). */
export function scorePoints(history: readonly SwapMetricPoint[]): ScorePoint[] {
  return history.flatMap((p) => (p.scores ? [scorePointOf(p.scores)] : []));
}

/** The most recent scores, or null before the first. */
export function latestScores(history: readonly SwapMetricPoint[]): SwapScoreSummary | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const s = history[i].scores;
    if (s) return s;
  }
  return null;
}
