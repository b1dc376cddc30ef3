import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/core/shared/seededRandom';
import { multiplySquare, sqrtPsd, symmetricEigen, symmetricMatrixFunction } from '../../../src/core/shared/symmetricEigen';

/** Bᵀ·B for a random k×n matrix B: symmetric positive semi-definite, of rank min(k, n). */
function randomPsd(n: number, k: number, seed: number): Float64Array {
  const rng = new SeededRandom(seed);
  const b = Float64Array.from({ length: k * n }, () => rng.normal());
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let r = 0; r < k; r++) out[i * n + j] += b[r * n + i] * b[r * n + j];
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('symmetric eigendecomposition (Jacobi)', () => {
  it('solves a 2×2 case by hand: [[2, 1], [1, 2]] has eigenvalues 1 and 3', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    // Eigenvectors (1, −1)/√2 and (1, 1)/√2, up to sign.
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0] * vectors[2]).toBeCloseTo(-0.5, 14);
    expect(vectors[1] * vectors[3]).toBeCloseTo(0.5, 14);
  });

  it('leaves a diagonal matrix alone, sorting its eigenvalues', () => {
    expect(Array.from(symmetricEigen([5, 0, 0, 0, -1, 0, 0, 0, 2], 3).values)).toEqual([-1, 2, 5]);
  });

  it('satisfies A·V = V·Λ with orthonormal V on a random 40×40 matrix', () => {
    const n = 40;
    const a = randomPsd(n, 50, 1);
    const { values, vectors } = symmetricEigen(a, n);
    const av = multiplySquare(a, vectors, n);
    const vl = vectors.map((v, idx) => v * values[idx % n]);
    expect(maxAbsDiff(av, vl) / values[n - 1]).toBeLessThan(1e-12);
    const vtv = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) vtv[i * n + j] += vectors[k * n + i] * vectors[k * n + j];
    expect(maxAbsDiff(vtv, Float64Array.from({ length: n * n }, (_, idx) => (idx % (n + 1) === 0 ? 1 : 0)))).toBeLessThan(1e-12);
    for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    expect(symmetricEigen(a, n, false).values).toEqual(values); // the same rotations, without the vectors
  });

  it('takes square roots that square back to the matrix, also when it is rank-deficient', () => {
    for (const [n, k] of [[30, 60], [30, 10]]) {
      const a = randomPsd(n, k, n + k);
      const root = sqrtPsd(a, n);
      const scale = Math.max(...a.map(Math.abs));
      expect(maxAbsDiff(multiplySquare(root, root, n), a) / scale).toBeLessThan(1e-10);
      expect(maxAbsDiff(root, Float64Array.from({ length: n * n }, (_, idx) => root[(idx % n) * n + Math.floor(idx / n)]))).toBe(0);
    }
  });

  it('applies any function to the eigenvalues (the inverse here)', () => {
    const a = randomPsd(8, 20, 5);
    const inverse = symmetricMatrixFunction(a, 8, (l) => 1 / l);
    const identity = multiplySquare(a, inverse, 8);
    expect(maxAbsDiff(identity, Float64Array.from({ length: 64 }, (_, idx) => (idx % 9 === 0 ? 1 : 0)))).toBeLessThan(1e-9);
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/Expected a 2×2 matrix/);
  });
});
