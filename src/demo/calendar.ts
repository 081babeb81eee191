import {
  addDays,
  addWeeks,
  type Day,
  type EpochMs,
  type IsoWeek,
  isoWeekOf,
  isWorkingDay,
  startOfDay,
  weekdayOf,
  weekStart,
} from '../core/time/index.js';
import { springFestival } from './spring-festival.js';

const DAY_MS = 86_400_000;

/**
 * Days past the last week that the calendar also covers, so that deadlines (up to 60 working days) and handling
 * times of records opened in the last week can be computed.
 */
const TAIL_DAYS = 240;

/**
 * The demo's days as arrays indexed by day (0 = Monday of the first week): what the generator asks about every
 * record, looked up instead of recomputed. Built once from core/time (weeks, the working-day calendar) and the
 * Spring Festival table; tests check the lookups against core/time's own functions.
 */
export interface DemoCalendar {
  firstWeek: IsoWeek;
  lastWeek: IsoWeek;
  weeks: readonly IsoWeek[];
  /** Day text of each day, through TAIL_DAYS after the last week. */
  days: readonly Day[];
  /** The same as YYYYMMDD (for record numbers) and as M月D日 (for texts). */
  compactDays: readonly string[];
  chineseDays: readonly string[];
  /** 00:00 in the town of day 0. */
  firstDayMs: EpochMs;
  /** The end of the data: 00:00 on the Monday after the last week. Records still open then are open in the demo. */
  endMs: EpochMs;
  /** ISO weekday 1–7. */
  weekday: Uint8Array;
  /** 1 on working days of the Chinese calendar (make-up Saturdays included, holidays excluded). */
  working: Uint8Array;
  month: Uint8Array;
  dayOfMonth: Uint8Array;
  dayOfYear: Uint16Array;
  /** Signed days from the nearest Spring Festival (negative before it). */
  fromSpringFestival: Int16Array;
  /** Working days strictly before each day, counted from day 0. */
  workingBefore: Int32Array;
  /** Day indices of the working days, in order. */
  workingDays: Int32Array;
}

/** The last complete ISO week before a day: the week of the Sunday strictly before it. */
export function lastCompleteWeekBefore(day: Day): IsoWeek {
  return isoWeekOf(addDays(day, -weekdayOf(day)));
}

function nearestSpringFestival(day: Day, year: number): number {
  const ms = startOfDay(day);
  let best = Number.POSITIVE_INFINITY;
  for (const y of [year - 1, year, year + 1]) {
    const distance = Math.round((ms - startOfDay(springFestival(y))) / DAY_MS);
    if (Math.abs(distance) < Math.abs(best)) {
      best = distance;
    }
  }
  return best;
}

/** The calendar of `weekCount` weeks ending with `lastWeek`. */
export function buildCalendar(lastWeek: IsoWeek, weekCount: number): DemoCalendar {
  const firstWeek = addWeeks(lastWeek, 1 - weekCount);
  const weeks = Array.from({ length: weekCount }, (_, i) => addWeeks(firstWeek, i));
  const firstDay = weekStart(firstWeek);
  const count = weekCount * 7 + TAIL_DAYS;
  const days: Day[] = [];
  const weekday = new Uint8Array(count);
  const working = new Uint8Array(count);
  const month = new Uint8Array(count);
  const dayOfMonth = new Uint8Array(count);
  const dayOfYear = new Uint16Array(count);
  const fromSpringFestival = new Int16Array(count);
  const workingBefore = new Int32Array(count);
  const workingList: number[] = [];
  const firstDayMs = startOfDay(firstDay);
  for (let i = 0; i < count; i++) {
    const day = addDays(firstDay, i);
    const year = Number(day.slice(0, 4));
    days.push(day);
    weekday[i] = weekdayOf(day);
    working[i] = isWorkingDay(day) ? 1 : 0;
    month[i] = Number(day.slice(5, 7));
    dayOfMonth[i] = Number(day.slice(8, 10));
    dayOfYear[i] = Math.round((startOfDay(day) - startOfDay(`${year}-01-01`)) / DAY_MS) + 1;
    fromSpringFestival[i] = nearestSpringFestival(day, year);
    workingBefore[i] = workingList.length;
    if (working[i]) {
      workingList.push(i);
    }
  }
  return {
    firstWeek,
    lastWeek,
    weeks,
    days,
    compactDays: days.map((day) => day.replaceAll('-', '')),
    chineseDays: days.map((day) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`),
    firstDayMs,
    endMs: firstDayMs + weekCount * 7 * DAY_MS,
    weekday,
    working,
    month,
    dayOfMonth,
    dayOfYear,
    fromSpringFestival,
    workingBefore,
    workingDays: Int32Array.from(workingList),
  };
}

/** 00:00 in the town of a day index. */
export function dayStartMs(calendar: DemoCalendar, dayIndex: number): EpochMs {
  return calendar.firstDayMs + dayIndex * DAY_MS;
}

/** The day index of an instant. */
export function dayIndexOf(calendar: DemoCalendar, ms: EpochMs): number {
  return Math.floor((ms - calendar.firstDayMs) / DAY_MS);
}

/**
 * The deadline of a record opened on a day: 24:00 of the n-th working day after it, the day itself not counted, as
 * core/time's deadlineAfter computes it (and a test checks). NaN past the calendar's tail.
 */
export function deadlineMs(calendar: DemoCalendar, dayIndex: number, workingDays: number): EpochMs {
  if (workingDays === 0) {
    return dayStartMs(calendar, dayIndex) + DAY_MS;
  }
  // Working days up to and including the opening day, then the n-th after them.
  const through = (calendar.workingBefore[dayIndex] as number) + (calendar.working[dayIndex] as number);
  const deadlineDay = calendar.workingDays[through + workingDays - 1];
  return deadlineDay === undefined ? Number.NaN : dayStartMs(calendar, deadlineDay) + DAY_MS;
}

/**
 * The instant at which `workMs` of working time (whole 24-hour working days, as core/time's workingTimeBetween counts
 * it) has passed since `openedMs`: rest days stop the clock. NaN past the calendar's tail.
 */
export function afterWorkingTime(calendar: DemoCalendar, openedMs: EpochMs, workMs: number): EpochMs {
  const day = dayIndexOf(calendar, openedMs);
  const intoDay = calendar.working[day] ? openedMs - dayStartMs(calendar, day) : 0;
  const target = (calendar.workingBefore[day] as number) * DAY_MS + intoDay + workMs;
  const whole = Math.floor(target / DAY_MS);
  const closingDay = calendar.workingDays[whole];
  return closingDay === undefined ? Number.NaN : dayStartMs(calendar, closingDay) + (target - whole * DAY_MS);
}
