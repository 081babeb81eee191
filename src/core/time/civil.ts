import { type AppError, invalidField } from '../errors.js';

/*
 * Calendar arithmetic shared by the files of core/time. Inside the folder every day is a day number (days since
 * 1970-01-01 in the proleptic Gregorian calendar); the strings of types.ts exist only at the edges.
 */

/** Milliseconds in a calendar day: epoch time has no leap seconds and the town has no DST. */
export const DAY_MS = 86_400_000;

/**
 * The town's offset from UTC. Asia/Shanghai is UTC+8; tzdata also records summer time (+09) in some years before 1992
 * (last in 1986–1991), which Shanzhi deliberately ignores so that an instant maps to its day by one division, in SQL
 * as well as here.
 */
export const TOWN_OFFSET_MS = 8 * 3_600_000;

/**
 * The supported calendar runs from 1900-01-01, a Monday, to 2299-12-31, a Sunday, so every week, month, quarter and
 * year inside it is whole and conversions between them never leave it. That is wide enough for any record or
 * deadline and narrow enough that slipped digits (`0224-05-01`, `3024-05-01`) are rejected instead of accepted.
 */
export const MIN_YEAR = 1900;
/** Last year of the supported calendar (see MIN_YEAR). */
export const MAX_YEAR = 2299;

const CALENDAR_TEXT = `${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31`;

/**
 * Day number of a proleptic Gregorian date: Howard Hinnant's `days_from_civil`
 * (https://howardhinnant.github.io/date_algorithms.html), exact for every year, with no Date object involved.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of daysFromCivil: Hinnant's `civil_from_days`. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Gregorian leap-year rule. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

/** ISO weekday of a day number, 1 = Monday … 7 = Sunday (day 0, 1970-01-01, was a Thursday). */
export function weekdayOfNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** First day number of the supported calendar (1900-01-01). */
export const MIN_DAY_NUMBER = daysFromCivil(MIN_YEAR, 1, 1);
/** Last day number of the supported calendar (2299-12-31). */
export const MAX_DAY_NUMBER = daysFromCivil(MAX_YEAR, 12, 31);

/** Two-digit zero padding for months, days and weeks. */
export function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** A short, safe rendering of any input for error messages: never throws, never echoes a huge string. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'bigint') {
    return `${value}n`;
  }
  if (value === null || value === undefined) {
    return 'nothing';
  }
  return Array.isArray(value) ? 'a list' : `a value of type ${typeof value}`;
}

/** The value if it is a safe integer, else an invalid_input error naming `field`. */
export function requireInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalidField(field, `expected an integer, got ${show(value)}`);
  }
  return value;
}

/** The year if it lies in the supported calendar, else an invalid_input error naming `field`. */
export function requireYear(value: unknown, field: string): number {
  const year = requireInteger(value, field);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw invalidField(field, `year ${year} is outside the supported calendar (${CALENDAR_TEXT})`);
  }
  return year;
}

/**
 * The day number if it lies in the supported calendar. Arithmetic calls this on its result, so the error names the
 * argument that moved the value out (usually the count `n`).
 */
export function requireCalendarDay(dayNumber: number, field: string): number {
  if (dayNumber < MIN_DAY_NUMBER || dayNumber > MAX_DAY_NUMBER) {
    throw outsideCalendar(field);
  }
  return dayNumber;
}

/** The error for arithmetic whose result leaves the supported calendar, naming the argument responsible. */
export function outsideCalendar(field: string): AppError {
  return invalidField(field, `the result falls outside the supported calendar (${CALENDAR_TEXT})`);
}
