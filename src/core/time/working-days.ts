import { invalidField } from '../errors.js';
import { DAY_MS, requireCalendarDay, requireInteger } from './civil.js';
import { countWorkingDays, isWorkingDayNumber } from './cn-calendar.js';
import { dayNumberOf, dayNumberStartMs, formatDayNumber, instantDayNumber } from './day.js';
import type { Day, EpochMs } from './types.js';

/*
 * Deadlines and durations on the Chinese working-day calendar (cn-calendar.ts). Counting follows the usual reading
 * of "within N working days" in administrative rules: the day of receipt is not counted, counting starts with the
 * next working day, and a deadline that would fall on a rest day is pushed to the next working day by construction.
 */

/** The |n|-th working day after (n > 0) or before (n < 0) a day number; n = 0 is the day itself. */
function stepWorkingDays(start: number, n: number, field: string): number {
  const step = Math.sign(n);
  let dayNumber = start;
  for (let left = Math.abs(n); left > 0; ) {
    // Bounded: the loop leaves the supported calendar, and throws, long before it could run away.
    dayNumber = requireCalendarDay(dayNumber + step, field);
    if (isWorkingDayNumber(dayNumber)) {
      left--;
    }
  }
  return dayNumber;
}

/**
 * The deadline day "N working days after receipt": the n-th working day strictly after `day`, which itself is never
 * counted, even when it is a working day. Received on Friday or on Saturday, 1 working day is the next Monday (or the
 * first working day after a holiday). Negative `n` counts backwards the same way (the |n|-th working day before);
 * `n = 0` returns `day` unchanged.
 */
export function addWorkingDays(day: Day, n: number): Day {
  return formatDayNumber(stepWorkingDays(dayNumberOf(day, 'day'), requireInteger(n, 'n'), 'n'));
}

/**
 * The instant a record received at `ms` falls due: 24:00 (town time) of the deadline day `addWorkingDays(dayOf(ms),
 * workingDays)`. The time of day of receipt does not matter. A record still open at or after this instant is overdue.
 */
export function deadlineAfter(ms: EpochMs, workingDays: number): EpochMs {
  const received = instantDayNumber(ms, 'ms');
  const count = requireInteger(workingDays, 'workingDays');
  if (count < 0) {
    throw invalidField('workingDays', `must not be negative, got ${count}`);
  }
  return dayNumberStartMs(stepWorkingDays(received, count, 'workingDays')) + DAY_MS;
}

/**
 * Working days from `a` to `b`, counted like addWorkingDays: the working days in (a, b], so that
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n` for n ≥ 0. Negative when `b` is before `a`.
 */
export function workingDaysBetween(a: Day, b: Day): number {
  const from = dayNumberOf(a, 'a');
  const to = dayNumberOf(b, 'b');
  // `0 - x` rather than `-x`, which would give -0 for an empty interval.
  return to >= from ? countWorkingDays(from, to) : 0 - countWorkingDays(to, from);
}

/** Working time of the instant interval [fromMs, toMs), fromMs ≤ toMs. */
function forwardWorkingTime(fromMs: EpochMs, toMs: EpochMs, fromDay: number, toDay: number): number {
  if (fromDay === toDay) {
    return isWorkingDayNumber(fromDay) ? toMs - fromMs : 0;
  }
  const firstPart = isWorkingDayNumber(fromDay) ? dayNumberStartMs(fromDay + 1) - fromMs : 0;
  const wholeDays = countWorkingDays(fromDay, toDay - 1) * DAY_MS;
  const lastPart = isWorkingDayNumber(toDay) ? toMs - dayNumberStartMs(toDay) : 0;
  return firstPart + wholeDays + lastPart;
}

/**
 * Working time between two instants: the milliseconds of [fromMs, toMs) that fall on working days of the town,
 * each working day counting its whole 24 hours. Office hours are deliberately not modelled: towns keep different
 * hours, the 12345 hotline and the rapid response squads work around the clock, and what stops the clock of a
 * handling duration (处置时长) is a rest day, not the evening. So a complaint received Friday 18:00 and closed
 * Monday 09:00 took 6 h + 9 h = 15 h of working time. Negative when `toMs` is before `fromMs`.
 */
export function workingTimeBetween(fromMs: EpochMs, toMs: EpochMs): number {
  const fromDay = instantDayNumber(fromMs, 'fromMs');
  const toDay = instantDayNumber(toMs, 'toMs');
  return toMs >= fromMs
    ? forwardWorkingTime(fromMs, toMs, fromDay, toDay)
    : 0 - forwardWorkingTime(toMs, fromMs, toDay, fromDay);
}
