import { describe, expect, it } from 'vitest';
import { qrCoefficients, qrDecompose, qrQuadraticForm } from './qr.js';

/** Column-major matrix from rows. */
function matrix(rows: number[][]): Float64Array {
  const n = rows.length;
  const p = rows[0].length;
  const a = new Float64Array(n * p);
  rows.forEach((row, i) => {
    row.forEach((value, j) => {
      a[i + j * n] = value;
    });
  });
  return a;
}

describe('qrDecompose (R dqrdc2)', () => {
  it('solves a full-rank least-squares problem', () => {
    // y = 1 + 2x exactly.
    const x = matrix([
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
    ]);
    const qr = qrDecompose(x, 4, 2, 1e-7);
    expect(qr.rank).toBe(2);
    const coefficients = qrCoefficients(qr, [1, 3, 5, 7]);
    expect(coefficients[0]).toBeCloseTo(1, 14);
    expect(coefficients[1]).toBeCloseTo(2, 14);
    // (X'X)⁻¹ = [[7, -3], [-3, 2]] / 10.
    expect(qrQuadraticForm(qr, [1, 0])).toBeCloseTo(0.7, 14);
    expect(qrQuadraticForm(qr, [1, 1])).toBeCloseTo((7 - 6 + 2) / 10, 14);
  });

  it('moves an aliased column to the end like R and gives it a zero coefficient', () => {
    // R: qr(cbind(1, 1:5, 2*(1:5), c(1,0,1,0,1)))$pivot = 1 2 4 3, rank 3;
    // coefficients of y = (1,3,2,5,4): 1.6, 0.8, NA, -1.6666666666666665.
    const x = matrix([1, 2, 3, 4, 5].map((t) => [1, t, 2 * t, t % 2]));
    const qr = qrDecompose(x, 5, 4, 1e-7);
    expect(qr.rank).toBe(3);
    expect(Array.from(qr.pivot)).toEqual([0, 1, 3, 2]);
    const coefficients = qrCoefficients(qr, [1, 3, 2, 5, 4]);
    expect(coefficients[0]).toBeCloseTo(1.6, 13);
    expect(coefficients[1]).toBeCloseTo(0.8, 13);
    expect(coefficients[2]).toBe(0);
    expect(coefficients[3]).toBeCloseTo(-1.6666666666666665, 13);
  });
});
