/**
 * Shapes shared by the detectors. Every detector takes the whole series of weekly counts (index 0 = week 1) and a
 * monitored range of 1-based, inclusive week indices, as R `surveillance` does, and returns one entry per monitored
 * week in parallel arrays. `null` is R's NA/NaN ("not available").
 */
import { invalidField } from '../../core/errors.js';

/** 1-based, inclusive week indices `[from, to]`, as R's `range = from:to`. */
export type WeekRange = readonly [from: number, to: number];

export type Alarm = 0 | 1 | null;

/** What every detector returns, one entry per monitored week (`range[0]..range[1]`). */
export interface DetectionResult {
  range: WeekRange;
  observed: number[];
  expected: (number | null)[];
  upperbound: (number | null)[];
  alarm: Alarm[];
}

/** Number of weeks in a range. */
export function rangeLength(range: WeekRange): number {
  return range[1] - range[0] + 1;
}

/**
 * Checks that `range` lies inside a series of `seriesLength` weeks and leaves `minimumFrom − 1` weeks of history
 * before it, the least the detector needs; throws `invalid_input` on the `range` field otherwise.
 */
export function checkRange(range: WeekRange, seriesLength: number, minimumFrom: number, method: string): void {
  const [from, to] = range;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
    throw invalidField('range', `must be two integers FROM <= TO, got ${from}:${to}`);
  }
  if (to > seriesLength) {
    throw invalidField('range', `ends at week ${to} but the series has only ${seriesLength} weeks`);
  }
  if (from < minimumFrom) {
    throw invalidField(
      'range',
      `${method} needs ${minimumFrom - 1} weeks of history: the range must start at week ${minimumFrom} or later, got ${from}`,
    );
  }
}

/** Checks that the counts are non-negative integers (what every detector assumes). */
export function checkCounts(counts: readonly number[]): void {
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (!Number.isInteger(count) || count < 0) {
      throw invalidField(`counts.${i}`, `must be a non-negative integer, got ${count}`);
    }
  }
}

/** R's `x > y` on numbers where NaN/NA means "not available": NA when either side is. */
export function greaterThan(x: number, y: number | null): Alarm {
  if (y === null || Number.isNaN(y) || Number.isNaN(x)) {
    return null;
  }
  return x > y ? 1 : 0;
}

/** NaN (R's NaN/NA in a double vector) becomes `null`; every other number, infinities included, is kept. */
export function naToNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}
