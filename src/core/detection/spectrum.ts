/**
 * Frequency spectra of images, the evidence of the spectrum detector: GAN generators
 * that upsample (transposed convolutions, or nearest-neighbour upscaling then a
 * convolution) leave traces in the high frequencies that real pictures lack
 * (Durall et al. 2020, "Watch your up-convolution").
 *
 * Plain TypeScript on fft.js, so it runs on every TF.js backend (TF.js's wasm backend
 * has no FFT kernel) and in the worker alike. fft.js transforms power-of-two lengths;
 * other lengths (a 28×28 digit) use Bluestein's algorithm on top of it, so every size
 * gets its exact discrete Fourier transform, with no padding.
 *
 * Images are row-major, one value per pixel, in any range (the labs use [-1, 1],
 * paper −1 and ink +1; a [0, 1] image has the same spectrum but for the zero frequency
 * and a factor of 4 in power, which a standardised detector does not notice).
 */
import FFT from 'fft.js';

/** Added to the power before its logarithm, so a frequency with no power at all stays finite. */
export const LOG_POWER_FLOOR = 1e-10;

const isPowerOfTwo = (n: number) => n >= 2 && (n & (n - 1)) === 0;

function nextPowerOfTwo(n: number): number {
  let m = 2;
  while (m < n) m *= 2;
  return m;
}

/**
 * The forward DFT of one length, X[k] = Σ x[j]·e^(−2πi·jk/n), on interleaved complex arrays
 * (re, im, re, im, …). Power-of-two lengths go straight to fft.js; other lengths use
 * Bluestein's chirp-z identity jk = (j² + k² − (k − j)²)/2, which turns the DFT into a
 * convolution computed with power-of-two FFTs.
 */
export class ComplexDft {
  private readonly fft: FFT | null;
  /** Bluestein only: the chirp e^(−πi·k²/n) and the FFT of its conjugate, wrapped for a circular convolution. */
  private readonly chirp: Float64Array | null = null;
  private readonly chirpSpectrum: Float64Array | null = null;
  private readonly work: Float64Array | null = null;
  private readonly workOut: Float64Array | null = null;

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`A Fourier transform needs a whole length of at least 1, not ${n}.`);
    if (n === 1) {
      this.fft = null;
      return;
    }
    if (isPowerOfTwo(n)) {
      this.fft = new FFT(n);
      return;
    }
    const m = nextPowerOfTwo(2 * n - 1);
    this.fft = new FFT(m);
    this.chirp = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      // k² mod 2n keeps the angle small, so it stays exact for large k.
      const angle = (Math.PI * ((k * k) % (2 * n))) / n;
      this.chirp[2 * k] = Math.cos(angle);
      this.chirp[2 * k + 1] = -Math.sin(angle);
    }
    const b = new Float64Array(2 * m);
    for (let k = 0; k < n; k++) {
      for (const at of k === 0 ? [0] : [k, m - k]) {
        b[2 * at] = this.chirp[2 * k];
        b[2 * at + 1] = -this.chirp[2 * k + 1];
      }
    }
    this.chirpSpectrum = new Float64Array(2 * m);
    this.fft.transform(this.chirpSpectrum, b);
    this.work = new Float64Array(2 * m);
    this.workOut = new Float64Array(2 * m);
  }

  /** Writes the DFT of `input` (2n numbers, interleaved) into `out` (2n numbers); they must differ. */
  transform(out: Float64Array, input: Float64Array): void {
    const n = this.n;
    if (n === 1) {
      out[0] = input[0];
      out[1] = input[1];
      return;
    }
    if (!this.chirp) {
      this.fft!.transform(out, input);
      return;
    }
    const chirp = this.chirp;
    const work = this.work!;
    const workOut = this.workOut!;
    const spectrum = this.chirpSpectrum!;
    work.fill(0);
    for (let k = 0; k < n; k++) {
      const re = input[2 * k];
      const im = input[2 * k + 1];
      work[2 * k] = re * chirp[2 * k] - im * chirp[2 * k + 1];
      work[2 * k + 1] = re * chirp[2 * k + 1] + im * chirp[2 * k];
    }
    this.fft!.transform(workOut, work);
    for (let k = 0; k < workOut.length; k += 2) {
      const re = workOut[k];
      const im = workOut[k + 1];
      workOut[k] = re * spectrum[k] - im * spectrum[k + 1];
      workOut[k + 1] = re * spectrum[k + 1] + im * spectrum[k];
    }
    this.fft!.inverseTransform(work, workOut);
    for (let k = 0; k < n; k++) {
      const re = work[2 * k];
      const im = work[2 * k + 1];
      out[2 * k] = re * chirp[2 * k] - im * chirp[2 * k + 1];
      out[2 * k + 1] = re * chirp[2 * k + 1] + im * chirp[2 * k];
    }
  }
}

