/**
 * Colours of the main plot. The verdict uses ColorBrewer's purple–green
 * diverging scheme (colour-blind safe): purple where D says "fake", green
 * where it says "real", matching the fake and real points drawn on top.
 */
import { interpolatePRGn } from 'd3-scale-chromatic';
import { rgb } from 'd3-color';

export const PLOT_COLORS = {
  // Real a little darker, fake a little redder than before (#00734d, #9e0a6b): the pair stays
  // ΔE76 ≥ 20 apart for deuteranopes too (tests/labs/shared/colourVision.test.ts).
  real: '#006b47',
  // Darker and redder than the PRGn purples, so fakes stay distinct from the "fake" half of the background.
  fake: '#a8107a',
  drawn: '#0b5394',
  /** The averaged generator's points: amber diamonds with a dark edge, told apart from the fakes by shape as well as colour. */
  averaged: '#f2a900',
  averagedEdge: '#3d2a00',
  /** Every mark gets a white halo: it separates dark marks from the dark ends of the verdict scale. */
  halo: '#ffffff',
  arrow: '#111321',
  manifold: 'rgba(30, 16, 52, 0.75)',
  modeCenter: '#111321',
} as const;

/** Background tints are washed towards white so that the points on top stay legible. */
const WASH = 0.42;

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

/** CSS stops for a left-to-right (fake to real) gradient of the verdict scale. */
export function verdictGradientStops(): { offset: number; color: string }[] {
  return Array.from({ length: 11 }, (_, i) => ({ offset: i / 10, color: verdictCss(i / 10) }));
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
