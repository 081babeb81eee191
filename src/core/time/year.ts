import { invalidField } from '../errors.js';
import { civilFromDays, daysFromCivil, requireYear, show } from './civil.js';
import { dayNumberOf, formatDayNumber } from './day.js';
import type { Day } from './types.js';

const YEAR_TEXT = /^\d{4}$/;

/** Validate untrusted input as a calendar year: the integer 2025 or the text `2025`, inside the supported calendar. */
export function parseYear(input: unknown, field = 'year'): number {
  if (typeof input === 'string' && YEAR_TEXT.test(input)) {
    return requireYear(Number(input), field);
  }
  if (typeof input === 'number' && Number.isInteger(input)) {
    return requireYear(input, field);
  }
  throw invalidField(field, `expected a year such as 2025, got ${show(input)}`);
}

/** The calendar year a day belongs to (not its ISO week-year: see isoWeekOf). */
export function yearOf(day: Day): number {
  return civilFromDays(dayNumberOf(day, 'day')).year;
}

/** 1 January of a year. */
export function yearStart(year: number): Day {
  return formatDayNumber(daysFromCivil(requireYear(year, 'year'), 1, 1));
}

/** 31 December of a year. */
export function yearEnd(year: number): Day {
  return formatDayNumber(daysFromCivil(requireYear(year, 'year'), 12, 31));
}
