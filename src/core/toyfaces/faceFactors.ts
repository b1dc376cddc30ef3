/**
 * The factors every toy face shares, whoever's face it is: expression, eye
 * openness, gaze, head position and tilt, brows. Each is a number in [-1, 1]
 * (the factor regressor's target range); `FACTOR_RANGES` says what the ends
 * mean, and the renderer maps them to geometry. They are drawn at random for
 * every image and kept with it, so the lab can check whether a swap carried them over.
 */
import type { SeededRandom } from '../shared/seededRandom';

export const FACTOR_NAMES = ['smile', 'eyeOpen', 'gazeX', 'gazeY', 'headX', 'headY', 'tilt', 'brows'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];
export const FACTOR_COUNT = FACTOR_NAMES.length;

export type FaceFactors = Record<FactorName, number>;

export interface FactorRange {
  /** What −1 and +1 look like, for labels and tooltips. */
  low: string;
  high: string;
}

export const FACTOR_RANGES: Record<FactorName, FactorRange> = {
  smile: { low: 'frown', high: 'wide smile' },
  eyeOpen: { low: 'nearly shut', high: 'wide open' },
  gazeX: { low: 'looks left', high: 'looks right' },
  gazeY: { low: 'looks up', high: 'looks down' },
  headX: { low: 'head left', high: 'head right' },
  headY: { low: 'head up', high: 'head down' },
  tilt: { low: 'tilted anticlockwise', high: 'tilted clockwise' },
  brows: { low: 'brows lowered', high: 'brows raised' },
};

/** The resting face: mouth straight, eyes open, looking ahead, centred and upright. */
export const NEUTRAL_FACTORS: Readonly<FaceFactors> = { smile: 0, eyeOpen: 0.5, gazeX: 0, gazeY: 0, headX: 0, headY: 0, tilt: 0, brows: 0 };

/** Every factor uniform in [-1, 1], in FACTOR_NAMES order (so a seed gives the same faces). */
export function sampleFactors(rng: SeededRandom): FaceFactors {
  const f = {} as FaceFactors;
  for (const name of FACTOR_NAMES) f[name] = rng.uniform(-1, 1);
  return f;
}

export function factorsToArray(f: FaceFactors, out = new Float32Array(FACTOR_COUNT), offset = 0): Float32Array {
  FACTOR_NAMES.forEach((name, i) => (out[offset + i] = f[name]));
  return out;
}

export function factorsFromArray(values: ArrayLike<number>, offset = 0): FaceFactors {
  const f = {} as FaceFactors;
  FACTOR_NAMES.forEach((name, i) => (f[name] = values[offset + i]));
  return f;
}

/** Problems with a factor set (missing, not finite, outside [-1, 1]); empty when valid. */
export function factorProblems(f: Partial<FaceFactors>): string[] {
  const problems: string[] = [];
  for (const name of FACTOR_NAMES) {
    const v = f[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${name} must be a number`);
    else if (v < -1 || v > 1) problems.push(`${name} must be between -1 and 1`);
  }
  return problems;
}
