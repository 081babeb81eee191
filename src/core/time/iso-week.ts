import { invalidField } from '../errors.js';
import {
  civilFromDays,
  daysFromCivil,
  isLeapYear,
  MIN_YEAR,
  pad2,
  requireCalendarDay,
  requireInteger,
  requireYear,
  show,
  weekdayOfNumber,
} from './civil.js';
import { dayNumberOf, formatDayNumber } from './day.js';
import type { Day, IsoWeek } from './types.js';

/*
 * ISO 8601 weeks: a week runs Monday to Sunday and belongs to the year its Thursday falls in, so week 1 is the week
 * holding the year's first Thursday (equivalently 4 January). A year has 53 weeks when it starts on a Thursday, or on
 * a Wednesday in a leap year. Near New Year a day's week-year can differ from its calendar year: 2021-01-03 is in
 * 2020W53 and 2024-12-30 is in 2025W01.
 */

const WEEK_HINT = 'expected an ISO week such as 2025W23, 2025-W23 or 202523';
const WEEK_TEXT = /^(\d{4})(?:-?[Ww])?(\d{2})$/;

/** Monday of week 1 of a week-year, as a day number. */
function firstMonday(year: number): number {
  const jan4 = daysFromCivil(year, 1, 4);
  return jan4 - weekdayOfNumber(jan4) + 1;
}

/** Weeks in a week-year the caller has already validated. */
function weekCount(year: number): number {
  const jan1 = weekdayOfNumber(daysFromCivil(year, 1, 1));
  return jan1 === 4 || (jan1 === 3 && isLeapYear(year)) ? 53 : 52;
}

/** Year and week after checking that the week exists, else an invalid_input error naming `field`. */
function checkedParts(year: number, week: number, field: string): { year: number; week: number } {
  requireYear(year, field);
  const count = weekCount(year);
  if (week < 1 || week > count) {
    throw invalidField(field, `${year}W${pad2(week)} does not exist: ${year} has ${count} ISO weeks`);
  }
  return { year, week };
}

/** Year and week of a `YYYYWW` integer, else an invalid_input error naming `field`. */
function partsOf(value: unknown, field: string): { year: number; week: number } {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100_000 || value > 999_999) {
    throw invalidField(field, `${WEEK_HINT}, got ${show(value)}`);
  }
  return checkedParts(Math.floor(value / 100), value % 100, field);
}

/** The ISO week of a day number. */
export function weekOfDayNumber(dayNumber: number): IsoWeek {
  const thursday = dayNumber - weekdayOfNumber(dayNumber) + 4;
  const year = civilFromDays(thursday).year;
  return year * 100 + Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
}

/** Day number of the Monday that starts a week, else an invalid_input error naming `field`. */
export function weekStartNumber(week: unknown, field: string): number {
  const parts = partsOf(week, field);
  return firstMonday(parts.year) + (parts.week - 1) * 7;
}

/** Number of ISO weeks, 52 or 53, in an ISO week-year. */
export function weeksInYear(year: number): number {
  return weekCount(requireYear(year, 'year'));
}

/** The ISO week (`YYYYWW`) a day belongs to. */
export function isoWeekOf(day: Day): IsoWeek {
  return weekOfDayNumber(dayNumberOf(day, 'day'));
}

/** The Monday that starts a week. */
export function weekStart(week: IsoWeek): Day {
  return formatDayNumber(weekStartNumber(week, 'week'));
}

/** The Sunday that ends a week. */
export function weekEnd(week: IsoWeek): Day {
  return formatDayNumber(weekStartNumber(week, 'week') + 6);
}

/** The week `n` weeks after `week` (before it when `n` is negative), across year ends and 53-week years. */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  const monday = weekStartNumber(week, 'week') + 7 * requireInteger(n, 'n');
  return weekOfDayNumber(requireCalendarDay(monday, 'n'));
}

/** Weeks from `a` to `b`: positive when `b` is later, so `addWeeks(a, weeksBetween(a, b)) === b`. */
export function weeksBetween(a: IsoWeek, b: IsoWeek): number {
  return (weekStartNumber(b, 'b') - weekStartNumber(a, 'a')) / 7;
}

/** The week `YYYYWW` of a year and week number, checking that it exists. */
export function makeWeek(year: number, week: number): IsoWeek {
  const parts = checkedParts(requireInteger(year, 'year'), requireInteger(week, 'week'), 'week');
  return parts.year * 100 + parts.week;
}

/** The year and week number of a week. */
export function weekParts(week: IsoWeek): { year: number; week: number } {
  return partsOf(week, 'week');
}

/** A week as people write it: `2025W23`. */
export function formatWeek(week: IsoWeek): string {
  const parts = partsOf(week, 'week');
  return `${parts.year}W${pad2(parts.week)}`;
}

/**
 * Validate untrusted input as an ISO week: the text `2025W23`, `2025-W23` or `202523` (a lower-case `w` too), or the
 * integer 202523. Week 0, week 54 and week 53 of a 52-week year are rejected with an invalid_input error naming
 * `field`.
 */
export function parseWeek(input: unknown, field = 'week'): IsoWeek {
  if (typeof input === 'number') {
    const parts = partsOf(input, field);
    return parts.year * 100 + parts.week;
  }
  const match = typeof input === 'string' ? WEEK_TEXT.exec(input) : null;
  if (!match) {
    throw invalidField(field, `${WEEK_HINT}, got ${show(input)}`);
  }
  const parts = checkedParts(Number(match[1]), Number(match[2]), field);
  return parts.year * 100 + parts.week;
}

/**
 * The same week one year earlier, for year-over-year (同比) comparison: same week number, previous week-year.
 * Week 53 maps to week 52 when the previous year has no week 53, so both are compared with last year's final week
 * and the year-end rhythm stays aligned; the price is that W52 and W53 of such a year share one comparison week.
 */
export function sameWeekLastYear(week: IsoWeek): IsoWeek {
  const parts = partsOf(week, 'week');
  if (parts.year === MIN_YEAR) {
    throw invalidField('week', `${formatWeek(week)} has no previous year in the supported calendar`);
  }
  return (parts.year - 1) * 100 + Math.min(parts.week, weekCount(parts.year - 1));
}
