/**
 * Sen's slope: the median of all pairwise slopes, a trend estimate that a few outlying weeks cannot drag (Sen 1968,
 * "Estimates of the regression coefficient based on Kendall's tau", JASA 63:1379–1389; Theil 1950), with its
 * rank-based confidence interval as Gilbert (1987, "Statistical Methods for Environmental Pollution Monitoring",
 * §16.5) gives it and scipy `theilslopes` and R `trend::sens.slope` compute it. Companion of mann-kendall.ts.
 */
import { invalidField } from '../../core/errors.js';
import { qnorm } from './distributions.js';
import { mannKendallVariance, presentValues, type SeriesValue } from './mann-kendall.js';

export interface SenSlopeOptions {
  /** The interval is at level 1 − alpha, two-sided (default 0.05: a 95 % interval). */
  alpha?: number;
}

export interface SenSlopeResult {
  /** Median of (x_j − x_i)/(j − i) over all pairs j > i of present values; NaN with fewer than 2 values. */
  slope: number;
  /** Median of x_i − slope·i, so the line is intercept + slope·i with i the 0-based position in the series. */
  intercept: number;
  /** Lower end of the 1 − alpha interval of the slope: the M1-th smallest pairwise slope. */
  low: number;
  /** Upper end: the (M2 + 1)-th smallest pairwise slope. */
  high: number;
  /** N': the number of pairwise slopes. */
  pairs: number;
}

/** Median of numbers (the mean of the two middle ones for an even count); NaN for none. Sorts `values` in place. */
function medianInPlace(values: Float64Array): number {
  const count = values.length;
  if (count === 0) {
    return Number.NaN;
  }
  values.sort();
  const middle = count >> 1;
  return count % 2 === 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

/**
 * The 1-based `rank`-th smallest of sorted `slopes`, the rank rounded to the nearest integer (as scipy
 * `theilslopes` and R `trend::sens.slope` do) and kept inside 1..N'.
 */
function orderStatistic(sorted: Float64Array, rank: number): number {
  const index = Math.min(sorted.length, Math.max(1, Math.round(rank))) - 1;
  return sorted[index];
}

/**
 * Sen's slope with its intercept and confidence interval (Sen 1968; Gilbert 1987 §16.5). Missing values (`null`,
 * NaN) are skipped but the others keep their positions, so a gap counts as the weeks it spans. The interval uses the
 * tie-corrected Var(S) of the present values: C = z_{1−alpha/2}·√Var(S), M1 = (N' − C)/2, M2 = (N' + C)/2; the
 * bounds are the M1-th and (M2 + 1)-th smallest slopes. With fewer than 2 present values every figure is NaN.
 */
export function senSlope(series: readonly SeriesValue[], options: SenSlopeOptions = {}): SenSlopeResult {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) {
    throw invalidField('alpha', `must be between 0 and 1, got ${alpha}`);
  }
  const { values, indices } = presentValues(series);
  const n = values.length;
  const pairs = (n * (n - 1)) / 2;
  if (n < 2) {
    return { slope: Number.NaN, intercept: Number.NaN, low: Number.NaN, high: Number.NaN, pairs };
  }
  const slopes = new Float64Array(pairs);
  let k = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      slopes[k++] = (values[j] - values[i]) / (indices[j] - indices[i]);
    }
  }
  const slope = medianInPlace(slopes);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    residuals[i] = values[i] - slope * indices[i];
  }
  const intercept = medianInPlace(residuals);
  const c = qnorm(1 - alpha / 2) * Math.sqrt(mannKendallVariance(values));
  // `slopes` is sorted by medianInPlace.
  const low = orderStatistic(slopes, (pairs - c) / 2);
  const high = orderStatistic(slopes, (pairs + c) / 2 + 1);
  return { slope, intercept, low, high, pairs };
}
