/**
 * Colours of the main plot. The verdict uses ColorBrewer's purple–green
 * diverging scheme (colour-blind safe): purple where D says "fake", green
 * where it says "real", matching the fake and real points drawn on top.
 */
import { interpolatePRGn } from 'd3-scale-chromatic';
import { rgb } from 'd3-color';

export const PLOT_COLORS = {
  real: '#00734d',
  fake: '#b0287a',
  pointOutline: '#ffffff',
  arrow: '#1a1d29',
  manifold: 'rgba(55, 25, 90, 0.55)',
  modeCenter: '#1a1d29',
  drawn: '#0b5394',
} as const;

/** Background tints are washed towards white so that the points on top stay legible. */
const WASH = 0.35;

/** The verdict's position on the colour scale: 0 = fake end, 1 = real end. */
export function verdictPosition(value: number, isProbability: boolean, min: number, max: number): number {
  if (isProbability) return Math.min(1, Math.max(0, value));
  const span = max - min;
  return span > 1e-12 ? (value - min) / span : 0.5;
}

export function verdictRgb(position: number): [number, number, number] {
  const c = rgb(interpolatePRGn(position));
  return [c.r + (255 - c.r) * WASH, c.g + (255 - c.g) * WASH, c.b + (255 - c.b) * WASH];
}

export function verdictCss(position: number): string {
  const [r, g, b] = verdictRgb(position);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

export function valueRange(values: Float32Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? [min, max] : [0, 1];
}
