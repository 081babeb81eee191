import { invalidField } from '../core/errors.js';
import {
  addPeriods,
  dayOf,
  formatPeriod,
  monthOf,
  type Period,
  parsePeriod,
  periodOf,
  previousPeriod,
  quarterParts,
  samePeriodLastYear,
  weekEnd,
  weekStart,
} from '../core/time/index.js';

/*
 * Period arithmetic of the stats API. Every period is read from the cube's (month, week) cells: a week is the sum of
 * its one or two month parts, a month the sum of its parts, a quarter of its three months, a year of its twelve. So a
 * period is fetched by a month range (the index prefix after town and cuboid), narrowed by week for weeks.
 */

export type StatsPeriodKind = 'week' | 'month' | 'quarter' | 'year';
export type Comparison = 'yoy' | 'pop';

/** The most rows (periods × keys) one answer may have. */
export const MAX_ROWS = 20_000;

const EXAMPLES: Record<StatsPeriodKind, string> = {
  week: '2026W05',
  month: '2026-05',
  quarter: '2026Q2',
  year: '2026',
};

/** A period's number as SQL computes it from a cell: YYYYWW, YYYYMM, YYYY*10+quarter, YYYY. Ascending in time. */
export function periodCode(period: Period): number {
  switch (period.kind) {
    case 'week':
      return period.week;
    case 'month':
      return Number(period.month.slice(0, 4)) * 100 + Number(period.month.slice(5, 7));
    case 'quarter': {
      const parts = quarterParts(period.quarter);
      return parts.year * 10 + parts.quarter;
    }
    case 'year':
      return period.year;
    case 'day':
      throw new TypeError('the cube has no days');
  }
}

/** Parse `from`/`to` text as a period of the asked kind, else invalid_input naming the parameter. */
export function parseStatsPeriod(text: string, kind: StatsPeriodKind, field: string): Period {
  const period = parsePeriod(text, field);
  if (period.kind !== kind) {
    throw invalidField(field, `expected a ${kind} such as ${EXAMPLES[kind]} (period=${kind}), got "${text}"`);
  }
  return period;
}

/**
 * The periods from `from` to `to`, both included; refuses a backwards range (naming `to`) and one of more than
 * MAX_ROWS periods (naming `from`).
 */
export function periodsBetween(from: Period, to: Period): Period[] {
  const last = periodCode(to);
  if (last < periodCode(from)) {
    throw invalidField('to', `must not be before from (${formatPeriod(from)})`);
  }
  const periods: Period[] = [];
  for (let period = from; ; period = addPeriods(period, 1)) {
    if (periods.length === MAX_ROWS) {
      throw invalidField('from', `the range holds more than ${MAX_ROWS} periods: narrow it`);
    }
    periods.push(period);
    if (periodCode(period) === last) {
      return periods;
    }
  }
}

/** The range a query asks for, defaulting to the 12 periods ending with the one holding `asOf`. */
export function statsRange(
  kind: StatsPeriodKind,
  fromText: string | undefined,
  toText: string | undefined,
  asOf: number,
): Period[] {
  const from = fromText === undefined ? undefined : parseStatsPeriod(fromText, kind, 'from');
  let to = toText === undefined ? undefined : parseStatsPeriod(toText, kind, 'to');
  if (to === undefined) {
    const current = periodOf(kind, dayOf(asOf));
    to = from !== undefined && periodCode(from) > periodCode(current) ? from : current;
  }
  return periodsBetween(from ?? addPeriods(to, -11), to);
}

/** The period a comparison reads for `period`: same period last year (同比) or the previous one (环比). */
export function comparedPeriod(period: Period, comparison: Comparison): Period {
  try {
    return comparison === 'yoy' ? samePeriodLastYear(period) : previousPeriod(period);
  } catch {
    throw invalidField('from', `${formatPeriod(period)} has no ${comparison} period in the supported calendar`);
  }
}

/** A contiguous run of periods, read by one SQL statement. */
export interface PeriodRun {
  first: Period;
  last: Period;
}

/** Distinct periods (of one kind) as contiguous runs, earliest first. */
export function periodRuns(periods: readonly Period[]): PeriodRun[] {
  const byCode = new Map(periods.map((period) => [periodCode(period), period]));
  const sorted = [...byCode.keys()].sort((a, b) => a - b);
  const runs: PeriodRun[] = [];
  for (const code of sorted) {
    const period = byCode.get(code) as Period;
    const run = runs.at(-1);
    if (run && periodCode(addPeriods(run.last, 1)) === code) {
      run.last = period;
    } else {
      runs.push({ first: period, last: period });
    }
  }
  return runs;
}

/** The cells a run covers: months YYYYMM (both included) and, for weeks, weeks YYYYWW too. */
export interface CellRange {
  fromMonth: number;
  toMonth: number;
  fromWeek?: number;
  toWeek?: number;
}

const monthNumber = (month: string): number => Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7));

export function cellRange(run: PeriodRun): CellRange {
  const { first, last } = run;
  if (first.kind === 'week' && last.kind === 'week') {
    return {
      fromMonth: monthNumber(monthOf(weekStart(first.week))),
      toMonth: monthNumber(monthOf(weekEnd(last.week))),
      fromWeek: first.week,
      toWeek: last.week,
    };
  }
  const code = (period: Period, end: boolean): number => {
    const value = periodCode(period);
    switch (period.kind) {
      case 'month':
        return value;
      case 'quarter':
        return Math.floor(value / 10) * 100 + (value % 10) * 3 - (end ? 0 : 2);
      default:
        return value * 100 + (end ? 12 : 1);
    }
  };
  return { fromMonth: code(first, false), toMonth: code(last, true) };
}
