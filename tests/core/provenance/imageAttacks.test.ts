/** The attacks do what their names say, on pictures whose answer is known, and never change their input. */
import { describe, expect, it } from 'vitest';
import { boxBlur, cropPicture, gaussianBlur, gaussianNoise, resizeDownUp, rotatePicture } from '../../../src/core/provenance/imageAttacks';
import { meanSquaredError } from '../../../src/core/provenance/imageQuality';
import { createPicture, type RgbaPicture } from '../../../src/core/provenance/picture';

function pattern(size = 32): RgbaPicture {
  const p = createPicture(size, size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) p.data.set([(x * 8) % 256, (y * 8) % 256, ((x + y) % 2) * 200 + 20], (y * size + x) * 4);
  return p;
}

describe('image attacks', () => {
  it('add noise of the asked-for standard deviation', () => {
    const p = createPicture(64, 64);
    p.data.fill(128);
    const noisy = gaussianNoise(p, 5, 1);
    expect(Math.sqrt(meanSquaredError(p, noisy))).toBeGreaterThan(4.7);
    expect(Math.sqrt(meanSquaredError(p, noisy))).toBeLessThan(5.3);
    expect(p.data[0]).toBe(128);
  });

  it('blur a checkerboard to its mean and leave a constant picture alone', () => {
    const p = pattern();
    const blurred = boxBlur(p, 1);
    // The blue channel is a checkerboard of 20 and 220: a 3×3 mean inside is 120 ± 200/9.
    const centre = (16 * 32 + 16) * 4 + 2;
    expect(Math.abs(blurred.data[centre] - 120)).toBeLessThanOrEqual(23);
    const flat = createPicture(16, 16);
    flat.data.fill(77);
    expect(meanSquaredError(gaussianBlur(flat, 1.5), flat)).toBe(0);
  });

  it('crop the asked-for rectangle and refuse one that does not fit', () => {
    const p = pattern();
    const c = cropPicture(p, 5, 7, 10, 12);
    expect([c.width, c.height]).toEqual([10, 12]);
    expect(Array.from(c.data.subarray(0, 4))).toEqual(Array.from(p.data.subarray((7 * 32 + 5) * 4, (7 * 32 + 5) * 4 + 4)));
    expect(() => cropPicture(p, 30, 0, 10, 10)).toThrow(/does not fit/);
  });

  it('keep a smooth ramp through shrinking and enlarging, but lose a checkerboard', () => {
    const ramp = createPicture(32, 32);
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) ramp.data.set([x * 4, x * 4, x * 4], (y * 32 + x) * 4);
    const back = resizeDownUp(ramp, 0.5);
    const inner = (pic: RgbaPicture) => Array.from({ length: 20 }, (_, i) => pic.data[(16 * 32 + 6 + i) * 4]);
    inner(back).forEach((v, i) => expect(Math.abs(v - inner(ramp)[i])).toBeLessThanOrEqual(2));
    const checker = pattern();
    const lost = resizeDownUp(checker, 0.5);
    expect(Math.abs(lost.data[(16 * 32 + 16) * 4 + 2] - 120)).toBeLessThan(10);
  });

  it('rotate by 90° like a transpose-and-flip, and by 0° not at all', () => {
    const p = pattern(16);
    expect(meanSquaredError(rotatePicture(p, 0), p)).toBe(0);
    const r = rotatePicture(p, 90);
    // Clockwise: the output's top-right pixel comes from the input's top-left.
    expect(Array.from(r.data.subarray(15 * 4, 15 * 4 + 3))).toEqual(Array.from(p.data.subarray(0, 3)));
    expect(() => rotatePicture(p, 400)).toThrow(/−180 to 180/);
  });
});
