/**
 * Walking between two noise vectors. A straight line between two Gaussian samples
 * cuts through the low-norm middle of the space, where the generator has rarely been
 * trained, so the midpoint looks washed out; spherical interpolation (slerp) keeps
 * to the shell where samples live. Framework-free: plain typed arrays.
 */

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`cannot interpolate vectors of lengths ${a.length} and ${b.length}`);
}

/** Linear interpolation (1 − t)·a + t·b, for comparison. */
export function lerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  checkLengths(a, b);
  return Float32Array.from({ length: a.length }, (_, i) => (1 - t) * a[i] + t * b[i]);
}

/** Below this angle (radians) two directions count as parallel. */
const PARALLEL = 1e-6;

/**
 * Spherical interpolation: the direction turns at constant speed along the great
 * circle from a to b while the length goes linearly from |a| to |b|. Endpoints are
 * exact; equal-length ends keep that length all the way. Parallel ends reduce to a
 * straight line; opposite ends (no unique great circle) turn through a fixed
 * perpendicular direction; a zero end reduces to a straight line.
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float32Array {
  checkLengths(a, b);
  if (t === 0) return Float32Array.from(a);
  if (t === 1) return Float32Array.from(b);
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return lerp(a, b, t);
  const n = a.length;
  let dot = 0;
  for (let i = 0; i < n; i++) dot += (a[i] / na) * (b[i] / nb);
  const omega = Math.acos(Math.min(1, Math.max(-1, dot)));
  if (omega < PARALLEL) return lerp(a, b, t);
  const length = (1 - t) * na + t * nb;
  const out = new Float32Array(n);
  if (Math.PI - omega < PARALLEL) {
    // Opposite directions: any perpendicular works; take a's with the smallest-magnitude axis removed, for determinism.
    let axis = 0;
    for (let i = 1; i < n; i++) if (Math.abs(a[i]) < Math.abs(a[axis])) axis = i;
    const perp = Array.from({ length: n }, (_, i) => (i === axis ? 1 : 0) - (a[axis] / na) * (a[i] / na));
    const np = norm(perp);
    if (np === 0) return lerp(a, b, t); // one-dimensional: there is no way round
    const c = Math.cos(Math.PI * t);
    const s = Math.sin(Math.PI * t);
    for (let i = 0; i < n; i++) out[i] = length * (c * (a[i] / na) + s * (perp[i] / np));
    return out;
  }
  const wa = Math.sin((1 - t) * omega) / Math.sin(omega);
  const wb = Math.sin(t * omega) / Math.sin(omega);
  for (let i = 0; i < n; i++) out[i] = length * (wa * (a[i] / na) + wb * (b[i] / nb));
  return out;
}

/** `steps` evenly spaced points from a to b inclusive, as rows of one array (steps × length). */
export function slerpPath(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array {
  if (!Number.isInteger(steps) || steps < 2) throw new Error('a path needs at least 2 steps');
  const out = new Float32Array(steps * a.length);
  for (let k = 0; k < steps; k++) out.set(slerp(a, b, k / (steps - 1)), k * a.length);
  return out;
}
