/**
 * Householder QR with R's limited column pivoting: LINPACK `dqrdc2` as modified for R (src/appl/dqrdc2.f), plus the
 * pieces of `dqrsl` that least squares needs. Columns whose norm falls below `tol` times their original norm are moved
 * to the end and count as aliased, which is how R's `lm`/`glm` decide the rank of a design.
 *
 * Matrices are column-major `Float64Array`s: element (i, j) of an n×p matrix is `a[i + j * n]`.
 */

export interface QrDecomposition {
  /** Compact QR as LINPACK stores it: R on and above the diagonal, Householder vectors below. */
  qr: Float64Array;
  qraux: Float64Array;
  n: number;
  p: number;
  rank: number;
  /** pivot[j] = original index of the j-th column after pivoting (0-based). */
  pivot: Int32Array;
}

function columnNorm(a: Float64Array, n: number, column: number, fromRow: number): number {
  // Scaled sum of squares like BLAS dnrm2, so that huge or tiny columns neither overflow nor underflow.
  let scale = 0;
  let sumSquares = 1;
  for (let i = fromRow; i < n; i++) {
    const value = a[i + column * n];
    if (value !== 0) {
      const absolute = Math.abs(value);
      if (scale < absolute) {
        sumSquares = 1 + sumSquares * (scale / absolute) * (scale / absolute);
        scale = absolute;
      } else {
        sumSquares += (absolute / scale) * (absolute / scale);
      }
    }
  }
  return scale * Math.sqrt(sumSquares);
}

/** QR decomposition of the n×p matrix `x` (not modified), R dqrdc2 with tolerance `tol`. */
export function qrDecompose(x: Float64Array, n: number, p: number, tol: number): QrDecomposition {
  const a = Float64Array.from(x);
  const qraux = new Float64Array(p);
  const originalNorm = new Float64Array(p);
  const currentNorm = new Float64Array(p);
  const pivot = new Int32Array(p);
  for (let j = 0; j < p; j++) {
    pivot[j] = j;
    qraux[j] = columnNorm(a, n, j, 0);
    currentNorm[j] = qraux[j];
    originalNorm[j] = qraux[j] === 0 ? 1 : qraux[j];
  }
  const steps = Math.min(n, p);
  let k = p + 1; // 1-based as in the Fortran: columns k..p are the aliased ones
  for (let l = 0; l < steps; l++) {
    // Cycle negligible columns to the end (l + 1 < k guards against cycling forever).
    while (l + 1 < k && qraux[l] < originalNorm[l] * tol) {
      for (let i = 0; i < n; i++) {
        const moved = a[i + l * n];
        for (let j = l + 1; j < p; j++) {
          a[i + (j - 1) * n] = a[i + j * n];
        }
        a[i + (p - 1) * n] = moved;
      }
      const movedPivot = pivot[l];
      const movedQraux = qraux[l];
      const movedCurrent = currentNorm[l];
      const movedOriginal = originalNorm[l];
      for (let j = l + 1; j < p; j++) {
        pivot[j - 1] = pivot[j];
        qraux[j - 1] = qraux[j];
        currentNorm[j - 1] = currentNorm[j];
        originalNorm[j - 1] = originalNorm[j];
      }
      pivot[p - 1] = movedPivot;
      qraux[p - 1] = movedQraux;
      currentNorm[p - 1] = movedCurrent;
      originalNorm[p - 1] = movedOriginal;
      k -= 1;
    }
    if (l === n - 1) {
      break;
    }
    let norm = columnNorm(a, n, l, l);
    if (norm === 0) {
      continue;
    }
    const diagonal = l + l * n;
    if (a[diagonal] !== 0) {
      norm = Math.sign(a[diagonal]) * Math.abs(norm);
    }
    for (let i = l; i < n; i++) {
      a[i + l * n] /= norm;
    }
    a[diagonal] += 1;
    for (let j = l + 1; j < p; j++) {
      let dot = 0;
      for (let i = l; i < n; i++) {
        dot += a[i + l * n] * a[i + j * n];
      }
      const t = -dot / a[diagonal];
      for (let i = l; i < n; i++) {
        a[i + j * n] += t * a[i + l * n];
      }
      if (qraux[j] !== 0) {
        const ratio = Math.abs(a[l + j * n]) / qraux[j];
        const remaining = Math.max(1 - ratio * ratio, 0);
        if (Math.abs(remaining) < 1e-6) {
          // Too much cancellation in the downdate: recompute the norm (Bates' 1999 fix in dqrdc2).
          qraux[j] = columnNorm(a, n, j, l + 1);
          currentNorm[j] = qraux[j];
        } else {
          qraux[j] *= Math.sqrt(remaining);
        }
      }
    }
    qraux[l] = a[diagonal];
    a[diagonal] = -norm;
  }
  return { qr: a, qraux, n, p, rank: Math.min(k - 1, n), pivot };
}

/** Qᵀy for the first `rank` Householder reflections (LINPACK dqrsl, job 1000). */
export function qrQty(decomposition: QrDecomposition, y: ArrayLike<number>): Float64Array {
  const { qr, qraux, n, rank } = decomposition;
  const result = Float64Array.from(y);
  const reflections = Math.min(rank, n - 1);
  for (let j = 0; j < reflections; j++) {
    if (qraux[j] === 0) {
      continue;
    }
    // The Householder vector has qraux[j] on the diagonal; R's diagonal is stored there instead.
    let dot = qraux[j] * result[j];
    for (let i = j + 1; i < n; i++) {
      dot += qr[i + j * n] * result[i];
    }
    const t = -dot / qraux[j];
    result[j] += t * qraux[j];
    for (let i = j + 1; i < n; i++) {
      result[i] += t * qr[i + j * n];
    }
  }
  return result;
}

/**
 * Least-squares coefficients of y on x in the original column order; aliased columns get 0, as R's dqrls leaves
 * them (glm.fit then predicts with them as zero).
 */
export function qrCoefficients(decomposition: QrDecomposition, y: ArrayLike<number>): Float64Array {
  const { qr, n, p, rank, pivot } = decomposition;
  const qty = qrQty(decomposition, y);
  const pivoted = new Float64Array(p);
  for (let j = rank - 1; j >= 0; j--) {
    let sum = qty[j];
    for (let m = j + 1; m < rank; m++) {
      sum -= qr[j + m * n] * pivoted[m];
    }
    pivoted[j] = sum / qr[j + j * n];
  }
  const coefficients = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    coefficients[pivot[j]] = pivoted[j];
  }
  return coefficients;
}

/**
 * ‖R⁻ᵀ x_piv‖² for a row `x` in the original column order: x'(X'X)⁻¹x over the estimable columns. With a weighted
 * design it gives the unscaled variance of a prediction (R predict.lm) or, for a weighted row of the design itself,
 * its hat value (R lm.influence).
 */
export function qrQuadraticForm(decomposition: QrDecomposition, x: ArrayLike<number>): number {
  const { qr, n, rank, pivot } = decomposition;
  const v = new Float64Array(rank);
  let sum = 0;
  for (let j = 0; j < rank; j++) {
    let value = x[pivot[j]];
    for (let m = 0; m < j; m++) {
      value -= qr[m + j * n] * v[m];
    }
    v[j] = value / qr[j + j * n];
    sum += v[j] * v[j];
  }
  return sum;
}
