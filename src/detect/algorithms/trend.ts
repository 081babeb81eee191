/**
 * The trend test for trending (倾向性) issues: is a series of weekly counts rising over the recent weeks, and by how
 * much a week? Mann-Kendall (one-sided, upward) says whether, Sen's slope says how much; across the many series the
 * engine watches, Benjamini–Hochberg keeps chance rises from turning into warnings. Pure functions on arrays.
 */
import { invalidField } from '../../core/errors.js';
import { benjaminiHochberg } from './fdr.js';
import { mannKendall, type SeriesValue } from './mann-kendall.js';
import { senSlope } from './sen-slope.js';
import { naToNull } from './types.js';

export interface TrendOptions {
  /** How many of the latest weeks to test (default 13, a quarter); the whole series if it is shorter. At least 3. */
  weeks?: number;
  /**
   * Level of the one-sided upward test (default 0.05); the slope's interval is two-sided at 1 − alpha, and across
   * series it is the false discovery rate.
   */
  alpha?: number;
}

export interface TrendResult {
  /** Weeks with a value in the tested window (missing weeks are skipped). */
  n: number;
  /** Mann-Kendall S over the window. */
  s: number;
  /** Continuity-corrected normal score of S. */
  z: number;
  /** One-sided p-value against an upward trend (1 when the window cannot tell: fewer than 3 values, all equal). */
  pUpward: number;
  /** Kendall's τ-b between the counts and time. */
  tau: number;
  /** Sen's slope, in counts per week; `null` with fewer than 2 values. */
  slopePerWeek: number | null;
  /** The 1 − alpha interval of the slope; `null` with fewer than 2 values. */
  slopeLow: number | null;
  slopeHigh: number | null;
  /** The test rejects "no upward trend" at alpha and the slope is positive. */
  rising: boolean;
}

export interface SeriesTrendResult extends TrendResult {
  /** Benjamini–Hochberg adjusted p-value of `pUpward` across the series tested together. */
  qValue: number;
  /** Here: q ≤ alpha (not p ≤ alpha) and the slope is positive. */
  rising: boolean;
}

const DEFAULT_WEEKS = 13;
const DEFAULT_ALPHA = 0.05;

function checkOptions(options: TrendOptions): { weeks: number; alpha: number } {
  const weeks = options.weeks ?? DEFAULT_WEEKS;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!Number.isInteger(weeks) || weeks < 3) {
    throw invalidField('weeks', `must be an integer of at least 3, got ${weeks}`);
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw invalidField('alpha', `must be between 0 and 1, got ${alpha}`);
  }
  return { weeks, alpha };
}

/** A positive slope: a significant S with a zero median slope (mostly tied weeks) is no rise worth a warning. */
function isPositive(slope: number | null): boolean {
  return slope !== null && slope > 0;
}

/**
 * Mann-Kendall (Mann 1945; Kendall 1975) and Sen's slope (Sen 1968) on the last `weeks` values of `counts` (index 0 =
 * the oldest week; `null`/NaN = missing, skipped). `rising` when pUpward ≤ alpha and Sen's slope is positive.
 */
export function trendTest(counts: readonly SeriesValue[], options: TrendOptions = {}): TrendResult {
  const { weeks, alpha } = checkOptions(options);
  const window = counts.slice(Math.max(0, counts.length - weeks));
  const test = mannKendall(window);
  const sen = senSlope(window, { alpha });
  const slopePerWeek = naToNull(sen.slope);
  return {
    n: test.n,
    s: test.s,
    z: test.z,
    pUpward: test.pUpward,
    tau: test.tau,
    slopePerWeek,
    slopeLow: naToNull(sen.low),
    slopeHigh: naToNull(sen.high),
    rising: test.pUpward <= alpha && isPositive(slopePerWeek),
  };
}

/**
 * `trendTest` on each series, then Benjamini–Hochberg (1995) on the upward p-values at level alpha: a series is
 * rising when its q-value is ≤ alpha and its slope positive. Results are in the order of `seriesList`.
 */
export function trendAcrossSeries(
  seriesList: readonly (readonly SeriesValue[])[],
  options: TrendOptions = {},
): SeriesTrendResult[] {
  const { alpha } = checkOptions(options);
  const results = seriesList.map((counts) => trendTest(counts, options));
  const { qValues } = benjaminiHochberg(
    results.map((result) => result.pUpward),
    alpha,
  );
  return results.map((result, i) => {
    // Every pUpward is a probability, so every q-value is present.
    const qValue = qValues[i] ?? 1;
    return { ...result, qValue, rising: qValue <= alpha && isPositive(result.slopePerWeek) };
  });
}
