/**
 * Mode coverage of a 2D mixture, as defined by VEEGAN (Srivastava et al., 2017)
 * and reused by PacGAN: a sample is "high quality" when it lies within 3σ of
 * its nearest mode; a mode is "covered" when at least one high-quality sample
 * has it as nearest mode. Mode collapse shows up as few covered modes.
 */

/** How many generated samples the lab measures coverage on (as in the PacGAN 2D experiments). */
export const COVERAGE_SAMPLE_COUNT = 2500;

export interface ModeCoverage {
  modesCovered: number;
  modeCount: number;
  /** Fraction of samples within 3σ of their nearest mode, in [0, 1]. */
  highQualityFraction: number;
  /** High-quality sample count per mode. */
  perModeHighQuality: Int32Array;
}

/**
 * @param samples interleaved x, y
 * @param centers mode centres, interleaved x, y
 * @param sigma standard deviation of each mode
 */
export function measureModeCoverage(samples: Float32Array, centers: Float32Array, sigma: number): ModeCoverage {
  if (samples.length % 2 !== 0) throw new Error(`samples must hold x, y pairs, but has an odd length (${samples.length})`);
  if (centers.length < 2 || centers.length % 2 !== 0) throw new Error(`centers must hold at least one x, y pair (got ${centers.length} values)`);
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new Error(`sigma must be a positive number (got ${sigma})`);
  const modeCount = centers.length / 2;
  const sampleCount = samples.length / 2;
  const perModeHighQuality = new Int32Array(modeCount);
  // Compare squared distances: no square root per sample and mode.
  const limitSq = (3 * sigma) ** 2;
  let highQuality = 0;
  for (let i = 0; i < sampleCount; i++) {
    const x = samples[2 * i];
    const y = samples[2 * i + 1];
    let best = -1;
    let bestSq = Infinity;
    for (let m = 0; m < modeCount; m++) {
      const dx = x - centers[2 * m];
      const dy = y - centers[2 * m + 1];
      const d = dx * dx + dy * dy;
      if (d < bestSq) {
        bestSq = d;
        best = m;
      }
    }
    // NaN samples (a diverged generator) never count: NaN <= limit is false.
    if (best >= 0 && bestSq <= limitSq) {
      highQuality++;
      perModeHighQuality[best]++;
    }
  }
  let modesCovered = 0;
  for (let m = 0; m < modeCount; m++) if (perModeHighQuality[m] > 0) modesCovered++;
  return {
    modesCovered,
    modeCount,
    highQualityFraction: sampleCount === 0 ? 0 : highQuality / sampleCount,
    perModeHighQuality,
  };
}
