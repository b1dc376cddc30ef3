/**
 * The spectra against independent references: a naive O(N⁴) DFT written from the
 * definition, Parseval's theorem, a pure cosine's two peaks, and a constant image's
 * single zero-frequency peak; for power-of-two and other sizes (Bluestein).
 */
import { describe, expect, it } from 'vitest';
import { ComplexDft, LOG_POWER_FLOOR, SpectrumAnalyser, meanLogPowerSpectrum, powerSpectrum, radialSpectra } from '../../../src/core/detection/spectrum';
import { SeededRandom } from '../../../src/core/shared/seededRandom';

/** |F(u, v)|² straight from the definition, unshifted. */
function naivePower(image: ArrayLike<number>, h: number, w: number): Float64Array {
  const out = new Float64Array(h * w);
  for (let u = 0; u < h; u++) {
    for (let v = 0; v < w; v++) {
      let re = 0;
      let im = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const angle = -2 * Math.PI * ((u * y) / h + (v * x) / w);
          re += image[y * w + x] * Math.cos(angle);
          im += image[y * w + x] * Math.sin(angle);
        }
      }
      out[u * w + v] = re * re + im * im;
    }
  }
  return out;
}

/** numpy's fftshift, written independently: index (u, v) of the unshifted map lands at ((u + ⌊h/2⌋) mod h, (v + ⌊w/2⌋) mod w). */
function shift(map: Float64Array, h: number, w: number): Float64Array {
  const out = new Float64Array(h * w);
  for (let u = 0; u < h; u++) for (let v = 0; v < w; v++) out[((u + Math.floor(h / 2)) % h) * w + ((v + Math.floor(w / 2)) % w)] = map[u * w + v];
  return out;
}

function randomImage(h: number, w: number, seed: number): Float32Array {
  return new SeededRandom(seed).fillUniform(new Float32Array(h * w), -1, 1);
}

describe('ComplexDft', () => {
  it.each([1, 2, 3, 5, 7, 8, 12, 28, 64])('matches the definition for length %i', (n) => {
    const rng = new SeededRandom(n);
    const input = Float64Array.from({ length: 2 * n }, () => rng.uniform(-1, 1));
    const out = new Float64Array(2 * n);
    new ComplexDft(n).transform(out, input);
    for (let k = 0; k < n; k++) {
      let re = 0;
      let im = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * j * k) / n;
        re += input[2 * j] * Math.cos(a) - input[2 * j + 1] * Math.sin(a);
        im += input[2 * j] * Math.sin(a) + input[2 * j + 1] * Math.cos(a);
      }
      expect(out[2 * k]).toBeCloseTo(re, 9);
      expect(out[2 * k + 1]).toBeCloseTo(im, 9);
    }
  });

  it('refuses a length that is not a whole number of at least 1', () => {
    expect(() => new ComplexDft(0)).toThrow(/at least 1, not 0/);
    expect(() => new ComplexDft(2.5)).toThrow(/whole length/);
  });
});

