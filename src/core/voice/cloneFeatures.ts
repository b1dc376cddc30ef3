/**
 * The clone detector's features: a few statistics of each frequency band of an utterance's
 * log-magnitudes. Plain arithmetic, apart from the detector (cloneDetector.ts) and its TF.js, so
 * the voice lab's page can name the statistics without loading TF.js.
 */

/** Statistics per band, in this order: mean, spread over time, change per frame, spread within the band. */
export const BAND_STATISTICS = ['mean level', 'spread over time', 'change per frame', 'fine structure'] as const;
/** Frames at each end of an utterance left out (its fade in and out). */
const EDGE_FRAMES = 3;

/**
 * The detector's features of one utterance (frame-major log-magnitudes of `bins` bins):
 * `bands` × BAND_STATISTICS.length numbers, band by band.
 */
export function cloneFeatures(logMagnitude: Float32Array, bins: number, bands: number): Float32Array {
  if (!(Number.isInteger(bands) && bands >= 1 && bands <= bins - 1)) throw new RangeError(`Choose 1 to ${bins - 1} bands, not ${bands}.`);
  if (logMagnitude.length === 0 || logMagnitude.length % bins !== 0) throw new RangeError(`${logMagnitude.length} log-magnitudes are not whole frames of ${bins} bins.`);
  const frames = logMagnitude.length / bins;
  const first = frames > 2 * EDGE_FRAMES + 1 ? EDGE_FRAMES : 0;
  const last = frames - first;
  const used = last - first;
  const width = (bins - 1) / bands; // the top (Nyquist) bin is left out
  const stats = BAND_STATISTICS.length;
  const out = new Float32Array(bands * stats);
  for (let b = 0; b < bands; b++) {
    const lo = Math.round(b * width);
    const hi = Math.max(lo + 1, Math.round((b + 1) * width));
    let sum = 0;
    let sq = 0;
    let change = 0;
    let within = 0;
    let previous = NaN;
    for (let t = first; t < last; t++) {
      let m = 0;
      let m2 = 0;
      for (let k = lo; k < hi; k++) {
        const v = logMagnitude[t * bins + k];
        m += v;
        m2 += v * v;
      }
      m /= hi - lo;
      within += Math.sqrt(Math.max(0, m2 / (hi - lo) - m * m));
      sum += m;
      sq += m * m;
      if (!Number.isNaN(previous)) change += Math.abs(m - previous);
      previous = m;
    }
    const mean = sum / used;
    out[b * stats] = mean;
    out[b * stats + 1] = Math.sqrt(Math.max(0, sq / used - mean * mean));
    out[b * stats + 2] = used > 1 ? change / (used - 1) : 0;
    out[b * stats + 3] = within / used;
  }
  return out;
}