function checkSize(height: number, width: number): void {
  for (const [name, v] of [['height', height], ['width', width]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`An image's ${name} must be a whole number of pixels, at least 1, not ${v}.`);
  }
}

function checkImages(images: ArrayLike<number>, count: number, height: number, width: number): void {
  checkSize(height, width);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Give at least one image, not ${count}.`);
  if (images.length !== count * height * width) {
    throw new RangeError(`${count} images of ${height}×${width} need ${count * height * width} values, but ${images.length} were given.`);
  }
  for (let i = 0; i < images.length; i++) {
    if (!Number.isFinite(images[i])) throw new RangeError(`Pixel ${i % (height * width)} of image ${Math.floor(i / (height * width))} is not a finite number (${images[i]}).`);
  }
}

/**
 * Spectra of images of one size, reusing the transforms' tables and buffers between images
 * (each spectrum returned is a fresh array). The zero frequency sits at the centre,
 * row ⌊height/2⌋ and column ⌊width/2⌋ (numpy's fftshift), so low frequencies are in the
 * middle and the highest at the edges and corners.
 */
export class SpectrumAnalyser {
  private readonly rows: ComplexDft;
  private readonly cols: ComplexDft;
  private readonly grid: Float64Array;
  private readonly lineIn: Float64Array;
  private readonly lineOut: Float64Array;
  /** Which radial bin each (centred) frequency falls in: ⌊distance from the centre⌋. */
  readonly binOf: Int32Array;
  /** How many frequencies fall in each radial bin. */
  readonly binCounts: Int32Array;

  constructor(
    readonly height: number,
    readonly width: number,
  ) {
    checkSize(height, width);
    this.rows = new ComplexDft(width);
    this.cols = new ComplexDft(height);
    this.grid = new Float64Array(2 * height * width);
    const longest = Math.max(height, width);
    this.lineIn = new Float64Array(2 * longest);
    this.lineOut = new Float64Array(2 * longest);
    const cy = Math.floor(height / 2);
    const cx = Math.floor(width / 2);
    this.binOf = new Int32Array(height * width);
    let bins = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bin = Math.floor(Math.hypot(y - cy, x - cx));
        this.binOf[y * width + x] = bin;
        bins = Math.max(bins, bin + 1);
      }
    }
    this.binCounts = new Int32Array(bins);
    for (const b of this.binOf) this.binCounts[b]++;
  }

  /** Number of radial bins (distances 0, 1, … from the zero frequency, to the corners). */
  get bins(): number {
    return this.binCounts.length;
  }

  /**
   * The 2D DFT, rows then columns, unshifted (zero frequency at [0, 0]), as interleaved complex
   * values, row-major. The array is reused by the next call: copy what you keep.
   */
  transform(images: ArrayLike<number>, index = 0): Float64Array {
    const { height: h, width: w, grid, lineIn, lineOut } = this;
    const start = index * h * w;
    if (!Number.isInteger(index) || index < 0 || start + h * w > images.length) {
      throw new RangeError(`There is no image ${index} of ${h}×${w} in ${images.length} values.`);
    }
    for (let y = 0; y < h; y++) {
      lineIn.fill(0, 0, 2 * w);
      for (let x = 0; x < w; x++) lineIn[2 * x] = images[start + y * w + x];
      this.rows.transform(lineOut, lineIn);
      grid.set(lineOut.subarray(0, 2 * w), 2 * y * w);
    }
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) {
        lineIn[2 * y] = grid[2 * (y * w + x)];
        lineIn[2 * y + 1] = grid[2 * (y * w + x) + 1];
      }
      this.cols.transform(lineOut, lineIn);
      for (let y = 0; y < h; y++) {
        grid[2 * (y * w + x)] = lineOut[2 * y];
        grid[2 * (y * w + x) + 1] = lineOut[2 * y + 1];
      }
    }
    return grid;
  }

  /** |F(u, v)|², centred (fftshift): the zero frequency at row ⌊h/2⌋, column ⌊w/2⌋. */
  power(images: ArrayLike<number>, index = 0, out = new Float64Array(this.height * this.width)): Float64Array {
    const { height: h, width: w } = this;
    const grid = this.transform(images, index);
    const cy = Math.floor(h / 2);
    const cx = Math.floor(w / 2);
    for (let u = 0; u < h; u++) {
      const row = ((u + cy) % h) * w;
      for (let v = 0; v < w; v++) {
        const re = grid[2 * (u * w + v)];
        const im = grid[2 * (u * w + v) + 1];
        out[row + ((v + cx) % w)] = re * re + im * im;
      }
    }
    return out;
  }

  /** ln(|F|² + LOG_POWER_FLOOR), centred. */
  logPower(images: ArrayLike<number>, index = 0, out = new Float64Array(this.height * this.width)): Float64Array {
    this.power(images, index, out);
    for (let i = 0; i < out.length; i++) out[i] = Math.log(out[i] + LOG_POWER_FLOOR);
    return out;
  }

  /** The azimuthal average of a centred map (e.g. a log power spectrum): its mean over each ring ⌊r⌋ = b. */
  radialAverage(centred: ArrayLike<number>, out = new Float64Array(this.bins)): Float64Array {
    if (centred.length !== this.height * this.width) {
      throw new RangeError(`A ${this.height}×${this.width} spectrum has ${this.height * this.width} values, not ${centred.length}.`);
    }
    out.fill(0);
    for (let i = 0; i < centred.length; i++) out[this.binOf[i]] += centred[i];
    for (let b = 0; b < out.length; b++) out[b] /= this.binCounts[b];
    return out;
  }
}

/** |F|² of one image, centred (zero frequency at row ⌊h/2⌋, column ⌊w/2⌋). */
export function powerSpectrum(image: ArrayLike<number>, height: number, width: number): Float64Array {
  checkImages(image, 1, height, width);
  return new SpectrumAnalyser(height, width).power(image);
}

/** The mean over a set of images of their centred log power spectra, ln(|F|² + LOG_POWER_FLOOR). */
export function meanLogPowerSpectrum(images: ArrayLike<number>, count: number, height: number, width: number): Float64Array {
  checkImages(images, count, height, width);
  const analyser = new SpectrumAnalyser(height, width);
  const mean = new Float64Array(height * width);
  const one = new Float64Array(height * width);
  for (let i = 0; i < count; i++) {
    analyser.logPower(images, i, one);
    for (let p = 0; p < mean.length; p++) mean[p] += one[p];
  }
  for (let p = 0; p < mean.length; p++) mean[p] /= count;
  return mean;
}

/**
 * Each image's azimuthally averaged log power spectrum (the spectrum detector's features):
 * `count` rows of `bins` numbers, bin b the mean of ln(|F|² + floor) over the ring ⌊r⌋ = b,
 * from the zero frequency (b = 0) out to the corners. For 28×28 images, 20 numbers each.
 */
export function radialSpectra(images: ArrayLike<number>, count: number, height: number, width: number): { features: Float32Array; bins: number } {
  checkImages(images, count, height, width);
  const analyser = new SpectrumAnalyser(height, width);
  const bins = analyser.bins;
  const features = new Float32Array(count * bins);
  const log = new Float64Array(height * width);
  const ring = new Float64Array(bins);
  for (let i = 0; i < count; i++) {
    analyser.logPower(images, i, log);
    analyser.radialAverage(log, ring);
    features.set(ring, i * bins);
  }
  return { features, bins };
}
