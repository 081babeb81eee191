/**
 * core/time: the town's calendar. Pure functions on Shanzhi's portable time values: instants in epoch ms, days
 * `YYYY-MM-DD`, ISO weeks `YYYYWW`, months `YYYY-MM`, quarters `2025Q2`, all in the town's zone (Asia/Shanghai, UTC+8),
 * plus the Chinese working-day calendar. Parse untrusted input with the parse* functions, naming the field; the other
 * functions validate their arguments too, but their errors can only name their own parameters.
 */
export { MAX_YEAR, MIN_YEAR } from './civil.js';
export {
  type CalendarStatus,
  calendarStatusOf,
  type DayType,
  dayTypeOf,
  holidayName,
  holidayOf,
  isWorkingDay,
} from './cn-calendar.js';
export { addDays, dayOf, daysBetween, parseDay, startOfDay, weekdayOf } from './day.js';
export { HOLIDAY_KEYS, HOLIDAY_NAMES, type HolidayKey, type HolidayYear, type Locale } from './holiday-names.js';
export { CN_HOLIDAYS, HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR } from './holidays-cn.js';
export { townIso } from './instant.js';
export {
  addWeeks,
  formatWeek,
  isoWeekOf,
  makeWeek,
  parseWeek,
  sameWeekLastYear,
  weekEnd,
  weekParts,
  weekStart,
  weeksBetween,
  weeksInYear,
} from './iso-week.js';
export { addMonths, makeMonth, monthEnd, monthOf, monthParts, monthStart, monthsBetween, parseMonth } from './month.js';
export {
  addPeriods,
  formatPeriod,
  type Period,
  type PeriodKind,
  type PeriodRange,
  parsePeriod,
  periodOf,
  periodRange,
  previousPeriod,
  samePeriodLastYear,
} from './period.js';
export {
  addQuarters,
  makeQuarter,
  parseQuarter,
  quarterEnd,
  quarterOf,
  quarterParts,
  quarterStart,
  quartersBetween,
} from './quarter.js';
export type { Day, EpochMs, IsoWeek, Month, Quarter } from './types.js';
export { addWorkingDays, deadlineAfter, workingDaysBetween, workingTimeBetween } from './working-days.js';
export { parseYear, yearEnd, yearOf, yearStart } from './year.js';
