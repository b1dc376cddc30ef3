/**
 * The spread-spectrum mark: read back exactly from unmodified pictures (faces and a digit,
 * many keys and payloads), invisible enough (PSNR), not found in unmarked pictures nor with
 * the wrong key, found in a crop at the right place, and its threshold is Hoeffding's.
 */
import { describe, expect, it } from 'vitest';
import { cropPicture } from '../../../src/core/provenance/imageAttacks';
import { psnr } from '../../../src/core/provenance/imageQuality';
import { digitPicture, toyFacePicture } from '../../../src/core/provenance/provenancePictures';
import {
  DEFAULT_WATERMARK_OPTIONS, ZIGZAG, detectWatermark, detectionThreshold, embedWatermark, payloadBitAccuracy, payloadFromText, watermarkLayout,
} from '../../../src/core/provenance/spreadSpectrumWatermark';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

/** A blobby stroke, like a handwritten digit (0 paper … 255 ink). */
function strokeDigit(seed: number): Uint8Array {
  const rng = new SeededRandom(seed);
  const out = new Uint8Array(784);
  const cx = 14 + rng.uniform(-2, 2);
  for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
    const r = Math.hypot((x - cx) / 6, (y - 14) / 9);
    out[y * 28 + x] = Math.max(0, Math.min(255, 255 * (1 - Math.abs(r - 1) * 4)));
  }
  return out;
}

describe('ZIGZAG', () => {
  it('is JPEG\'s order', () => {
    expect(ZIGZAG.slice(0, 10)).toEqual([[0, 0], [0, 1], [1, 0], [2, 0], [1, 1], [0, 2], [0, 3], [1, 2], [2, 1], [3, 0]]);
    expect(new Set(ZIGZAG.map(([u, v]) => u * 8 + v)).size).toBe(64);
  });
});

