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
  | 'satisfactionRate';

export type PeriodKind = 'week' | 'month' | 'quarter';

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
  yoy?: Comparison;
  pop?: Comparison;
}

export interface StatsAnswer {
  asOf: string | null;
  asOfMs: number | null;
  periods: string[];
  rows: StatsRow[];
  totals: StatsRow[];
}

export interface StatsQuery {
  town?: string;
  period: PeriodKind;
  from?: string;
  to?: string;
  measures: Measure[];
  by?: string[];
  compare?: ('yoy' | 'pop')[];
  top?: number;
  category?: string;
  place?: string;
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
  };
}

export const fetchStats = (query: StatsQuery, signal?: AbortSignal) =>
  api.get<StatsAnswer>('/api/stats', statsParams(query), signal);
