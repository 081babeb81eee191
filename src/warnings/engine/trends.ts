/**
 * Trending issues (倾向性问题): series rising steadily over the last weeks. Mann-Kendall with Sen's slope on each
 * series busy enough to tell, Benjamini–Hochberg across them all, and a rise worth acting on: over the window the
 * slope adds at least `minRise` of the series' mean level. Pure.
 */
import { type SeriesTrendResult, trendAcrossSeries } from '../../detect/index.js';
import type { Series } from './series.js';
import type { Cell } from './shape.js';

export interface TrendAlarm extends Cell {
  series: Series;
  result: SeriesTrendResult;
  /** Index of the window's first week. */
  from: number;
  /** Mean weekly count over the window. */
  mean: number;
}

export interface TrendOptions {
  /** Weeks tested, ending with the target (default 13, a quarter). */
  weeks: number;
  /** False-discovery level across series (default 0.05). */
  alpha: number;
  /** Fewest records a week on average for a series to be tested (default 2). */
  minMean: number;
  /** Slope × weeks ÷ mean the rise must reach (default 0.5: half as much again over the window). */
  minRise: number;
}

export const DEFAULT_TREND_OPTIONS: TrendOptions = { weeks: 13, alpha: 0.05, minMean: 2, minRise: 0.5 };

export function findTrends(
  series: readonly Series[],
  target: number,
  options: TrendOptions = DEFAULT_TREND_OPTIONS,
): TrendAlarm[] {
  const from = target + 1 - options.weeks;
  if (from < 0) {
    return [];
  }
  const tested: { series: Series; window: number[]; mean: number }[] = [];
  for (const one of series) {
    const window = Array.from(one.counts.subarray(from, target + 1));
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    if (mean >= options.minMean) {
      tested.push({ series: one, window, mean });
    }
  }
  const results = trendAcrossSeries(
    tested.map((t) => t.window),
    { weeks: options.weeks, alpha: options.alpha },
  );
  const alarms: TrendAlarm[] = [];
  results.forEach((result, i) => {
    const t = tested[i] as (typeof tested)[number];
    const rise = ((result.slopePerWeek ?? 0) * options.weeks) / t.mean;
    if (result.rising && rise >= options.minRise) {
      alarms.push({
        series: t.series,
        category: t.series.category,
        villageId: t.series.villageId,
        result,
        from,
        mean: t.mean,
      });
    }
  });
  return alarms;
}
