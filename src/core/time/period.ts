import { invalidField } from '../errors.js';
import {
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  daysInMonth,
  MAX_YEAR,
  MIN_YEAR,
  outsideCalendar,
  requireInteger,
  show,
} from './civil.js';
import { addDays, dayNumberOf, dayNumberStartMs, formatDayNumber, parseDay } from './day.js';
import { addWeeks, formatWeek, isoWeekOf, parseWeek, sameWeekLastYear, weekEnd, weekStart } from './iso-week.js';
import { addMonths, monthEnd, monthOf, monthStart, parseMonth } from './month.js';
import { addQuarters, parseQuarter, quarterEnd, quarterOf, quarterStart } from './quarter.js';
import type { Day, EpochMs, IsoWeek, Month, Quarter } from './types.js';
import { parseYear, yearEnd, yearOf, yearStart } from './year.js';

/** The granularities Shanzhi reports by. */
export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One day, ISO week, month, quarter or year; the field named after the kind holds its portable value. */
export type Period =
  | { readonly kind: 'day'; readonly day: Day }
  | { readonly kind: 'week'; readonly week: IsoWeek }
  | { readonly kind: 'month'; readonly month: Month }
  | { readonly kind: 'quarter'; readonly quarter: Quarter }
  | { readonly kind: 'year'; readonly year: number };

/** The days and instants a period covers: `toDay` inclusive, `toMsExclusive` the 00:00 after it (town time). */
export interface PeriodRange {
  readonly fromDay: Day;
  readonly toDay: Day;
  readonly fromMs: EpochMs;
  readonly toMsExclusive: EpochMs;
}

const PERIOD_HINT = 'expected a day (2025-06-01), week (2025W23), month (2025-06), quarter (2025Q2) or year (2025)';

/**
 * Validate untrusted text as any period: `2025-06-01`, `2025W23` / `2025-W23`, `2025-06`, `2025Q2`, `2025`. The
 * shape picks the kind and that kind's parser judges the value, so `2025W54` gets the week parser's message. Six bare
 * digits are refused: `202506` could be week 6 or June, so the caller must say which.
 */
export function parsePeriod(text: unknown, field = 'period'): Period {
  const input = typeof text === 'string' ? text : '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(input)) {
    return { kind: 'day', day: parseDay(input, field) };
  }
  if (/^\d{4}-?[Ww]\d{2}$/.test(input)) {
    return { kind: 'week', week: parseWeek(input, field) };
  }
  if (/^\d{4}-\d{2}$/.test(input)) {
    return { kind: 'month', month: parseMonth(input, field) };
  }
  if (/^\d{4}-?[Qq]\d$/.test(input)) {
    return { kind: 'quarter', quarter: parseQuarter(input, field) };
  }
  if (/^\d{4}$/.test(input)) {
    return { kind: 'year', year: parseYear(input, field) };
  }
  if (/^\d{6}$/.test(input)) {
    const [year, part] = [input.slice(0, 4), input.slice(4)];
    throw invalidField(
      field,
      `${show(input)} is ambiguous: write ${year}W${part} for a week or ${year}-${part} for a month`,
    );
  }
  throw invalidField(field, `${PERIOD_HINT}, got ${show(text)}`);
}

/** A period as text that parsePeriod reads back: `2025-06-01`, `2025W23`, `2025-06`, `2025Q2` or `2025`. */
export function formatPeriod(period: Period): string {
  switch (period.kind) {
    case 'day':
      return parseDay(period.day);
    case 'week':
      return formatWeek(period.week);
    case 'month':
      return parseMonth(period.month);
    case 'quarter':
      return parseQuarter(period.quarter);
    case 'year':
      return String(parseYear(period.year));
  }
}

/** The period of a kind that contains a day (its ISO week for `week`, so 2021-01-03 gives 2020W53). */
export function periodOf(kind: PeriodKind, day: Day): Period {
  switch (kind) {
    case 'day':
      return { kind, day: parseDay(day) };
    case 'week':
      return { kind, week: isoWeekOf(day) };
    case 'month':
      return { kind, month: monthOf(day) };
    case 'quarter':
      return { kind, quarter: quarterOf(day) };
    case 'year':
      return { kind, year: yearOf(day) };
  }
}

/** First and last day of a period, both inclusive. */
function dayBounds(period: Period): { fromDay: Day; toDay: Day } {
  switch (period.kind) {
    case 'day':
      return { fromDay: parseDay(period.day), toDay: period.day };
    case 'week':
      return { fromDay: weekStart(period.week), toDay: weekEnd(period.week) };
    case 'month':
      return { fromDay: monthStart(period.month), toDay: monthEnd(period.month) };
    case 'quarter':
      return { fromDay: quarterStart(period.quarter), toDay: quarterEnd(period.quarter) };
    case 'year':
      return { fromDay: yearStart(period.year), toDay: yearEnd(period.year) };
  }
}

/** The days and the half-open instant range `[fromMs, toMsExclusive)` a period covers in the town's time zone. */
export function periodRange(period: Period): PeriodRange {
  const { fromDay, toDay } = dayBounds(period);
  return {
    fromDay,
    toDay,
    fromMs: dayNumberStartMs(dayNumberOf(fromDay, 'period')),
    // Computed from the last day rather than as the next day's start, which may lie past the supported calendar.
    toMsExclusive: dayNumberStartMs(dayNumberOf(toDay, 'period')) + DAY_MS,
  };
}

/** The period `n` periods of the same kind after `period` (before it when `n` is negative). */
export function addPeriods(period: Period, n: number): Period {
  switch (period.kind) {
    case 'day':
      return { kind: 'day', day: addDays(period.day, n) };
    case 'week':
      return { kind: 'week', week: addWeeks(period.week, n) };
    case 'month':
      return { kind: 'month', month: addMonths(period.month, n) };
    case 'quarter':
      return { kind: 'quarter', quarter: addQuarters(period.quarter, n) };
    case 'year': {
      const year = parseYear(period.year, 'period') + requireInteger(n, 'n');
      if (year < MIN_YEAR || year > MAX_YEAR) {
        throw outsideCalendar('n');
      }
      return { kind: 'year', year };
    }
  }
}

/** The period just before, for period-over-period (环比) comparison: last week, last month, last quarter … */
export function previousPeriod(period: Period): Period {
  return addPeriods(period, -1);
}

/**
 * The same period one year earlier, for year-over-year (同比) comparison. Weeks follow sameWeekLastYear (week 53
 * falls back to week 52); a day keeps its month and day, and 29 February falls back to 28 February.
 */
export function samePeriodLastYear(period: Period): Period {
  switch (period.kind) {
    case 'day': {
      const { year, month, day } = civilFromDays(dayNumberOf(period.day, 'period'));
      if (year === MIN_YEAR) {
        throw outsideCalendar('period');
      }
      // Clamping the day to last year's month length is what turns 29 February into 28 February.
      const sameDay = daysFromCivil(year - 1, month, Math.min(day, daysInMonth(year - 1, month)));
      return { kind: 'day', day: formatDayNumber(sameDay) };
    }
    case 'week':
      return { kind: 'week', week: sameWeekLastYear(period.week) };
    case 'month':
      return { kind: 'month', month: addMonths(period.month, -12) };
    case 'quarter':
      return { kind: 'quarter', quarter: addQuarters(period.quarter, -4) };
    case 'year':
      return addPeriods(period, -1);
  }
}
