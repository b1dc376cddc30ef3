/**
 * The puppet's sliders: which face factors come first (the ones a class sees
 * change at a glance), what each is called, and how a value reads aloud.
 */
import { FACTOR_NAMES, FACTOR_RANGES, type FaceFactors, type FactorName } from '../../core/toyfaces/faceFactors';

/** Smile, eyes, gaze and tilt first: they read from the back row; head position and brows after. */
export const PUPPET_FACTOR_ORDER: readonly FactorName[] = ['smile', 'eyeOpen', 'gazeX', 'tilt', 'gazeY', 'headX', 'headY', 'brows'];
export const PROMINENT_FACTORS: ReadonlySet<FactorName> = new Set(['smile', 'eyeOpen', 'gazeX', 'tilt']);

export const FACTOR_LABELS: Record<FactorName, string> = {
  smile: 'Mouth',
  eyeOpen: 'Eyes',
  gazeX: 'Gaze, left or right',
  gazeY: 'Gaze, up or down',
  headX: 'Head, left or right',
  headY: 'Head, up or down',
  tilt: 'Head tilt',
  brows: 'Eyebrows',
};

export const FACTOR_STEP = 0.05;

/** "0.40, towards wide smile": what a screen reader says for a slider's value. */
export function factorValueText(name: FactorName, value: number): string {
  const { low, high } = FACTOR_RANGES[name];
  const shown = value.toFixed(2);
  if (Math.abs(value) < FACTOR_STEP / 2) return `${shown}, halfway between ${low} and ${high}`;
  return `${shown}, towards ${value > 0 ? high : low}`;
}

/** Every factor uniform in [-1, 1], rounded to the sliders' step (so each slider shows exactly the value drawn). */
export function randomFactors(random: () => number = Math.random): FaceFactors {
  const f = {} as FaceFactors;
  for (const name of FACTOR_NAMES) {
    const v = Math.round((random() * 2 - 1) / FACTOR_STEP) * FACTOR_STEP;
    f[name] = Math.max(-1, Math.min(1, Number(v.toFixed(2))));
  }
  return f;
}

/** `factors` with one factor changed, clamped to [-1, 1]. */
export function withFactor(factors: FaceFactors, name: FactorName, value: number): FaceFactors {
  return { ...factors, [name]: Math.max(-1, Math.min(1, value)) };
}
