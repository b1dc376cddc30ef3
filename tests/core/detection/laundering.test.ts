/** The laundering attacks against direct references: a 2D convolution, box averages, measured noise. */
import { describe, expect, it } from 'vitest';
import { addNoise, fromGreyBytes, gaussianBlur, gaussianKernel, launder, resizeDownUp, toGreyBytes } from '../../../src/core/detection/laundering';
import { radialSpectra } from '../../../src/core/detection/spectrum';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

const H = 12;
const W = 10;
const random = (count: number, seed: number) => new SeededRandom(seed).fillUniform(new Float32Array(count * H * W), -1, 1);

describe('gaussian blur', () => {
  it('equals a direct 2D convolution with the product kernel, edges repeated', () => {
    const img = random(2, 1);
    const sigma = 0.8;
    const k = gaussianKernel(sigma);
    const r = (k.length - 1) / 2;
    const ours = gaussianBlur(img, H, W, sigma);
    const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
    for (let n = 0; n < 2; n++) {
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          let s = 0;
          for (let i = -r; i <= r; i++) for (let j = -r; j <= r; j++) s += k[i + r] * k[j + r] * img[n * H * W + clamp(y + i, H) * W + clamp(x + j, W)];
          expect(ours[n * H * W + y * W + x]).toBeCloseTo(s, 5);
        }
      }
    }
  });

  it('leaves a flat picture flat and takes power out of the finest detail', () => {
    const flat = new Float32Array(H * W).fill(0.3);
    for (const v of gaussianBlur(flat, H, W, 1.2)) expect(v).toBeCloseTo(0.3, 6);
    const img = random(1, 2);
    const before = radialSpectra(img, 1, H, W);
    const after = radialSpectra(gaussianBlur(img, H, W, 1), 1, H, W);
    const outer = before.bins - 2;
    expect(after.features[outer]).toBeLessThan(before.features[outer] - 2); // e^2 ≈ 7× less power
    expect(img).toEqual(random(1, 2)); // the input is untouched
  });
});

describe('resize down and up', () => {
  it('is the identity at full size and removes a pixel checkerboard entirely at half size', () => {
    const img = random(1, 3);
    const same = resizeDownUp(img, H, W, W);
    for (let i = 0; i < img.length; i++) expect(same[i]).toBeCloseTo(img[i], 6);
    const checker = Float32Array.from({ length: H * W }, (_, i) => ((Math.floor(i / W) + (i % W)) % 2 ? 0.5 : -0.5));
    for (const v of resizeDownUp(checker, H, W, W / 2)) expect(Math.abs(v)).toBeLessThan(1e-6);
  });

  it('box-averages when shrinking: a 4×4 picture to 2×2 keeps each quarter\'s mean (a flat quarter stays flat)', () => {
    const img = Float32Array.from([1, 1, -1, -1, 1, 1, -1, -1, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5]);
    const out = resizeDownUp(img, 4, 4, 2);
    expect(out[0]).toBeCloseTo(1);
    expect(out[3]).toBeCloseTo(-1);
    expect(out[12]).toBeCloseTo(0);
    expect(out[15]).toBeCloseTo(0.5);
  });
});

describe('noise', () => {
  it('adds seeded noise of the asked spread, clipped to [-1, 1]', () => {
    const grey = new Float32Array(50 * H * W);
    const a = addNoise(grey, H, W, 0.1, 5);
    expect(addNoise(grey, H, W, 0.1, 5)).toEqual(a);
    const sd = Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    expect(sd).toBeGreaterThan(0.095);
    expect(sd).toBeLessThan(0.105);
    const loud = addNoise(new Float32Array(H * W).fill(0.9), H, W, 1, 1);
    expect(Math.max(...loud)).toBeLessThanOrEqual(1);
    expect(Math.min(...loud)).toBeGreaterThanOrEqual(-1);
  });
});

describe('grey bytes and bad input', () => {
  it('round-trips through 8-bit grey within half a level', () => {
    const img = random(1, 4);
    const back = fromGreyBytes(toGreyBytes(img));
    for (let i = 0; i < img.length; i++) expect(Math.abs(back[i] - img[i])).toBeLessThanOrEqual(1 / 255 + 1e-6);
  });

  it('refuses bad strengths and sizes with a reason', () => {
    const img = random(1, 5);
    expect(() => gaussianBlur(img, H, W, 0)).toThrow(/σ must be above 0/);
    expect(() => resizeDownUp(img, H, W, 11)).toThrow(/shrink to a whole side from 2 to 10/);
    expect(() => addNoise(img, H, W, -1, 1)).toThrow(/from 0 to 2/);
    expect(() => gaussianBlur(img, 7, 7, 1)).toThrow(/not a whole number of 7×7 pictures/);
    expect(() => launder('jpeg' as never, img, H, W, 50)).toThrow(/browser's encoder/);
  });
});
