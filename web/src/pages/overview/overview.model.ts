import type { Measure, PeriodKind, StatsAnswer, StatsQuery, StatsRow } from '../../api/stats';

/*
 * What the overview asks the stats API and how it reads the answers: pure functions, unit-tested, shared with the
 * e2e test (which checks the cards against the API).
 */

export interface OverviewFilter {
  category?: string;
  place?: string;
}

export const KPI_MEASURES: Measure[] = [
  'records',
  'difficult',
  'overdue',
  'handlingMedian',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
];

/** The KPI query: the period kind's default range (12 periods up to the cube's as-of), split by kind, with 同比/环比. */
export function kpiQuery(town: string | undefined, period: PeriodKind, filter: OverviewFilter): StatsQuery {
  return {
    town,
    period,
    measures: KPI_MEASURES,
    by: ['kind'],
    compare: ['yoy', 'pop'],
    category: filter.category,
    place: filter.place,
  };
}

/** The period the cards show: the latest with any record (the one holding as-of is often just begun). */
export function currentPeriod(answer: StatsAnswer): string | undefined {
  const withRecords = answer.totals.filter((row) => (row.values.records ?? 0) > 0);
  return (withRecords.at(-1) ?? answer.totals.at(-1))?.period;
}

export type KpiId =
  | 'complaints'
  | 'cases'
  | 'difficult'
  | 'overdue'
  | 'handlingMedian'
  | 'responseRate'
  | 'resolutionRate'
  | 'satisfactionRate';

export type KpiFormat = 'count' | 'duration' | 'rate';

export interface Kpi {
  id: KpiId;
  format: KpiFormat;
  value: number | null;
  /** Relative change for counts and durations, difference for rates (docs/stats.md). */
  yoy: number | null;
  pop: number | null;
}

const pick = (row: StatsRow | undefined, measure: string) => ({
  value: row?.values[measure] ?? null,
  yoy: row?.yoy?.change[measure] ?? null,
  pop: row?.pop?.change[measure] ?? null,
});

/** The eight cards of one period: complaints and cases from the kind rows, the rest from the totals. */
export function kpis(answer: StatsAnswer, period: string): Kpi[] {
  const total = answer.totals.find((row) => row.period === period);
  const ofKind = (kind: string) =>
    answer.rows.find((row) => row.period === period && row.keys.kind?.code === kind) ?? {
      period,
      keys: {},
      values: { records: 0 },
    };
  return [
    { id: 'complaints', format: 'count', ...pick(ofKind('complaint'), 'records') },
    { id: 'cases', format: 'count', ...pick(ofKind('case'), 'records') },
    { id: 'difficult', format: 'count', ...pick(total, 'difficult') },
    { id: 'overdue', format: 'count', ...pick(total, 'overdue') },
    { id: 'handlingMedian', format: 'duration', ...pick(total, 'handlingMedian') },
    { id: 'responseRate', format: 'rate', ...pick(total, 'responseRate') },
    { id: 'resolutionRate', format: 'rate', ...pick(total, 'resolutionRate') },
    { id: 'satisfactionRate', format: 'rate', ...pick(total, 'satisfactionRate') },
  ];
}

/** ISO week `YYYYWww` of an instant in town time (UTC+8). */
export function isoWeekOf(ms: number): string {
  const town = new Date(ms + 8 * 3_600_000);
  const day = Date.UTC(town.getUTCFullYear(), town.getUTCMonth(), town.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}W${String(week).padStart(2, '0')}`;
}

/** The trend's query: 26 weeks ending with the week holding as-of, with last year's weeks. */
export function trendQuery(town: string | undefined, asOfMs: number, filter: OverviewFilter): StatsQuery {
  return {
    town,
    period: 'week',
    from: isoWeekOf(asOfMs - 25 * 7 * 86_400_000),
    to: isoWeekOf(asOfMs),
    measures: ['records'],
    compare: ['yoy'],
    category: filter.category,
    place: filter.place,
  };
}

export function categoryQuery(town: string | undefined, period: PeriodKind, at: string, filter: OverviewFilter) {
  return {
    town,
    period,
    from: at,
    to: at,
    measures: ['records'],
    by: ['category1'],
    top: 10,
    category: filter.category,
    place: filter.place,
  } satisfies StatsQuery;
}

export function villageQuery(town: string | undefined, period: PeriodKind, at: string, filter: OverviewFilter) {
  return {
    town,
    period,
    from: at,
    to: at,
    measures: ['records'],
    by: ['village'],
    category: filter.category,
    place: filter.place,
  } satisfies StatsQuery;
}
