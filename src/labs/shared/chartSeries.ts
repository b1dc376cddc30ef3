/** Data preparation for the metric charts: downsampling long histories and y-domains. */
/** Any chart point: a training step plus named values. */
export type StepPoint = { step: number };

export const MAX_DRAWN_POINTS = 600;

/** Every k-th point plus the last, so a long history draws as fast as a short one. */
export function downsample<T>(points: readonly T[], max = MAX_DRAWN_POINTS): T[] {
  if (points.length <= max) return [...points];
  const stride = Math.ceil(points.length / max);
  const out: T[] = [];
  for (let i = 0; i < points.length; i += stride) out.push(points[i]);
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}

export function numericValue<P extends StepPoint>(point: P, field: keyof P): number | null {
  const v: unknown = point[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A y-domain that fits every finite value (and the reference lines), padded by 5%. */
export function fitDomain<P extends StepPoint>(
  points: readonly P[],
  fields: (keyof P)[],
  references: number[] = [],
  logScale = false,
): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  const consider = (v: number) => {
    if (logScale && v <= 0) return;
    if (v < min) min = v;
    if (v > max) max = v;
  };
  for (const p of points) for (const f of fields) {
    const v = numericValue(p, f);
    if (v !== null) consider(v);
  }
  references.forEach(consider);
  if (!Number.isFinite(min)) return logScale ? [1e-3, 1] : [0, 1];
  if (logScale) return [min / 1.5, max * 1.5];
  if (min === max) return [min - 0.5, max + 0.5];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** Index of the point whose step is nearest to `step` (points sorted by step). */
export function nearestIndex(points: readonly StepPoint[], step: number): number {
  let lo = 0;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].step < step) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(points[lo - 1].step - step) <= Math.abs(points[lo].step - step)) return lo - 1;
  return lo;
}

export function formatValue(v: number | null): string {
  if (v === null) return '—';
  if (Number.isInteger(v) && Math.abs(v) < 1e5) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return v.toFixed(a < 1 ? 3 : 2);
}
