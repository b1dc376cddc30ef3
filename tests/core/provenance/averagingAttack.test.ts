/** The averaging attack: with enough pictures marked with one key and payload, subtracting their mean fine detail wipes most of the payload from another marked picture. */
import { describe, expect, it } from 'vitest';
import { averagingAttack, estimatePattern } from '../../../src/core/provenance/averagingAttack';
import { psnr } from '../../../src/core/provenance/imageQuality';
import { toyFacePicture } from '../../../src/core/provenance/provenancePictures';
import { detectWatermark, embedWatermark, payloadBitAccuracy } from '../../../src/core/provenance/spreadSpectrumWatermark';

describe('averagingAttack', () => {
  it('wipes the payload from another marked picture, more cleanly as N grows', () => {
    const key = 'one camera';
    const payload = 0x5a5a1234;
    const marked = Array.from({ length: 13 }, (_, i) => embedWatermark(toyFacePicture(600 + i), key, payload).picture);
    const target = marked[12];
    const before = detectWatermark(target, key);
    expect(payloadBitAccuracy(before, payload)).toBe(1);
    const unmarked = toyFacePicture(612);
    const attack = (n: number) => {
      const attacked = averagingAttack(marked.slice(0, n), target).picture;
      const found = detectWatermark(attacked, key);
      return { bits: payloadBitAccuracy(found, payload), detected: found.detected, quality: psnr(unmarked, attacked) };
    };
    const few = attack(1);
    const many = attack(12);
    expect(many.bits).toBeLessThan(0.9);
    expect(many.detected).toBe(false);
    // With one picture the estimate is mostly that picture's own face: subtracting it ruins the target.
    expect(many.quality).toBeGreaterThan(few.quality + 6);
  });

  it('refuses an empty set and pictures of different sizes', () => {
    expect(() => estimatePattern([])).toThrow(/at least one/);
    expect(() => estimatePattern([toyFacePicture(1, 64), toyFacePicture(2, 128)])).toThrow(/one size/);
  });
});
