import { describe, expect, it } from 'vitest';
import type { DirectionScores, SwapScoreSummary } from '../../../src/core/faceswap/swapScoreSummary';
import type { SwapMetricPoint } from '../../../src/protocol/faceswap/faceSwapProtocol';
import { latestScores, scorePoints } from '../../../src/labs/faceswap/swapMetrics';

const direction = (calledTarget: number, factorError: number | null): DirectionScores => ({
  calledTarget, realCalledTarget: 1, factorError, factorErrorReal: factorError === null ? null : 0.1,
  factorErrorUnrelated: factorError === null ? null : 0.6, digitKept: factorError === null ? 0.9 : null, thicknessLikeTarget: factorError === null ? 0.8 : null,
});
const summary = (step: number, called: number): SwapScoreSummary => ({
  step, count: 64, ab: direction(called, 0.3), ba: direction(called / 2, 0.4), reconstruction: { a: 0.01, b: 0.02 },
});
const point = (step: number, scores: SwapScoreSummary | null = null): SwapMetricPoint => ({ step, lossA: 1 / step, lossB: 2 / step, gradNorm: 1, scores });

describe('face-swap chart history', () => {
  it('keeps only the scored points for the score charts, flattened, and finds the latest scores', () => {
    const history = [point(1, summary(1, 0.2)), point(2), point(3, summary(3, 0.8)), point(4)];
    const scored = scorePoints(history);
    expect(scored.map((p) => p.step)).toEqual([1, 3]);
    expect(scored[1]).toMatchObject({ calledAB: 0.8, calledBA: 0.4, realCalled: 1, factorAB: 0.3, factorBA: 0.4, factorReal: 0.1, factorUnrelated: 0.6, digitKeptAB: null });
    expect(latestScores(history)?.step).toBe(3);
    expect(latestScores([point(1)])).toBeNull();
  });
});
