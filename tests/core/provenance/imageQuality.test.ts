/** PSNR on pictures whose answer is known by hand, and the magnified difference picture. */
import { describe, expect, it } from 'vitest';
import { addLuminanceAtPsnr, differencePicture, meanSquaredError, planePsnr, psnr } from '../../../src/core/provenance/imageQuality';
import { createPicture, type RgbaPicture } from '../../../src/core/provenance/picture';

function filled(r: number, g: number, b: number, size = 16): RgbaPicture {
  const p = createPicture(size, size);
  for (let i = 0; i < p.data.length; i += 4) p.data.set([r, g, b], i);
  return p;
}

describe('psnr', () => {
  it('gives 20·log10(255) dB for a uniform offset of 1 level', () => {
    expect(psnr(filled(100, 50, 200), filled(101, 51, 201))).toBeCloseTo(20 * Math.log10(255), 10);
    expect(20 * Math.log10(255)).toBeCloseTo(48.1308, 3);
  });

  it('gives 20·log10(255/2) for an offset of 2 and counts one changed channel as a third of the error', () => {
    expect(psnr(filled(10, 10, 10), filled(12, 8, 12))).toBeCloseTo(20 * Math.log10(255 / 2), 10);
    // Only R changes by 3: MSE = 9 / 3 = 3.
    expect(meanSquaredError(filled(10, 10, 10), filled(13, 10, 10))).toBeCloseTo(3, 12);
    expect(psnr(filled(10, 10, 10), filled(13, 10, 10))).toBeCloseTo(10 * Math.log10((255 * 255) / 3), 10);
  });

  it('is infinite for identical pictures, ignores alpha, and works on planes', () => {
    const a = filled(1, 2, 3);
    const b = filled(1, 2, 3);
    b.data[3] = 0;
    expect(psnr(a, b)).toBe(Infinity);
    expect(planePsnr([0, 0, 0, 0], [255, 255, 255, 255])).toBeCloseTo(0, 12);
  });

  it('refuses pictures of different sizes', () => {
    expect(() => psnr(filled(0, 0, 0, 8), filled(0, 0, 0, 16))).toThrow(/same size/);
  });
});

describe('differencePicture', () => {
  it('is mid-grey where nothing changed and moves by gain × the difference', () => {
    const d = differencePicture(filled(100, 100, 100), filled(102, 99, 100), 10);
    expect(Array.from(d.data.subarray(0, 4))).toEqual([148, 118, 128, 255]);
    expect(() => differencePicture(filled(0, 0, 0), filled(0, 0, 0), 0)).toThrow(/positive/);
  });
});

describe('addLuminanceAtPsnr', () => {
  it('scales a luminance change until the picture sits at the asked-for PSNR', () => {
    const picture = createPicture(32, 32);
    for (let i = 0; i < picture.data.length; i++) picture.data[i] = i % 4 === 3 ? 255 : 60 + ((i * 37) % 120);
    const change = Float32Array.from({ length: 32 * 32 }, (_, i) => Math.sin(i * 1.3));
    for (const target of [32, 38, 44]) expect(psnr(picture, addLuminanceAtPsnr(picture, change, target))).toBeCloseTo(target, 0);
    expect(() => addLuminanceAtPsnr(picture, change, 0)).toThrow(/between 0 and 100 dB/);
  });
});