describe('powerSpectrum', () => {
  it.each([
    [8, 8],
    [7, 12],
    [28, 28],
  ])('equals the naive DFT of a random %i×%i image, centred like fftshift', (h, w) => {
    const image = randomImage(h, w, h * 100 + w);
    const expected = shift(naivePower(image, h, w), h, w);
    const got = powerSpectrum(image, h, w);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 6);
  });

  it("keeps Parseval's theorem: Σ|F|² = h·w·Σ x²", () => {
    for (const [h, w] of [[16, 16], [28, 28], [9, 20]]) {
      const image = randomImage(h, w, 7);
      const energy = image.reduce((s, x) => s + x * x, 0);
      const total = powerSpectrum(image, h, w).reduce((s, p) => s + p, 0);
      expect(total / (h * w * energy)).toBeCloseTo(1, 9);
    }
  });

  it('puts all of a constant image\'s power at the centre (the zero frequency)', () => {
    const [h, w] = [28, 28];
    const power = powerSpectrum(new Float32Array(h * w).fill(-0.5), h, w);
    const centre = 14 * w + 14;
    expect(power[centre]).toBeCloseTo((0.5 * h * w) ** 2, 6);
    for (let i = 0; i < power.length; i++) if (i !== centre) expect(power[i]).toBeLessThan(1e-12);
  });

  it('shows a pure cosine as two peaks, at ± its frequency from the centre', () => {
    const [h, w] = [28, 32];
    const [fy, fx] = [3, 5]; // cycles across the image, down and across
    const image = new Float32Array(h * w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) image[y * w + x] = Math.cos(2 * Math.PI * ((fy * y) / h + (fx * x) / w));
    const power = powerSpectrum(image, h, w);
    const peaks = [...power.keys()].filter((i) => power[i] > 1e-6).map((i) => [Math.floor(i / w) - h / 2, (i % w) - w / 2]);
    expect(peaks).toEqual([
      [-fy, -fx],
      [fy, fx],
    ]);
    // Each peak holds half the energy: (h·w/2)².
    expect(power[(h / 2 + fy) * w + w / 2 + fx] / ((h * w) / 2) ** 2).toBeCloseTo(1, 6);
  });

  it('puts a pixel checkerboard\'s power at the corner (the highest frequency both ways), and a checkerboard of 2×2 blocks on the half-way diagonals', () => {
    const [h, w] = [28, 28];
    const board = (cell: number) => Float32Array.from({ length: h * w }, (_, i) => ((Math.floor(Math.floor(i / w) / cell) + Math.floor((i % w) / cell)) % 2 === 0 ? 1 : -1));
    // (−1)^(x+y) is one wave at the Nyquist frequency both ways: after centring, the top-left corner.
    const fine = powerSpectrum(board(1), h, w);
    expect(fine[0]).toBeCloseTo((h * w) ** 2, 3);
    for (let i = 1; i < fine.length; i++) expect(fine[i]).toBeLessThan(1e-6);
    // Blocks of 2 repeat every 4 pixels: their power sits at ±7 cycles (28 / 4) both ways and at odd harmonics, none at the centre.
    const coarse = powerSpectrum(board(2), h, w);
    const at = (fy: number, fx: number) => coarse[(h / 2 + fy) * w + w / 2 + fx];
    const strongest = Math.max(...coarse);
    for (const [fy, fx] of [[7, 7], [7, -7], [-7, 7], [-7, -7]]) expect(at(fy, fx) / strongest).toBeCloseTo(1, 9);
    expect(at(0, 0)).toBeLessThan(1e-6);
    expect(at(0, 7)).toBeLessThan(1e-6);
  });

  it('refuses images of the wrong length or with a non-finite pixel, naming the problem', () => {
    expect(() => powerSpectrum(new Float32Array(10), 3, 3)).toThrow(/need 9 values, but 10/);
    expect(() => powerSpectrum(new Float32Array(9), 0, 9)).toThrow(/height must be a whole number/);
    expect(() => powerSpectrum(Float32Array.of(0, 0, NaN, 0), 2, 2)).toThrow(/Pixel 2 of image 0 is not a finite number/);
  });
});

describe('the mean log spectrum and the radial spectrum', () => {
  it('averages ln(|F|² + floor) over the set', () => {
    const [h, w] = [6, 10];
    const images = new Float32Array(3 * h * w);
    for (let i = 0; i < 3; i++) images.set(randomImage(h, w, 40 + i), i * h * w);
    const mean = meanLogPowerSpectrum(images, 3, h, w);
    const expected = new Float64Array(h * w);
    for (let i = 0; i < 3; i++) {
      const p = shift(naivePower(images.subarray(i * h * w, (i + 1) * h * w), h, w), h, w);
      for (let k = 0; k < p.length; k++) expected[k] += Math.log(p[k] + LOG_POWER_FLOOR) / 3;
    }
    for (let k = 0; k < mean.length; k++) expect(mean[k]).toBeCloseTo(expected[k], 6);
  });

  it('bins each frequency by its whole distance from the centre: 20 bins for 28×28, every frequency counted once', () => {
    const analyser = new SpectrumAnalyser(28, 28);
    expect(analyser.bins).toBe(20); // ⌊√(14² + 14²)⌋ + 1
    expect(analyser.binCounts[0]).toBe(1);
    expect(analyser.binCounts[1]).toBe(8); // distances 1 and √2 (the 3×3 ring)
    expect(analyser.binCounts.reduce((a, b) => a + b, 0)).toBe(28 * 28);
  });

  it('averages a map over each ring', () => {
    const analyser = new SpectrumAnalyser(5, 5);
    // A map whose value is the squared distance from the centre (2, 2).
    const map = Float64Array.from({ length: 25 }, (_, i) => (Math.floor(i / 5) - 2) ** 2 + ((i % 5) - 2) ** 2);
    // Rings: r=0 {0}; 1 ≤ r < 2: four at 1, four at 2 → 1.5; 2 ≤ r < 3: four at 4, eight at 5, four at 8 → 5.5
    expect([...analyser.radialAverage(map)]).toEqual([0, 1.5, 5.5]);
  });

  it("gives each image's radial log spectrum as its feature row; a cosine's ring stands out", () => {
    const [h, w] = [28, 28];
    const images = new Float32Array(2 * h * w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) images[h * w + y * w + x] = Math.cos((2 * Math.PI * 9 * x) / w);
    images.fill(0.25, 0, h * w);
    const { features, bins } = radialSpectra(images, 2, h, w);
    expect(bins).toBe(20);
    expect(features.length).toBe(40);
    const cosine = features.subarray(bins);
    const best = cosine.indexOf(Math.max(...cosine));
    expect(best).toBe(9);
    expect(features[0]).toBeCloseTo(Math.log((0.25 * h * w) ** 2), 4);
    expect(features[1]).toBeCloseTo(Math.log(LOG_POWER_FLOOR), 4);
  });
});
