import type { ReportListQuery, ReportTypeName } from '../../api/reports';
import type { PeriodKind, StatsAnswer, StatsQuery } from '../../api/stats';
import type { Locale } from '../../i18n/messages';

/*
 * What the reports page reads and asks: the report types and their periods (canonical text as the API writes them:
 * 2025W23, 2025-06, 2025Q2), the default period of "generate now" (the last complete one in town time), the list's
 * address state and query, and the stats sources of a report. Pure functions, tested in reports.model.test.ts.
 */

export const REPORT_TYPES: readonly ReportTypeName[] = ['weekly', 'monthly', 'quarterly'];
export const PAGE_SIZE = 20;

const DAY_MS = 86_400_000;
/** Town time is China Standard Time, UTC+8 all year (no daylight saving). */
const TOWN_OFFSET_MS = 8 * 3_600_000;

export function isReportType(value: string | null | undefined): value is ReportTypeName {
  return value === 'weekly' || value === 'monthly' || value === 'quarterly';
}

interface TownDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

function townDate(ms: number): TownDate {
  const d = new Date(ms + TOWN_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO week `YYYYWww` of an instant in town time. */
export function weekOf(ms: number): string {
  const { year, month, day } = townDate(ms);
  const date = Date.UTC(year, month - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${isoYear}W${pad(week)}`;
}

/** The Monday (UTC midnight of its date) of an ISO week `YYYYWww`. */
export function weekMonday(period: string): number {
  const match = /^(\d{4})W(\d{2})$/.exec(period);
  if (!match) {
    throw new Error(`not a week: ${period}`);
  }
  const jan4 = Date.UTC(Number(match[1]), 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - jan4Weekday * DAY_MS + (Number(match[2]) - 1) * 7 * DAY_MS;
}

/** The complete periods of a type before `now` (town time), newest first: the first is the default to generate. */
export function recentPeriods(type: ReportTypeName, now: number, count: number): string[] {
  const periods: string[] = [];
  if (type === 'weekly') {
    // The Monday of the current week, then back one week at a time.
    const current = weekMonday(weekOf(now));
    for (let i = 1; i <= count; i += 1) {
      periods.push(weekOf(current - i * 7 * DAY_MS - TOWN_OFFSET_MS));
    }
    return periods;
  }
  const { year, month } = townDate(now);
  if (type === 'monthly') {
    for (let i = 1; i <= count; i += 1) {
      const index = year * 12 + (month - 1) - i;
      periods.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
    }
    return periods;
  }
  const quarter = Math.floor((month - 1) / 3);
  for (let i = 1; i <= count; i += 1) {
    const index = year * 4 + quarter - i;
    periods.push(`${Math.floor(index / 4)}Q${(index % 4) + 1}`);
  }
  return periods;
}

/** The last complete period of a type at `now` (town time): last week, last month, last quarter. */
export function lastCompletePeriod(type: ReportTypeName, now: number): string {
  return recentPeriods(type, now, 1)[0] as string;
}

/** How many periods the pickers offer: about three years back. */
export const PICKER_PERIODS: Record<ReportTypeName, number> = { weekly: 156, monthly: 36, quarterly: 12 };

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period in words: 2026年第48周（11月23日—11月29日）, 2026年11月, 2026年第4季度 (en-US: Week 48, 2026 …). */
export function periodLabel(period: string, locale: Locale): string {
  const week = /^(\d{4})W(\d{2})$/.exec(period);
  if (week) {
    const monday = new Date(weekMonday(period));
    const sunday = new Date(weekMonday(period) + 6 * DAY_MS);
    const n = Number(week[2]);
    if (locale === 'en-US') {
      const day = (d: Date) => `${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
      return `Week ${n}, ${week[1]} (${day(monday)} – ${day(sunday)})`;
    }
    const day = (d: Date) => `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
    return `${week[1]}年第${n}周（${day(monday)}—${day(sunday)}）`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const m = Number(month[2]);
    return locale === 'en-US' ? `${EN_MONTHS[m - 1]} ${month[1]}` : `${month[1]}年${m}月`;
  }
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (quarter) {
    return locale === 'en-US' ? `Q${quarter[2]} ${quarter[1]}` : `${quarter[1]}年第${quarter[2]}季度`;
  }
  return period;
}

/** An instant in town time, `2026-11-30 08:00`. */
export function formatInstant(ms: number): string {
  const d = new Date(ms + TOWN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The list's state in the address: `?type=weekly&period=2026W47&page=2`. */
export interface ListState {
  type?: ReportTypeName;
  period?: string;
  /** 1-based */
  page: number;
}

export function readListState(params: URLSearchParams): ListState {
  const type = params.get('type');
  const period = params.get('period')?.trim();
  const page = Number(params.get('page'));
  return {
    type: isReportType(type) ? type : undefined,
    // A period means something only within its type.
    period: isReportType(type) && period ? period : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function listParams(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.type) {
    params.set('type', state.type);
    if (state.period) {
      params.set('period', state.period);
    }
  }
  if (state.page > 1) {
    params.set('page', String(state.page));
  }
  return params;
}

/** The list request of a state: newest first, one page. */
export function listQuery(town: string | undefined, state: ListState): ReportListQuery {
  return {
    town,
    type: state.type,
    period: state.period,
    limit: PAGE_SIZE,
    offset: (state.page - 1) * PAGE_SIZE,
  };
}

/** The versions of one report: same town, type, period and locale (the API lists them newest first). */
export function versionsQuery(report: { town: { code: string }; type: string; period: string; locale: string }) {
  return { town: report.town.code, type: report.type, period: report.period, locale: report.locale, limit: 200 };
}

export interface SourceQuery {
  name: string;
  /** The query string of `GET /api/stats` as the builder asked it. */
  query: string;
}

/** The stats queries a report read (its `sources.queries`), each as a `GET /api/stats` query string. */
export function sourceQueries(sources: Record<string, unknown>): SourceQuery[] {
  const queries = sources.queries;
  if (!queries || typeof queries !== 'object' || Array.isArray(queries)) {
    return [];
  }
  return Object.entries(queries as Record<string, unknown>).flatMap(([name, value]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return [];
    }
    const params = new URLSearchParams();
    for (const [key, part] of Object.entries(value as Record<string, unknown>)) {
      if (typeof part === 'string' || typeof part === 'number' || typeof part === 'boolean') {
        params.set(key, String(part));
      } else if (Array.isArray(part)) {
        params.set(key, part.join(','));
      }
    }
    return [{ name, query: params.toString() }];
  });
}

const PERIOD_KINDS: Record<ReportTypeName, PeriodKind> = { weekly: 'week', monthly: 'month', quarterly: 'quarter' };

/** How many records a period holds (the same count as the report's 记录总数), asked before generating. */
export function periodRecordsQuery(town: string, type: ReportTypeName, period: string): StatsQuery {
  return { town, period: PERIOD_KINDS[type], from: period, to: period, measures: ['records'] };
}

/** The records of the answer's periods together; null when the answer has no period. */
export function recordsOf(answer: StatsAnswer): number | null {
  if (answer.totals.length === 0) {
    return null;
  }
  return answer.totals.reduce((sum, row) => sum + (row.values.records ?? 0), 0);
}
