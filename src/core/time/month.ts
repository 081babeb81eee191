import { invalidField } from '../errors.js';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  MAX_YEAR,
  MIN_YEAR,
  outsideCalendar,
  pad2,
  requireInteger,
  requireYear,
  show,
} from './civil.js';
import { dayNumberOf, formatDayNumber } from './day.js';
import type { Day, Month } from './types.js';

/*
 * Months are `YYYY-MM` text at the edges and a month index (year * 12 + month - 1) inside, which makes adding and
 * counting months plain integer arithmetic.
 */

const MONTH_TEXT = /^(\d{4})-(\d{2})$/;
const FIRST_INDEX = MIN_YEAR * 12;
const LAST_INDEX = MAX_YEAR * 12 + 11;

/** Month index of a year and month after checking both, else an invalid_input error naming `field`. */
function checkedIndex(year: number, month: number, field: string): number {
  requireYear(year, field);
  if (month < 1 || month > 12) {
    throw invalidField(field, `${year}-${pad2(month)} is not a month: months run 01 to 12`);
  }
  return year * 12 + month - 1;
}

/** Month index of month text, else an invalid_input error naming `field`. */
export function monthIndexOf(input: unknown, field: string): number {
  const match = typeof input === 'string' ? MONTH_TEXT.exec(input) : null;
  if (!match) {
    throw invalidField(field, `expected a month YYYY-MM such as 2025-06, got ${show(input)}`);
  }
  return checkedIndex(Number(match[1]), Number(match[2]), field);
}

/** Month text of a month index. */
export function formatMonthIndex(index: number): Month {
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

/** Validate untrusted input as a month `YYYY-MM` (e.g. 2025-06); otherwise invalid_input naming `field`. */
export function parseMonth(input: unknown, field = 'month'): Month {
  return formatMonthIndex(monthIndexOf(input, field));
}

/** The month `YYYY-MM` of a year and month number (1–12). */
export function makeMonth(year: number, month: number): Month {
  return formatMonthIndex(checkedIndex(requireInteger(year, 'year'), requireInteger(month, 'month'), 'month'));
}

/** The year and month number (1–12) of a month. */
export function monthParts(month: Month): { year: number; month: number } {
  const index = monthIndexOf(month, 'month');
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The month a day belongs to. */
export function monthOf(day: Day): Month {
  const { year, month } = civilFromDays(dayNumberOf(day, 'day'));
  return `${year}-${pad2(month)}`;
}

/** The first day of a month. */
export function monthStart(month: Month): Day {
  const index = monthIndexOf(month, 'month');
  return formatDayNumber(daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1));
}

/** The last day of a month. */
export function monthEnd(month: Month): Day {
  const index = monthIndexOf(month, 'month');
  const year = Math.floor(index / 12);
  const number = (index % 12) + 1;
  return formatDayNumber(daysFromCivil(year, number, daysInMonth(year, number)));
}

/** The month `n` months after `month` (before it when `n` is negative). */
export function addMonths(month: Month, n: number): Month {
  const index = monthIndexOf(month, 'month') + requireInteger(n, 'n');
  if (index < FIRST_INDEX || index > LAST_INDEX) {
    throw outsideCalendar('n');
  }
  return formatMonthIndex(index);
}

/** Months from `a` to `b`: positive when `b` is later, so `addMonths(a, monthsBetween(a, b)) === b`. */
export function monthsBetween(a: Month, b: Month): number {
  return monthIndexOf(b, 'b') - monthIndexOf(a, 'a');
}
