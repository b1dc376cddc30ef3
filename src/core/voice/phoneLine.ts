/**
 * A telephone line for toy speech, as plain Float32Array functions: what a cloned voice goes
 * through when it is played down a phone, which is where the source texts' voice scams happen.
 *
 *   band       300–3,400 Hz, the narrowband telephone band (ITU-T G.712): two second-order
 *              Butterworth high-pass sections at 300 Hz and two low-pass sections at 3,400 Hz
 *              (Audio EQ Cookbook biquads, Q = 1/√2), so each edge falls 24 dB per octave
 *   companding 8-bit μ-law (ITU-T G.711, μ = 255), the telephone network's own coding: each
 *              sample is compressed, rounded to one of 256 levels and expanded again
 *
 * The signal stays at 16 kHz (above 3.4 kHz there is nothing left to keep). Peaks are scaled to
 * the codec's full range before coding and back after, as a line's level control would.
 */

/** The telephone band's edges, Hz. */
export const PHONE_BAND = { low: 300, high: 3400 } as const;
/** μ of G.711's μ-law. */
export const MU = 255;

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** Second-order Butterworth (Q = 1/√2) low- or high-pass coefficients at `cutoff` Hz, normalised by a0. */
export function butterworthSection(kind: 'low' | 'high', cutoff: number, sampleRate: number): Biquad {
  if (!(cutoff > 0 && cutoff < sampleRate / 2)) throw new RangeError(`A cutoff must lie between 0 and ${sampleRate / 2} Hz, not ${cutoff}.`);
  const w = (2 * Math.PI * cutoff) / sampleRate;
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  const [b0, b1] = kind === 'low' ? [(1 - cos) / 2, 1 - cos] : [(1 + cos) / 2, -(1 + cos)];
  return { b0: b0 / a0, b1: b1 / a0, b2: b0 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

function runSection(x: Float32Array, s: Biquad): Float32Array {
  const y = new Float32Array(x.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let n = 0; n < x.length; n++) {
    const v = s.b0 * x[n] + s.b1 * x1 + s.b2 * x2 - s.a1 * y1 - s.a2 * y2;
    x2 = x1;
    x1 = x[n];
    y2 = y1;
    y1 = v;
    y[n] = v;
  }
  return y;
}

/** The telephone band-pass alone (two high-pass and two low-pass sections). */
export function telephoneBand(samples: Float32Array, sampleRate: number): Float32Array {
  const high = butterworthSection('high', PHONE_BAND.low, sampleRate);
  const low = butterworthSection('low', PHONE_BAND.high, sampleRate);
  return runSection(runSection(runSection(runSection(samples, high), high), low), low);
}

/** One sample in [−1, 1] through 8-bit μ-law: compressed, rounded to 256 levels, expanded. */
export function muLaw(x: number): number {
  const v = Math.max(-1, Math.min(1, x));
  const compressed = (Math.sign(v) * Math.log1p(MU * Math.abs(v))) / Math.log1p(MU);
  const level = Math.round(compressed * 127.5 - 0.5) + 0.5;
  const c = Math.max(-127.5, Math.min(127.5, level)) / 127.5;
  return (Math.sign(c) * Math.expm1(Math.abs(c) * Math.log1p(MU))) / MU;
}

/** A signal as heard down a telephone line: band-limited to 300–3,400 Hz and coded with 8-bit μ-law. */
export function phoneLine(samples: Float32Array, sampleRate: number): Float32Array {
  if (samples.length === 0) throw new Error('There is no sound to send down the line.');
  const band = telephoneBand(samples, sampleRate);
  let peak = 0;
  for (const v of band) peak = Math.max(peak, Math.abs(v));
  if (!(peak > 0) || !Number.isFinite(peak)) return band;
  const out = new Float32Array(band.length);
  for (let n = 0; n < band.length; n++) out[n] = muLaw(band[n] / peak) * peak;
  return out;
}
