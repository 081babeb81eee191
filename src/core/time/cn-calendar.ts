import { MIN_DAY_NUMBER, weekdayOfNumber } from './civil.js';
import { dayNumberOf } from './day.js';
import { HOLIDAY_KEYS, HOLIDAY_NAMES, type HolidayKey, type Locale } from './holiday-names.js';
import { CN_HOLIDAYS, HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR } from './holidays-cn.js';
import type { Day } from './types.js';
import { yearOf } from './year.js';

/*
 * The Chinese working-day calendar: Saturdays and Sundays are rest days, the State Council's holiday days are rest
 * days, and its make-up working days (调休上班, always a Saturday or Sunday) are working days. Data covers
 * HOLIDAY_FIRST_YEAR..HOLIDAY_LAST_YEAR (holidays-cn.ts); outside it the calendar falls back to weekends only rather
 * than throwing, because records older than the data still need durations and deadlines.
 */

/** How the working-day calendar treats a day. */
export type DayType = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

/**
 * How far the calendar of a day can be trusted: `official` (from the State Council notice), `provisional` (a year
 * before its notice: fixed-date holidays only) or `weekends-only` (outside the data).
 */
export type CalendarStatus = 'official' | 'provisional' | 'weekends-only';

interface SpecialDay {
  readonly type: 'holiday' | 'makeup-workday';
  readonly holiday: HolidayKey;
}

const specialDays = new Map<number, SpecialDay>();
/** Sorted day numbers of holiday rest days falling Monday to Friday: each one removes a working day. */
const restWeekdays: number[] = [];
/** Sorted day numbers of make-up working days: each one adds a working day to a weekend. */
const makeupDays: number[] = [];

// Built once at load from a few hundred entries. dayNumberOf also validates the data: a bad day fails the import.
for (const entry of Object.values(CN_HOLIDAYS)) {
  for (const holiday of HOLIDAY_KEYS) {
    for (const day of entry.rest[holiday] ?? []) {
      const dayNumber = dayNumberOf(day, 'CN_HOLIDAYS');
      specialDays.set(dayNumber, { type: 'holiday', holiday });
      if (weekdayOfNumber(dayNumber) <= 5) {
        restWeekdays.push(dayNumber);
      }
    }
    for (const day of entry.work[holiday] ?? []) {
      const dayNumber = dayNumberOf(day, 'CN_HOLIDAYS');
      specialDays.set(dayNumber, { type: 'makeup-workday', holiday });
      makeupDays.push(dayNumber);
    }
  }
}
restWeekdays.sort((a, b) => a - b);
makeupDays.sort((a, b) => a - b);

/** The calendar's verdict on a day number. */
export function dayTypeOfNumber(dayNumber: number): DayType {
  const special = specialDays.get(dayNumber);
  if (special) {
    return special.type;
  }
  return weekdayOfNumber(dayNumber) >= 6 ? 'weekend' : 'workday';
}

/** Whether a day number is a working day. */
export function isWorkingDayNumber(dayNumber: number): boolean {
  const type = dayTypeOfNumber(dayNumber);
  return type === 'workday' || type === 'makeup-workday';
}

/** How many of the sorted values are ≤ limit (binary search). */
function countUpTo(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Number.POSITIVE_INFINITY) <= limit) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** Mondays to Fridays from MIN_DAY_NUMBER (itself a Monday) through a day number. */
function weekdaysThrough(dayNumber: number): number {
  const days = dayNumber - MIN_DAY_NUMBER + 1;
  return 5 * Math.floor(days / 7) + Math.min(days % 7, 5);
}

/**
 * Working days in the day-number interval (from, to], for from ≤ to, in constant time plus two binary searches:
 * the weekdays of the interval, less the holidays that fall on weekdays, plus the make-up working days.
 */
export function countWorkingDays(from: number, to: number): number {
  const weekdays = weekdaysThrough(to) - weekdaysThrough(from);
  const holidays = countUpTo(restWeekdays, to) - countUpTo(restWeekdays, from);
  const makeups = countUpTo(makeupDays, to) - countUpTo(makeupDays, from);
  return weekdays - holidays + makeups;
}

/** How the working-day calendar treats a day: a plain workday or weekend, a holiday, or a make-up working day. */
export function dayTypeOf(day: Day): DayType {
  return dayTypeOfNumber(dayNumberOf(day, 'day'));
}

/** Whether a day is a working day in China: not a weekend or holiday, or a make-up working day (调休上班). */
export function isWorkingDay(day: Day): boolean {
  return isWorkingDayNumber(dayNumberOf(day, 'day'));
}

/** The holiday a rest day belongs to; undefined for every other day, make-up working days included. */
export function holidayOf(day: Day): HolidayKey | undefined {
  const special = specialDays.get(dayNumberOf(day, 'day'));
  return special?.type === 'holiday' ? special.holiday : undefined;
}

/** The name of the holiday a rest day belongs to (春节, 国庆节 …, or in English); undefined for other days. */
export function holidayName(day: Day, locale: Locale = 'zh-CN'): string | undefined {
  const holiday = holidayOf(day);
  return holiday === undefined ? undefined : HOLIDAY_NAMES[holiday][locale];
}

/** Whether the calendar of a day is official, provisional or a weekends-only fallback (see CalendarStatus). */
export function calendarStatusOf(day: Day): CalendarStatus {
  const year = yearOf(day);
  const entry = CN_HOLIDAYS[year];
  if (year < HOLIDAY_FIRST_YEAR || year > HOLIDAY_LAST_YEAR || entry === undefined) {
    return 'weekends-only';
  }
  return entry.provisional ? 'provisional' : 'official';
}
