import type { Actor } from '../auth/index.js';
import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  dayOf,
  formatWeek,
  isoWeekOf,
  isWorkingDay,
  type Locale,
  monthEnd,
  monthOf,
  parseMonth,
  parseQuarter,
  parseWeek,
  quarterEnd,
  quarterOf,
  startOfDay,
  weekEnd,
} from '../core/time/index.js';
import type { Db } from '../store/database.js';
import type { ReportTypeName } from '../store/tables/reports.js';
import type { ReportDocument } from './document/index.js';
import { buildMonthlyAdvice, monthlyQueries } from './monthly/index.js';
import { buildQuarterlyPortrait, quarterlyQueries } from './quarterly/index.js';
import { buildWeeklyBulletin, weeklyQueries } from './weekly/index.js';

/*
 * The report types: what each period looks like, how its document is built, and when its scheduled run is due.
 * The archive, the API, the CLI and the jobs know reports only through this registry, so a new type is one import
 * and one entry below.
 */

export interface BuildDeps {
  db: Db;
  actor: Actor;
}

export interface BuildInput {
  townCode: string;
  /** The canonical period text of the type (2025W23, 2025-06, 2025Q2). */
  period: string;
  locale: Locale;
}

/**
 * When a type's run is due: periods as canonical text, `periodOf` the one containing a town day, `previous` the one
 * before, `dueAt` the instant (epoch ms) its run is due, after the period has ended.
 */
export interface ScheduleRule {
  periodOf(day: string): string;
  previous(period: string): string;
  dueAt(period: string): number;
}

export interface ReportType {
  /** The period parsed from untrusted text into its canonical text; errors name `field`. */
  parsePeriod(input: unknown, field: string): string;
  /** An example for help texts. */
  example: string;
  build(deps: BuildDeps, input: BuildInput): Promise<ReportDocument>;
  /** The stats queries the builder reads, stored with each version (optional for builders that do not expose them). */
  queries?(townCode: string, period: string): unknown;
  schedule: ScheduleRule;
}

const HOUR_MS = 3_600_000;
/** Scheduled reports are written at 08:00 town time, before the Monday joint office (周一集中办公) opens. */
export const SCHEDULE_HOUR = 8;

/** The first working day on or after `day` (the Chinese calendar with its make-up working days). */
export function firstWorkingDayFrom(day: string): string {
  let d = day;
  for (let i = 0; i < 40 && !isWorkingDay(d); i += 1) {
    d = addDays(d, 1);
  }
  return d;
}

const at8 = (day: string) => startOfDay(day) + SCHEDULE_HOUR * HOUR_MS;

/** Weekly: Monday 08:00 for the ISO week that ended the day before. */
export const WEEKLY: ScheduleRule = {
  periodOf: (day) => formatWeek(isoWeekOf(day)),
  previous: (period) => formatWeek(addWeeks(parseWeek(period, 'period'), -1)),
  dueAt: (period) => at8(addDays(weekEnd(parseWeek(period, 'period')), 1)),
};

/** Monthly: 08:00 on the first working day of the next month. */
export const MONTHLY: ScheduleRule = {
  periodOf: (day) => monthOf(day),
  previous: (period) => addMonths(period, -1),
  dueAt: (period) => at8(firstWorkingDayFrom(addDays(monthEnd(period), 1))),
};

/** Quarterly: 08:00 on the first working day of the next quarter. */
export const QUARTERLY: ScheduleRule = {
  periodOf: (day) => quarterOf(day),
  previous: (period) => addQuarters(period, -1),
  dueAt: (period) => at8(firstWorkingDayFrom(addDays(quarterEnd(period), 1))),
};

/** The latest period of a rule whose run is due at `now`: the one that just ended, or the one before if not yet. */
export function latestDuePeriod(rule: ScheduleRule, now: number): string {
  const ended = rule.previous(rule.periodOf(dayOf(now)));
  return rule.dueAt(ended) <= now ? ended : rule.previous(ended);
}

export const REPORT_TYPES: Record<ReportTypeName, ReportType> = {
  weekly: {
    parsePeriod: (input, field) => formatWeek(parseWeek(input, field)),
    example: '2025W23',
    build: (deps, q) => buildWeeklyBulletin(deps, { townCode: q.townCode, week: q.period, locale: q.locale }),
    queries: (townCode, period) => weeklyQueries(townCode, parseWeek(period, 'period')),
    schedule: WEEKLY,
  },
  monthly: {
    parsePeriod: (input, field) => parseMonth(input, field),
    example: '2025-06',
    build: (deps, q) => buildMonthlyAdvice(deps, { townCode: q.townCode, month: q.period, locale: q.locale }),
    queries: (townCode, period) => monthlyQueries(townCode, parseMonth(period, 'period')),
    schedule: MONTHLY,
  },
  quarterly: {
    parsePeriod: (input, field) => parseQuarter(input, field),
    example: '2025Q2',
    build: (deps, q) => buildQuarterlyPortrait(deps, { townCode: q.townCode, quarter: q.period, locale: q.locale }),
    queries: (townCode, period) => quarterlyQueries(townCode, parseQuarter(period, 'period')),
    schedule: QUARTERLY,
  },
};

/** The registered type names, in registry order. */
export function reportTypeNames(): ReportTypeName[] {
  return Object.keys(REPORT_TYPES) as ReportTypeName[];
}

/** A registered type, or undefined. */
export function reportType(name: string): ReportType | undefined {
  return Object.hasOwn(REPORT_TYPES, name) ? REPORT_TYPES[name as ReportTypeName] : undefined;
}
