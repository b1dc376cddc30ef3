import { describe, expect, it } from 'vitest';
import { FACTOR_NAMES, factorProblems, NEUTRAL_FACTORS } from '../../../src/core/toyfaces/faceFactors';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { FACTOR_LABELS, factorValueText, PROMINENT_FACTORS, PUPPET_FACTOR_ORDER, randomFactors, withFactor } from '../../../src/labs/faceswap/puppetFactors';

describe('puppet factors', () => {
  it('offer every factor once, the prominent ones first, each with a label', () => {
    expect([...PUPPET_FACTOR_ORDER].sort()).toEqual([...FACTOR_NAMES].sort());
    expect(PUPPET_FACTOR_ORDER.slice(0, PROMINENT_FACTORS.size).every((n) => PROMINENT_FACTORS.has(n))).toBe(true);
    for (const n of FACTOR_NAMES) expect(FACTOR_LABELS[n].length).toBeGreaterThan(0);
  });

  it('draw random faces that are valid, on the sliders\' step, and different each time', () => {
    const rng = new SeededRandom(4);
    const faces = Array.from({ length: 50 }, () => randomFactors(() => rng.next()));
    for (const f of faces) {
      expect(factorProblems(f)).toEqual([]);
      for (const n of FACTOR_NAMES) expect(Math.abs(f[n] * 20 - Math.round(f[n] * 20))).toBeLessThan(1e-9);
    }
    expect(new Set(faces.map((f) => f.smile)).size).toBeGreaterThan(10);
    expect(randomFactors(() => 0).smile).toBe(-1);
    expect(randomFactors(() => 0.999999).tilt).toBe(1);
  });

  it('read a value aloud with the end it leans to', () => {
    expect(factorValueText('smile', 0.4)).toBe('0.40, towards wide smile');
    expect(factorValueText('smile', -1)).toBe('-1.00, towards frown');
    expect(factorValueText('tilt', 0)).toBe('0.00, halfway between tilted anticlockwise and tilted clockwise');
  });

  it('change one factor, clamped, leaving the rest', () => {
    const f = withFactor({ ...NEUTRAL_FACTORS }, 'gazeX', 3);
    expect(f.gazeX).toBe(1);
    expect({ ...f, gazeX: 0 }).toEqual(NEUTRAL_FACTORS);
  });
});
