import { invalidField } from '../errors.js';
import {
  civilFromDays,
  DAY_MS,
  daysFromCivil,
  daysInMonth,
  MAX_DAY_NUMBER,
  MAX_YEAR,
  MIN_DAY_NUMBER,
  MIN_YEAR,
  pad2,
  requireCalendarDay,
  requireInteger,
  requireYear,
  show,
  TOWN_OFFSET_MS,
  weekdayOfNumber,
} from './civil.js';
import type { Day, EpochMs } from './types.js';

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number of day text, or an invalid_input error naming `field`. Every function taking a Day goes through here,
 * so a malformed or impossible day can never turn into a wrong answer further down.
 */
export function dayNumberOf(input: unknown, field: string): number {
  const match = typeof input === 'string' ? DAY_TEXT.exec(input) : null;
  if (!match) {
    throw invalidField(field, `expected a date YYYY-MM-DD such as 2025-06-01, got ${show(input)}`);
  }
  const year = requireYear(Number(match[1]), field);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) {
    throw invalidField(field, `${input} is not a real date: there is no month ${match[2]}`);
  }
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) {
    throw invalidField(field, `${input} is not a real date: ${year}-${match[2]} has ${length} days`);
  }
  return daysFromCivil(year, month, day);
}

/** Day text of a day number (which the caller has kept inside the supported calendar). */
export function formatDayNumber(dayNumber: number): Day {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Day number of the town day an instant falls on, or an invalid_input error naming `field`. */
export function instantDayNumber(ms: unknown, field: string): number {
  const instant = requireInteger(ms, field);
  const dayNumber = Math.floor((instant + TOWN_OFFSET_MS) / DAY_MS);
  if (dayNumber < MIN_DAY_NUMBER || dayNumber > MAX_DAY_NUMBER) {
    throw invalidField(field, `instant ${instant} is outside the supported calendar (${MIN_YEAR}–${MAX_YEAR})`);
  }
  return dayNumber;
}

/** Epoch ms of 00:00 in the town on a day number. */
export function dayNumberStartMs(dayNumber: number): EpochMs {
  return dayNumber * DAY_MS - TOWN_OFFSET_MS;
}

/** The town day (Asia/Shanghai, UTC+8) on which an instant falls. */
export function dayOf(ms: EpochMs): Day {
  return formatDayNumber(instantDayNumber(ms, 'ms'));
}

/** Epoch ms of 00:00 Asia/Shanghai on a day; the day ends at startOfDay of the next day (exclusive). */
export function startOfDay(day: Day): EpochMs {
  return dayNumberStartMs(dayNumberOf(day, 'day'));
}

/** The day `n` calendar days after `day` (before it when `n` is negative). */
export function addDays(day: Day, n: number): Day {
  const start = dayNumberOf(day, 'day');
  return formatDayNumber(requireCalendarDay(start + requireInteger(n, 'n'), 'n'));
}

/** Calendar days from `a` to `b`: positive when `b` is later, so `addDays(a, daysBetween(a, b)) === b`. */
export function daysBetween(a: Day, b: Day): number {
  return dayNumberOf(b, 'b') - dayNumberOf(a, 'a');
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: Day): number {
  return weekdayOfNumber(dayNumberOf(day, 'day'));
}

/**
 * Validate untrusted input as a day: exactly `YYYY-MM-DD`, a date that exists (2024-02-30 does not) and inside the
 * supported calendar. Otherwise throws invalid_input whose message and `details.issues` name `field`.
 */
export function parseDay(text: unknown, field = 'day'): Day {
  // Re-formatting returns the same text (the pattern is strict) and lets the type follow from the check.
  return formatDayNumber(dayNumberOf(text, field));
}
