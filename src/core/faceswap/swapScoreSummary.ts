/**
 * The swap scores as the lab shows and stores them: one compact record per
 * measurement (both directions, A→B and B→A), small enough to post from the
 * worker and to keep in a checkpoint's timeline. swapScores.ts computes the
 * full figures; this keeps the ones the charts and the targets need.
 */
import type { DigitStyleSwapScores, ToyFaceSwapScores } from './swapScores';

export interface DirectionScores {
  /** Fraction of swaps the identity judge calls the target identity. */
  calledTarget: number;
  /** The same judge on real pictures of the target: the yardstick (near 1). */
  realCalledTarget: number;
  /** Toy faces: mean absolute factor error of the swaps against their source pictures' factors, else null. */
  factorError: number | null;
  /** Toy faces: the regressor's error on real target pictures (the yardstick), else null. */
  factorErrorReal: number | null;
  /** Toy faces: the swaps against unrelated source pictures' factors (no carry-over at all), else null. */
  factorErrorUnrelated: number | null;
  /** Digit styles: fraction of swaps the digit classifier reads as the source's digit, else null. */
  digitKept: number | null;
  /** Digit styles: fraction of swaps whose stroke thickness is nearer the target style's, else null. */
  thicknessLikeTarget: number | null;
}

export interface SwapScoreSummary {
  /** Training steps when measured. */
  step: number;
  /** Pictures scored per direction. */
  count: number;
  ab: DirectionScores;
  ba: DirectionScores;
  /** Mean squared reconstruction error of each side's own autoencoder on its evaluation pictures. */
  reconstruction: { a: number; b: number };
}

function toyDirection(s: ToyFaceSwapScores): DirectionScores {
  return {
    calledTarget: s.identity.swaps,
    realCalledTarget: s.identity.realTarget,
    factorError: s.factors.swaps.mean,
    factorErrorReal: s.factors.realTarget.mean,
    factorErrorUnrelated: s.factors.unrelated.mean,
    digitKept: null,
    thicknessLikeTarget: null,
  };
}

function digitDirection(s: DigitStyleSwapScores): DirectionScores {
  return {
    calledTarget: s.identity.swaps,
    realCalledTarget: s.identity.realTarget,
    factorError: null,
    factorErrorReal: null,
    factorErrorUnrelated: null,
    digitKept: s.recognised.swaps,
    thicknessLikeTarget: s.thicknessLikeTarget,
  };
}

/** `ab` scored from A's pictures, `ba` from B's (swapScores.ts, `from` 'a' and 'b'). */
export function summariseSwapScores(step: number, ab: ToyFaceSwapScores | DigitStyleSwapScores, ba: ToyFaceSwapScores | DigitStyleSwapScores): SwapScoreSummary {
  if (ab.from !== 'a' || ba.from !== 'b') throw new Error('summariseSwapScores needs the A→B scores first, then B→A');
  const direction = (s: ToyFaceSwapScores | DigitStyleSwapScores) => ('factors' in s ? toyDirection(s) : digitDirection(s));
  return {
    step,
    count: ab.count,
    ab: direction(ab),
    ba: direction(ba),
    reconstruction: { a: ab.reconstruction.a, b: ab.reconstruction.b },
  };
}
