import { describe, expect, it } from 'vitest';
import type { DirectionScores, SwapScoreSummary } from '../../../src/core/faceswap/swapScoreSummary';
import { metricsToCsv } from '../../../src/core/shared/metricsCsv';
import { SWAP_METRIC_COLUMNS } from '../../../src/labs/faceswap/swapMetricColumns';
import type { SwapMetricPoint } from '../../../src/protocol/faceswap/faceSwapProtocol';

const toyFaces = (calledTarget: number, factorError: number): DirectionScores => ({
  calledTarget, realCalledTarget: 0.95, factorError, factorErrorReal: 0.1, factorErrorUnrelated: 0.6, digitKept: null, thicknessLikeTarget: null,
});
const scores: SwapScoreSummary = { step: 300, count: 64, ab: toyFaces(0.75, 0.25), ba: toyFaces(0.5, 0.375), reconstruction: { a: 0.01, b: 0.02 } };
const point = (step: number, s: SwapScoreSummary | null): SwapMetricPoint => ({ step, lossA: 0.125, lossB: 0.25, gradNorm: 3, scores: s });

const DIRECTION = ['calledTarget', 'realCalledTarget', 'factorError', 'factorErrorReal', 'factorErrorUnrelated', 'digitKept', 'thicknessLikeTarget'];

describe('the face-swap lab\'s metrics CSV', () => {
  it('names the losses, then every score of each direction and both reconstructions', () => {
    expect(metricsToCsv([], SWAP_METRIC_COLUMNS).trim().split(',')).toEqual([
      'step', 'lossA', 'lossB', 'gradNorm',
      ...DIRECTION.map((f) => `ab.${f}`), ...DIRECTION.map((f) => `ba.${f}`),
      'reconstruction.a', 'reconstruction.b',
    ]);
    // Every score the summary holds per direction has its column.
    expect([...DIRECTION].sort()).toEqual(Object.keys(scores.ab).sort());
  });

  it('writes the nested scores of a scored point, and leaves them empty between measurements', () => {
    const [, scored, unscored] = metricsToCsv([point(300, scores), point(301, null)], SWAP_METRIC_COLUMNS).trim().split('\n');
    expect(scored).toBe('300,0.125,0.25,3,0.75,0.95,0.25,0.1,0.6,,,0.5,0.95,0.375,0.1,0.6,,,0.01,0.02');
    expect(unscored).toBe(`301,0.125,0.25,3${','.repeat(16)}`);
  });
});
