/**
 * Principal component analysis of the encoder's codes, for the lab's "code
 * space" scatter: each picture's code projected onto the two directions along
 * which the codes of both identities vary most. With a shared encoder, A's and
 * B's codes should fill one cloud (expression and pose set the code, not who it is).
 *
 * The eigenproblem is solved on the smaller of the two Gram matrices: the
 * d×d scatter XᵀX of the centred codes when there are more pictures than code
 * numbers, else the n×n matrix XXᵀ (same non-zero eigenvalues), so a 256-number
 * code of a few dozen pictures stays cheap.
 */
import { symmetricEigen } from '../shared/symmetricEigen';

/** Codes of A's and B's evaluation pictures projected onto their first two principal components. */
export interface CodeProjection {
  /** n·2 values: (pc1, pc2) per picture. */
  points: Float32Array;
  /** Per picture: 0 = A, 1 = B. */
  sides: Uint8Array;
  /** Share of the codes' variance along each of the two axes. */
  explained: [number, number];
}

/** `codes` holds n·latentSize values (one code per picture, row-major); `sides` one 0 (A) or 1 (B) per picture. */
export function projectCodes(codes: Float32Array, latentSize: number, sides: Uint8Array): CodeProjection {
  if (!Number.isInteger(latentSize) || latentSize < 1) throw new RangeError(`The code size must be a whole number of at least 1, got ${latentSize}.`);
  const n = codes.length / latentSize;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${codes.length} code values do not make whole codes of ${latentSize} numbers.`);
  if (sides.length !== n) throw new RangeError(`There are ${n} codes but ${sides.length} side labels.`);
  if (sides.some((s) => s !== 0 && s !== 1)) throw new RangeError('Every side label must be 0 (A) or 1 (B).');
  if (codes.some((v) => !Number.isFinite(v))) throw new RangeError('The codes contain a value that is not a finite number.');

  const d = latentSize;
  const x = centred(codes, n, d);
  let total = 0;
  for (const v of x) total += v * v;
  // Centring identical float32 codes in float64 leaves rounding dust, not variance.
  let raw = 0;
  for (const v of codes) raw += v * v;
  const floor = 1e-20 * raw;
  if (total <= floor) total = 0;

  const axes = principalAxes(x, n, d, Math.min(2, d), total === 0 ? Infinity : floor);
  const points = new Float32Array(n * 2);
  const explained: [number, number] = [0, 0];
  axes.forEach(({ loading, variance }, k) => {
    explained[k] = total > 0 ? variance / total : 0;
    for (let i = 0; i < n; i++) {
      let score = 0;
      for (let j = 0; j < d; j++) score += x[i * d + j] * loading[j];
      points[i * 2 + k] = score;
    }
  });
  return { points, sides: Uint8Array.from(sides), explained };
}

function centred(codes: Float32Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += codes[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = codes[i * d + j] - mean[j];
  return x;
}

interface Axis {
  /** Unit vector in code space (d values). */
  loading: Float64Array;
  /** Sum of squared scores along it (the scatter's eigenvalue). */
  variance: number;
}

/**
 * The top `count` principal axes of the centred n×d data, signed so each one's largest-magnitude loading
 * is positive; an axis whose variance is at most `floor` is all zeros.
 */
function principalAxes(x: Float64Array, n: number, d: number, count: number, floor: number): Axis[] {
  const useCodes = d <= n;
  const m = useCodes ? d : n;
  const gram = new Float64Array(m * m);
  for (let p = 0; p < m; p++) {
    for (let q = p; q < m; q++) {
      let sum = 0;
      if (useCodes) for (let i = 0; i < n; i++) sum += x[i * d + p] * x[i * d + q];
      else for (let j = 0; j < d; j++) sum += x[p * d + j] * x[q * d + j];
      gram[p * m + q] = gram[q * m + p] = sum;
    }
  }
  const { values, vectors } = symmetricEigen(gram, m);
  const axes: Axis[] = [];
  for (let k = 0; k < count; k++) {
    const col = m - 1 - k; // eigenvalues come ascending
    const variance = Math.max(0, values[col]);
    const loading = new Float64Array(d);
    if (useCodes) {
      for (let j = 0; j < d; j++) loading[j] = vectors[j * m + col];
    } else {
      // An eigenvector u of XXᵀ maps to the axis Xᵀu / ‖Xᵀu‖ of XᵀX.
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) loading[j] += x[i * d + j] * vectors[i * m + col];
    }
    const norm = Math.hypot(...loading);
    // A direction with no variance (identical codes, or fewer pictures than axes) projects everything to 0.
    if (variance <= floor || norm === 0) {
      axes.push({ loading: new Float64Array(d), variance: 0 });
      continue;
    }
    // Equal magnitudes (up to rounding) go to the first: the sign must not flip between frames on noise.
    const largest = Math.max(...loading.map(Math.abs));
    const biggest = loading.findIndex((v) => Math.abs(v) >= largest * (1 - 1e-9));
    const sign = loading[biggest] < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) loading[j] *= sign / norm;
    axes.push({ loading, variance });
  }
  return axes;
}
