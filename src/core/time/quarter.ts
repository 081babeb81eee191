import { invalidField } from '../errors.js';
import {
  civilFromDays,
  daysFromCivil,
  MAX_YEAR,
  MIN_YEAR,
  outsideCalendar,
  requireInteger,
  requireYear,
  show,
} from './civil.js';
import { dayNumberOf, formatDayNumber } from './day.js';
import type { Day, Quarter } from './types.js';

/*
 * Calendar quarters, `2025Q2` at the edges and a quarter index (year * 4 + quarter - 1) inside. Q1 is January to
 * March: the government's statistical quarters are the calendar's.
 */

const QUARTER_TEXT = /^(\d{4})-?[Qq](\d)$/;
const FIRST_INDEX = MIN_YEAR * 4;
const LAST_INDEX = MAX_YEAR * 4 + 3;

/** Quarter index of a year and quarter after checking both, else an invalid_input error naming `field`. */
function checkedIndex(year: number, quarter: number, field: string): number {
  requireYear(year, field);
  if (quarter < 1 || quarter > 4) {
    throw invalidField(field, `${year}Q${quarter} is not a quarter: quarters run Q1 to Q4`);
  }
  return year * 4 + quarter - 1;
}

/** Quarter index of quarter text, else an invalid_input error naming `field`. */
export function quarterIndexOf(input: unknown, field: string): number {
  const match = typeof input === 'string' ? QUARTER_TEXT.exec(input) : null;
  if (!match) {
    throw invalidField(field, `expected a quarter such as 2025Q2 or 2025-Q2, got ${show(input)}`);
  }
  return checkedIndex(Number(match[1]), Number(match[2]), field);
}

/** Quarter text of a quarter index. */
export function formatQuarterIndex(index: number): Quarter {
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

/** Day number of the first day of the quarter with this index. */
function startNumber(index: number): number {
  return daysFromCivil(Math.floor(index / 4), (index % 4) * 3 + 1, 1);
}

/**
 * Validate untrusted input as a quarter: `2025Q2`, `2025-Q2` or with a lower-case `q`; returns the canonical
 * `2025Q2`, otherwise throws invalid_input naming `field`.
 */
export function parseQuarter(input: unknown, field = 'quarter'): Quarter {
  return formatQuarterIndex(quarterIndexOf(input, field));
}

/** The quarter `2025Q2` of a year and quarter number (1–4). */
export function makeQuarter(year: number, quarter: number): Quarter {
  return formatQuarterIndex(checkedIndex(requireInteger(year, 'year'), requireInteger(quarter, 'quarter'), 'quarter'));
}

/** The year and quarter number (1–4) of a quarter. */
export function quarterParts(quarter: Quarter): { year: number; quarter: number } {
  const index = quarterIndexOf(quarter, 'quarter');
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
}

/** The quarter a day belongs to. */
export function quarterOf(day: Day): Quarter {
  const { year, month } = civilFromDays(dayNumberOf(day, 'day'));
  return `${year}Q${Math.ceil(month / 3)}`;
}

/** The first day of a quarter. */
export function quarterStart(quarter: Quarter): Day {
  return formatDayNumber(startNumber(quarterIndexOf(quarter, 'quarter')));
}

/** The last day of a quarter (the day before the next quarter starts, which needs no month-length table). */
export function quarterEnd(quarter: Quarter): Day {
  return formatDayNumber(startNumber(quarterIndexOf(quarter, 'quarter') + 1) - 1);
}

/** The quarter `n` quarters after `quarter` (before it when `n` is negative). */
export function addQuarters(quarter: Quarter, n: number): Quarter {
  const index = quarterIndexOf(quarter, 'quarter') + requireInteger(n, 'n');
  if (index < FIRST_INDEX || index > LAST_INDEX) {
    throw outsideCalendar('n');
  }
  return formatQuarterIndex(index);
}

/** Quarters from `a` to `b`: positive when `b` is later, so `addQuarters(a, quartersBetween(a, b)) === b`. */
export function quartersBetween(a: Quarter, b: Quarter): number {
  return quarterIndexOf(b, 'b') - quarterIndexOf(a, 'a');
}
