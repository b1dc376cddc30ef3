/**
 * Colours that tell things apart stay apart for the common colour-vision deficiencies.
 *
 * Simulation: Machado, Oliveira & Fernandes, "A Physiologically-based Model for Simulation of
 * Color Vision Deficiency", IEEE TVCG 15(6), 2009, https://doi.org/10.1109/TVCG.2009.113 —
 * the severity-1.0 matrices for protanopia, deuteranopia and tritanopia from the authors' page
 * (https://www.inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/CVD_Simulation.html), applied to
 * linear RGB (sRGB decoded, multiplied, clamped, re-encoded).
 *
 * Distance: CIE76 ΔE (Euclidean in CIELAB, D65). The bar is ΔE76 ≥ 20. About 2.3 is a just
 * noticeable difference for large patches side by side; the colours here mark thin lines and
 * 3 px dots that must be told apart at a glance across a lecture hall, so the bar asks for
 * nearly ten JNDs: a gap that stays plain for small marks, for a projector's washed-out colours
 * and for the milder anomalous trichromacies (which the severity-1.0 dichromat simulation bounds).
 * It is strict enough to matter: Okabe–Ito's bluish green against its reddish purple (ΔE76 17.9
 * for deuteranopes) failed it, and loose enough that the palettes keep their look.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DISTANCE_COLORS, GAN_COLORS, SWAP_SIDE_COLORS } from '../../../src/labs/shared/palettes';
import { PLOT_COLORS, verdictRgb } from '../../../src/labs/adversarial/views/verdictColors';

type Rgb = readonly [number, number, number];
type Matrix = readonly [Rgb, Rgb, Rgb];

const MIN_DELTA_E = 20;

const MACHADO_SEVERITY_1: Record<string, Matrix> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toSrgb = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const clamp01 = (c: number) => Math.min(1, Math.max(0, c));

function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** sRGB 0–255 in, sRGB 0–255 out, as seen with the deficiency. */
function simulate(rgb: Rgb, matrix: Matrix): Rgb {
  const lin = rgb.map((c) => toLinear(c / 255));
  const out = matrix.map((row) => clamp01(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]));
  return [toSrgb(out[0]) * 255, toSrgb(out[1]) * 255, toSrgb(out[2]) * 255];
}

function lab(rgb: Rgb): Rgb {
  const [r, g, b] = rgb.map((c) => toLinear(c / 255));
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function deltaE76(a: Rgb, b: Rgb): number {
  const [l1, a1, b1] = lab(a);
  const [l2, a2, b2] = lab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/**
 * The pairs that must be told apart, where they meet on screen. The 2D plot's drawn points are
 * left out: they are shown alone on white while drawing, never beside real or generated points.
 */
const PAIRS: [string, Rgb, Rgb][] = [
  ['GAN curves: discriminator vs generator', parseHex(GAN_COLORS.d), parseHex(GAN_COLORS.g)],
  ['GAN curves: D(real) vs D(fake)', parseHex(GAN_COLORS.real), parseHex(GAN_COLORS.fake)],
  ['2D plot: real vs generated points', parseHex(PLOT_COLORS.real), parseHex(PLOT_COLORS.fake)],
  ['2D plot: verdict "fake" end vs "real" end', verdictRgb(0), verdictRgb(1)],
  ['2D plot: verdict "fake" end vs undecided middle', verdictRgb(0), verdictRgb(0.5)],
  ['2D plot: verdict "real" end vs undecided middle', verdictRgb(1), verdictRgb(0.5)],
  ['Face swap: side A vs side B', parseHex(SWAP_SIDE_COLORS.a), parseHex(SWAP_SIDE_COLORS.b)],
];

describe('colour-vision safety of the palettes', () => {
  it('every pair stays ΔE76 ≥ 20 apart with normal vision and each simulated dichromacy', () => {
    const failures: string[] = [];
    for (const [name, a, b] of PAIRS) {
      const seen: [string, number][] = [['normal', deltaE76(a, b)]];
      for (const [kind, m] of Object.entries(MACHADO_SEVERITY_1)) seen.push([kind, deltaE76(simulate(a, m), simulate(b, m))]);
      const [worstKind, worst] = seen.reduce((w, s) => (s[1] < w[1] ? s : w));
      if (process.env.COLOUR_REPORT) console.log(`${name}: worst ΔE76 ${worst.toFixed(1)} (${worstKind})`);
      if (worst < MIN_DELTA_E) failures.push(`${name}: ΔE76 ${worst.toFixed(1)} under ${worstKind}`);
    }
    expect(failures).toEqual([]);
  });

  it('the single-series chart colours are valid and distinct from each other', () => {
    const colours = Object.values(DISTANCE_COLORS).map(parseHex);
    for (let i = 0; i < colours.length; i++) for (let j = i + 1; j < colours.length; j++) expect(deltaE76(colours[i], colours[j])).toBeGreaterThan(MIN_DELTA_E);
  });

  it('faceswap.css paints the same A and B as the charts', () => {
    const css = readFileSync(new URL('../../../src/labs/faceswap/faceswap.css', import.meta.url), 'utf8');
    expect(css).toMatch(new RegExp(`--side-a:\\s*${SWAP_SIDE_COLORS.a}`, 'i'));
    expect(css).toMatch(new RegExp(`--side-b:\\s*${SWAP_SIDE_COLORS.b}`, 'i'));
  });

  it('the simulation matches known values: white stays white, pure red loses its hue for protanopes', () => {
    for (const m of Object.values(MACHADO_SEVERITY_1)) expect(deltaE76(simulate([255, 255, 255], m), [255, 255, 255])).toBeLessThan(1);
    expect(deltaE76(simulate([255, 0, 0], MACHADO_SEVERITY_1.protanopia), [255, 0, 0])).toBeGreaterThan(40);
  });
});
