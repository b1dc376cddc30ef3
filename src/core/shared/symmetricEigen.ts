/**
 * Eigendecomposition of a real symmetric matrix by the cyclic Jacobi method,
 * and the matrix functions built on it (square root of a positive
 * semi-definite matrix). Jacobi is slower than tridiagonal QR, but short,
 * unconditionally stable and accurate to working precision, which is what the
 * Fréchet distance needs; 128×128 takes tens of milliseconds.
 * Matrices are row-major n×n Float64Arrays.
 */

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** n×n, row-major; column k is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

function checkSquare(a: ArrayLike<number>, n: number): void {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) throw new RangeError(`Expected a ${n}×${n} matrix (${n * n} values), got ${a.length} values.`);
}

/** With `withVectors` false the eigenvectors are not accumulated (`vectors` is then meaningless), which saves about a third of the work. */
export function symmetricEigen(matrix: ArrayLike<number>, n: number, withVectors = true, maxSweeps = 60): SymmetricEigen {
  checkSquare(matrix, n);
  const a = Float64Array.from(matrix);
  // Symmetrise: covariance sums can differ in the last bit between a[i][j] and a[j][i].
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i] = 0.5 * (a[i * n + j] + a[j * n + i]);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i] * a[i * n + i];
      for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        // The rotation that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.1), in its stable form.
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        if (!withVectors) continue;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x * n + x] - a[y * n + y]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from];
  });
  return { values, vectors };
}

/** V · diag(f(λ)) · Vᵀ. */
export function symmetricMatrixFunction(matrix: ArrayLike<number>, n: number, f: (eigenvalue: number) => number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const fv = values.map(f);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += vectors[i * n + k] * fv[k] * vectors[j * n + k];
      out[i * n + j] = out[j * n + i] = sum;
    }
  }
  return out;
}

/**
 * The symmetric square root of a positive semi-definite matrix. Eigenvalues a
 * hair below zero (rounding in a rank-deficient covariance) count as zero.
 */
export function sqrtPsd(matrix: ArrayLike<number>, n: number): Float64Array {
  return symmetricMatrixFunction(matrix, n, (l) => Math.sqrt(Math.max(l, 0)));
}

/** a · b for n×n row-major matrices. */
export function multiplySquare(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  checkSquare(a, n);
  checkSquare(b, n);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}