describe('embedWatermark and detectWatermark', () => {
  it('read the payload back exactly from unmodified pictures, for many keys and payloads, at PSNR ≥ 38 dB', () => {
    const rng = new SeededRandom(7);
    const psnrs: number[] = [];
    for (let t = 0; t < 6; t++) {
      const picture = t === 5 ? digitPicture(strokeDigit(t)) : toyFacePicture(100 + t);
      const key = `key ${t} ${rng.int(1e6)}`;
      const payload = Math.floor(rng.next() * 2 ** 32);
      const { picture: marked } = embedWatermark(picture, key, payload);
      psnrs.push(psnr(picture, marked));
      const found = detectWatermark(marked, key);
      expect(found.payload).toBe(payload);
      expect(found.detected).toBe(true);
      expect(found.statistic).toBeGreaterThan(2 * found.threshold);
      expect(payloadBitAccuracy(found, payload)).toBe(1);
      // Only the luminance moved: R, G and B changed by the same amount (to rounding) wherever no channel clipped.
      let worstSpread = 0;
      for (let i = 0; i < marked.data.length; i += 4) {
        if ([0, 1, 2].some((c) => marked.data[i + c] === 0 || marked.data[i + c] === 255)) continue;
        const d = [0, 1, 2].map((c) => marked.data[i + c] - picture.data[i + c]);
        worstSpread = Math.max(worstSpread, Math.max(...d) - Math.min(...d));
      }
      expect(worstSpread).toBeLessThanOrEqual(1);
    }
    expect(psnrs.reduce((a, b) => a + b) / psnrs.length).toBeGreaterThanOrEqual(38);
  });

  it('finds nothing in unmarked pictures, nor with the wrong key', () => {
    let worst = -Infinity;
    for (let t = 0; t < 8; t++) {
      const picture = toyFacePicture(200 + t);
      const unmarked = detectWatermark(picture, `key ${t}`);
      expect(unmarked.detected).toBe(false);
      worst = Math.max(worst, unmarked.statistic);
    }
    const picture = toyFacePicture(300);
    const { picture: marked } = embedWatermark(picture, 'right key', 1234567);
    for (let t = 0; t < 12; t++) {
      const wrong = detectWatermark(marked, `wrong key ${t}`);
      expect(wrong.detected).toBe(false);
      expect(wrong.payload).not.toBe(1234567);
      worst = Math.max(worst, wrong.statistic);
    }
    expect(worst).toBeLessThan(detectionThreshold(1e-4));
  });

  it('changes more with more strength, and a stronger mark is found more strongly', () => {
    const picture = toyFacePicture(400);
    const weak = embedWatermark(picture, 'k', 99, { strength: 2 }).picture;
    const strong = embedWatermark(picture, 'k', 99, { strength: 6 }).picture;
    expect(psnr(picture, strong)).toBeLessThan(psnr(picture, weak) - 3);
    expect(detectWatermark(strong, 'k').statistic).toBeGreaterThan(detectWatermark(weak, 'k').statistic);
  });

  it('finds the mark in a crop at any offset, with the threshold raised for the placements tried', () => {
    const picture = toyFacePicture(501);
    // A crop keeps under half of the 8×8 blocks whole, so this mark is made stronger than the default.
    const { picture: marked } = embedWatermark(picture, 'crop key', 424242, { strength: 10 });
    const crop = cropPicture(marked, 13, 21, 96, 96);
    const found = detectWatermark(crop, 'crop key', { markedWidth: 128, markedHeight: 128 });
    expect(found.offset).toEqual({ x: 13, y: 21 });
    expect(found.placementsTried).toBe(33 * 33);
    expect(found.threshold).toBeCloseTo(detectionThreshold(1e-4, 33 * 33), 10);
    expect(found.detected).toBe(true);
    expect(found.payload).toBe(424242);
    const unmarkedCrop = detectWatermark(cropPicture(picture, 13, 21, 96, 96), 'crop key', { markedWidth: 128, markedHeight: 128 });
    expect(unmarkedCrop.detected).toBe(false);
  });

  it('splits the band between the pilot and 63 equal bit groups without overlap', () => {
    const layout = watermarkLayout('layout', 128, 128);
    const band = DEFAULT_WATERMARK_OPTIONS.bandLast - DEFAULT_WATERMARK_OPTIONS.bandFirst + 1;
    const all = [...layout.pilotSlots, ...layout.bitSlots.flatMap((s) => [...s])];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeLessThanOrEqual(256 * band);
    expect(all.length).toBeGreaterThan(256 * band - 63);
    expect(new Set(layout.bitSlots.map((s) => s.length)).size).toBe(1);
  });

  it('sets the threshold from Hoeffding\'s bound: exp(−τ²/2) = p', () => {
    expect(Math.exp(-(detectionThreshold(1e-4) ** 2) / 2)).toBeCloseTo(1e-4, 12);
    expect(detectionThreshold(1e-4)).toBeCloseTo(4.2919, 3);
  });

  it('refuses bad input with a clear message', () => {
    const picture = toyFacePicture(1);
    expect(() => embedWatermark(picture, '', 1)).toThrow(/key must be some text/);
    expect(() => embedWatermark(picture, 'k', 2 ** 32)).toThrow(/32 bits/);
    expect(() => embedWatermark(picture, 'k', 1, { strength: 0 })).toThrow(/strength must be/);
    expect(() => embedWatermark({ width: 100, height: 100, data: new Uint8ClampedArray(40000) }, 'k', 1)).toThrow(/multiples of 8/);
    expect(() => detectWatermark(picture, 'k', { markedWidth: 64, markedHeight: 64 })).toThrow(/larger than the marked picture/);
    expect(payloadFromText('12345')).toBe(12345);
    expect(payloadFromText('camera 7')).toBe(payloadFromText(' camera 7 '));
    expect(() => payloadFromText('  ')).toThrow(/empty/);
  });
});
