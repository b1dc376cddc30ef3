/**
 * How the detection lab paints a spectrum: one colour scale shared by the real and the fake
 * maps (so equal colours mean equal power), a diverging one for their difference, and the
 * map itself as RGBA pixels (canvas-free, so it can be tested).
 */
import { scaleDiverging, scaleSequential } from 'd3-scale';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { color } from 'd3-color';

export interface SpectrumScales {
  /** ln power → colour, over the range of both maps. */
  power: (v: number) => string;
  powerDomain: [number, number];
  /** fake − real → colour, symmetric about 0 (red: the fakes have more power). */
  difference: (v: number) => string;
  differenceLimit: number;
}

export function spectrumScales(real: Float32Array, fake: Float32Array): SpectrumScales {
  let lo = Infinity;
  let hi = -Infinity;
  let limit = 0;
  for (let i = 0; i < real.length; i++) {
    lo = Math.min(lo, real[i], fake[i]);
    hi = Math.max(hi, real[i], fake[i]);
    limit = Math.max(limit, Math.abs(fake[i] - real[i]));
  }
  if (!(hi > lo)) hi = lo + 1;
  limit = Math.max(limit, 1e-3);
  const power = scaleSequential(interpolateViridis).domain([lo, hi]);
  // RdBu runs red → blue; reversed so that more power in the fakes reads red.
  const difference = scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([-limit, 0, limit]);
  return { power: (v) => power(v), powerDomain: [lo, hi], difference: (v) => difference(v), differenceLimit: limit };
}

/** A side×side map as RGBA through `paint`. */
export function mapPixels(values: Float32Array, paint: (v: number) => string): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const c = color(paint(values[i]))?.rgb();
    out[4 * i] = c?.r ?? 0;
    out[4 * i + 1] = c?.g ?? 0;
    out[4 * i + 2] = c?.b ?? 0;
    out[4 * i + 3] = 255;
  }
  return out;
}

/** fake − real, value by value. */
export function differenceOf(real: Float32Array, fake: Float32Array): Float32Array {
  return Float32Array.from(fake, (v, i) => v - real[i]);
}
