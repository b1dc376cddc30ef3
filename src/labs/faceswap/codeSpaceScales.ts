/**
 * Axis ranges for the code-space scatter. Both axes get the same units per
 * pixel: principal component 1 carries the most variance, and stretching
 * component 2 to fill the plot would hide how much less it carries.
 */

export interface ScatterDomains {
  x: [number, number];
  y: [number, number];
}

/** Ranges around n (pc1, pc2) points for a width×height plot, with `pad` (a share of the span) to spare on each side. */
export function scatterDomains(points: ArrayLike<number>, width: number, height: number, pad = 0.08): ScatterDomains {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]);
    maxX = Math.max(maxX, points[i]);
    minY = Math.min(minY, points[i + 1]);
    maxY = Math.max(maxY, points[i + 1]);
  }
  if (!Number.isFinite(minX)) return { x: [-1, 1], y: [-1, 1] };
  const perPixel = Math.max((maxX - minX) / width, (maxY - minY) / height) * (1 + 2 * pad);
  // All points in one spot: a unit-sized window around it.
  const units = perPixel > 0 ? perPixel : 2 / Math.min(width, height);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return {
    x: [cx - (units * width) / 2, cx + (units * width) / 2],
    y: [cy - (units * height) / 2, cy + (units * height) / 2],
  };
}

/** "principal component 1 (62% of variance)". */
export function axisLabel(index: 1 | 2, share: number): string {
  const percent = share * 100;
  const shown = percent > 0 && percent < 1 ? '<1' : String(Math.round(percent));
  return `principal component ${index} (${shown}% of variance)`;
}
