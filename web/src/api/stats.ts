import { api } from './client';

/** The measures of GET /api/stats (docs/stats.md). */
export type Measure =
  | 'records'
  | 'difficult'
  | 'closed'
  | 'overdue'
  | 'handlingMedian'
  | 'responseRate'
  | 'resolutionRate'
  | 'satisfactionRate'
  | 'cancelled'
  | 'reopened'
  | 'responseDue'
  | 'responded'
  | 'resolutionDue'
  | 'resolved'
  | 'rated'
  | 'satisfied'
  | 'handled'
  | 'handlingMean'
  | 'workHandlingMean'
  | 'handlingP90'
  | 'workHandlingMedian'
  | 'workHandlingP90';

/** Every measure, in the order the API documents them (counts, rates, durations). */
export const MEASURES: readonly Measure[] = [
  'records',
  'difficult',
  'closed',
  'cancelled',
  'overdue',
  'reopened',
  'responseDue',
  'responded',
  'resolutionDue',
  'resolved',
  'rated',
  'satisfied',
  'handled',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'handlingMean',
  'workHandlingMean',
  'handlingMedian',
  'handlingP90',
  'workHandlingMedian',
  'workHandlingP90',
];

/** How a measure reads: a count, a rate 0–1 (its change is a difference), or a duration in milliseconds. */
export function measureKind(measure: Measure): 'count' | 'rate' | 'duration' {
  return measure.endsWith('Rate') ? 'rate' : /Mean$|Median$|P90$/.test(measure) ? 'duration' : 'count';
}

/** The dimensions of `by` (docs/stats.md). */
export const DIMENSIONS = [
  'category1',
  'category2',
  'category3',
  'village',
  'group',
  'department',
  'source',
  'kind',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A complaint's channel or a case's source (the `source` filter and dimension). */
export const SOURCES = [
  'hotline_12345',
  'web',
  'phone',
  'visit',
  'api',
  'other',
  'patrol',
  'complaint_referral',
  'department_referral',
  'report',
] as const;

export type PeriodKind = 'week' | 'month' | 'quarter';
/** Every period kind the stats API counts by (the header's picker offers the first three). */
export type StatsPeriod = PeriodKind | 'year';

export interface StatsKey {
  id: number;
  code: string | null;
  name: string;
  nameEn: string | null;
}

export interface Comparison {
  period: string;
  values: Record<string, number | null>;
  change: Record<string, number | null>;
}

export interface StatsRow {
  period: string;
  keys: Record<string, StatsKey>;
  values: Record<string, number | null>;
  /** Each count measure's share of the period's total (with `share=true`). */
  share?: Record<string, number | null>;
  yoy?: Comparison;
  pop?: Comparison;
}

/** The query as the server read it, defaults filled in (e.g. the range it chose). */
export interface StatsEcho {
  town: string | null;
  period: StatsPeriod;
  from: string;
  to: string;
  measures: string[];
  by: string[];
  compare: string[];
  top: number | null;
  share: boolean;
}

export interface StatsAnswer {
  asOf: string | null;
  asOfMs: number | null;
  query?: StatsEcho;
  periods: string[];
  rows: StatsRow[];
  totals: StatsRow[];
}

export interface StatsQuery {
  town?: string;
  period: StatsPeriod;
  from?: string;
  to?: string;
  measures: Measure[];
  by?: string[];
  compare?: ('yoy' | 'pop')[];
  top?: number;
  category?: string;
  place?: string;
  share?: boolean;
  department?: string;
  source?: string;
  kind?: 'complaint' | 'case';
}

/** The query string of a stats query, as the server reads it (the e2e test sends the same one). */
export function statsParams(query: StatsQuery): Record<string, string | number | undefined> {
  return {
    town: query.town,
    period: query.period,
    from: query.from,
    to: query.to,
    measures: query.measures.join(','),
    by: query.by?.join(','),
    compare: query.compare?.join(','),
    top: query.top,
    category: query.category,
    place: query.place,
    share: query.share ? 'true' : undefined,
    department: query.department,
    source: query.source,
    kind: query.kind,
  };
}

export const fetchStats = (query: StatsQuery, signal?: AbortSignal) =>
  api.get<StatsAnswer>('/api/stats', statsParams(query), signal);
