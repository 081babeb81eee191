/**
 * The Mann-Kendall test for a monotonic trend in a series (Mann 1945, "Nonparametric tests against trend",
 * Econometrica 13:245–259; Kendall 1975, "Rank Correlation Methods", 4th ed., Griffin), as Gilbert (1987, "Statistical
 * Methods for Environmental Pollution Monitoring", ch. 16) and the usual implementations (R `Kendall`, `trend`;
 * Python `pymannkendall`) compute it: S, its variance under no trend with the correction for tied values, the
 * continuity-corrected normal score Z and its p-values. Used on weekly counts to find trending (倾向性) issues.
 */
import { invalidField } from '../../core/errors.js';
import { pnorm } from './distributions.js';

/** A value of the series; `null` and NaN mean "missing" (a week with no figure). */
export type SeriesValue = number | null;

export interface MannKendallResult {
  /** Number of values used: the series without its missing values. */
  n: number;
  /** S = Σ_{i<j} sign(x_j − x_i). Positive when later values tend to be larger. */
  s: number;
  /** Var(S) under no trend, corrected for ties: [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18, t = size of each tie group. */
  varS: number;
  /** Continuity-corrected score: (S − 1)/√Var(S) if S > 0, (S + 1)/√Var(S) if S < 0, 0 if S = 0. */
  z: number;
  /** P(|Z| ≥ |z|) under no trend (two-sided). */
  pTwoSided: number;
  /** P(Z ≥ z) under no trend: the p-value against an upward trend (one-sided). */
  pUpward: number;
  /** Kendall's τ-b between the values and time: S / √(D·(D − Σ t(t−1)/2)), D = n(n−1)/2; 0 when undefined. */
  tau: number;
}

/** The values that are present, with their 0-based positions in the series (so gaps keep their true distance). */
export interface PresentValues {
  values: number[];
  indices: number[];
}

/**
 * Drops missing values (`null`, NaN) and keeps the positions of the others; an infinite value is refused with
 * `invalid_input` naming `values.<i>`, because it has no rank difference with another infinity of the same sign.
 */
export function presentValues(series: readonly SeriesValue[]): PresentValues {
  const values: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < series.length; i++) {
    const value = series[i];
    if (value === null || Number.isNaN(value)) {
      continue;
    }
    if (!Number.isFinite(value)) {
      throw invalidField(`values.${i}`, `must be a finite number or missing, got ${value}`);
    }
    values.push(value);
    indices.push(i);
  }
  return { values, indices };
}

/** S = Σ_{i<j} sign(x_j − x_i), by its definition (O(n²); weekly windows are short). */
export function mannKendallS(values: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < values.length - 1; i++) {
    const xi = values[i];
    for (let j = i + 1; j < values.length; j++) {
      const xj = values[j];
      if (xj > xi) {
        s++;
      } else if (xj < xi) {
        s--;
      }
    }
  }
  return s;
}

/** Sizes of the groups of equal values (only groups of two or more). */
export function tieGroupSizes(values: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  const sizes: number[] = [];
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++;
    } else {
      if (run > 1) {
        sizes.push(run);
      }
      run = 1;
    }
  }
  return sizes;
}

/**
 * Var(S) under no trend with the tie correction (Kendall 1975, eq. 4.3 with no ties in time):
 * [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18. It is the exact variance of S over all orderings of the values.
 */
export function mannKendallVariance(values: readonly number[]): number {
  const n = values.length;
  let ties = 0;
  for (const t of tieGroupSizes(values)) {
    ties += t * (t - 1) * (2 * t + 5);
  }
  return (n * (n - 1) * (2 * n + 5) - ties) / 18;
}

/**
 * The Mann-Kendall trend test on a series in time order (Mann 1945; Kendall 1975; continuity correction as in
 * Gilbert 1987, eq. 16.5). Missing values (`null`, NaN) are skipped: S compares the remaining values in their order,
 * and n counts only them. Where the test says nothing, it says so plainly rather than guessing: with fewer than 3
 * values, or when all values are equal (Var(S) = 0, every ordering gives S = 0), z is 0 and both p-values are 1.
 * p-values come from the normal approximation (Φ as R `pnorm`), adequate from about n = 8 on (Gilbert 1987).
 */
export function mannKendall(series: readonly SeriesValue[]): MannKendallResult {
  const { values } = presentValues(series);
  const n = values.length;
  const s = mannKendallS(values);
  const varS = mannKendallVariance(values);
  const pairs = (n * (n - 1)) / 2;
  const tiedPairs = tieGroupSizes(values).reduce((sum, t) => sum + (t * (t - 1)) / 2, 0);
  const tauDenominator = Math.sqrt(pairs * (pairs - tiedPairs));
  const tau = tauDenominator > 0 ? s / tauDenominator : 0;
  if (n < 3 || varS <= 0) {
    return { n, s, varS, z: 0, pTwoSided: 1, pUpward: 1, tau };
  }
  const sd = Math.sqrt(varS);
  const z = s > 0 ? (s - 1) / sd : s < 0 ? (s + 1) / sd : 0;
  // Each tail computed directly (no 1 − p), so tiny p-values keep their digits.
  const pUpward = pnorm(z, 0, 1, false);
  const pTwoSided = Math.min(1, 2 * pnorm(-Math.abs(z)));
  return { n, s, varS, z, pTwoSided, pUpward, tau };
}
