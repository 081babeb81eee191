import type { CategoryNode } from '../../api/categories';
import type { Query } from '../../api/client';
import {
  type AnyRecord,
  RECORD_FLAGS,
  type RecordChange,
  type RecordFlag,
  type RecordKind,
  type RecordPath,
  type StatsCountRow,
  type StatsRecordsQuery,
} from '../../api/records';

/*
 * The records page's state and what it asks the API: the filters as the address carries them (so links from the
 * overview and reloads work), the queries of the record search and of the records behind a stats number, the
 * overview's click-through addresses and a record's timeline. Pure functions, unit-tested.
 */

export type Tab = RecordPath;
export type PeriodKind = 'week' | 'month' | 'quarter' | 'year';

export interface RecordsFilter {
  tab: Tab;
  /** Free text (title, description, address, external number). */
  q?: string;
  category?: string;
  place?: string;
  department?: string;
  status?: string;
  difficult?: boolean;
  /** A stats period (2026-11, 2026W47, 2026Q4, 2026): its days, or for a flag the stats period itself. */
  period?: string;
  /** Days YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  /** A stats flag (overdue …): the list is the records behind that number (GET /api/stats/records). */
  flag?: RecordFlag;
  page: number;
  size: number;
  order: 'asc' | 'desc';
}

/** The filters a tag can remove; `range` stands for from and to together. */
export type FilterKey =
  | 'q'
  | 'category'
  | 'place'
  | 'department'
  | 'status'
  | 'difficult'
  | 'period'
  | 'range'
  | 'flag';
export const FILTER_KEYS: readonly FilterKey[] = [
  'flag',
  'period',
  'range',
  'q',
  'category',
  'place',
  'department',
  'status',
  'difficult',
];

export const PAGE_SIZES = [20, 50, 100] as const;
/** The deepest offset /api/stats/records pages to. */
export const STATS_MAX_OFFSET = 10_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters from the address (unknown or malformed values are left out, not guessed). */
export function readFilter(params: URLSearchParams): RecordsFilter {
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    return value ? value : undefined;
  };
  const day = (name: string) => {
    const value = text(name);
    return value && DAY.test(value) ? value : undefined;
  };
  const flag = text('flag');
  const period = text('period');
  const size = Number(params.get('size'));
  const page = Number(params.get('page'));
  const difficult = params.get('difficult');
  return {
    tab: params.get('tab') === 'cases' ? 'cases' : 'complaints',
    q: text('q'),
    category: text('category'),
    place: text('place'),
    department: text('department'),
    status: text('status'),
    difficult: difficult === 'true' ? true : difficult === 'false' ? false : undefined,
    period: period && periodKindOf(period) ? period : undefined,
    from: day('from'),
    to: day('to'),
    flag: flag && (RECORD_FLAGS as readonly string[]).includes(flag) ? (flag as RecordFlag) : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
  };
}

/** The address query of the filters; defaults left out, so links stay short. */
export function writeFilter(filter: RecordsFilter): URLSearchParams {
  const params = new URLSearchParams();
  params.set('tab', filter.tab);
  const put = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') {
      params.set(name, value);
    }
  };
  put('flag', filter.flag);
  put('period', filter.period);
  put('from', filter.from);
  put('to', filter.to);
  put('q', filter.q);
  put('category', filter.category);
  put('place', filter.place);
  put('department', filter.department);
  put('status', filter.status);
  put('difficult', filter.difficult === undefined ? undefined : String(filter.difficult));
  put('order', filter.order === 'asc' ? 'asc' : undefined);
  put('page', filter.page > 1 ? String(filter.page) : undefined);
  put('size', filter.size !== PAGE_SIZES[0] ? String(filter.size) : undefined);
  return params;
}

/** The filters with one removed, back on the first page. */
export function removeFilter(filter: RecordsFilter, key: FilterKey): RecordsFilter {
  const next: RecordsFilter = { ...filter, page: 1 };
  if (key === 'range') {
    next.from = undefined;
    next.to = undefined;
  } else {
    next[key] = undefined;
  }
  return next;
}

/** The filters a user has set, in tag order (each becomes a removable tag). */
export function activeFilters(filter: RecordsFilter): FilterKey[] {
  return FILTER_KEYS.filter((key) =>
    key === 'range' ? filter.from !== undefined || filter.to !== undefined : filter[key] !== undefined,
  );
}

/** Which filters the list's API can express: the records behind a stats number know no text, status or days. */
export function supports(filter: RecordsFilter, key: FilterKey): boolean {
  return filter.flag === undefined || !['q', 'status', 'difficult', 'range'].includes(key);
}

export function periodKindOf(code: string): PeriodKind | undefined {
  if (/^\d{4}W(0[1-9]|[1-4]\d|5[0-3])$/.test(code)) {
    return 'week';
  }
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(code)) {
    return 'month';
  }
  if (/^\d{4}Q[1-4]$/.test(code)) {
    return 'quarter';
  }
  return /^\d{4}$/.test(code) ? 'year' : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The days a stats period holds (the cube counts a record in the period of the day it was opened). */
export function periodDays(code: string): { from: string; to: string } | undefined {
  const kind = periodKindOf(code);
  const year = Number(code.slice(0, 4));
  if (kind === 'month') {
    const month = Number(code.slice(5, 7));
    return { from: iso(Date.UTC(year, month - 1, 1)), to: iso(Date.UTC(year, month, 0)) };
  }
  if (kind === 'quarter') {
    const quarter = Number(code.slice(5));
    return { from: iso(Date.UTC(year, (quarter - 1) * 3, 1)), to: iso(Date.UTC(year, quarter * 3, 0)) };
  }
  if (kind === 'year') {
    return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
  if (kind === 'week') {
    // ISO week 1 holds 4 January; weeks start on Monday.
    const jan4 = Date.UTC(year, 0, 4);
    const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
    const start = monday + (Number(code.slice(5)) - 1) * 7 * 86_400_000;
    return { from: iso(start), to: iso(start + 6 * 86_400_000) };
  }
  return undefined;
}

/** The days the list covers: explicit days win over a period. */
export function daysOf(filter: RecordsFilter): { from?: string; to?: string } {
  if (filter.from !== undefined || filter.to !== undefined) {
    return { from: filter.from, to: filter.to };
  }
  return filter.period ? (periodDays(filter.period) ?? {}) : {};
}

/** GET /api/complaints|cases: the filters, one page by offset, with the total. `tab` overrides the filter's. */
export function searchQuery(filter: RecordsFilter, town: string | undefined, tab: Tab = filter.tab): Query {
  const { from, to } = daysOf(filter);
  const sameTab = tab === filter.tab;
  return {
    town,
    q: filter.q,
    category: filter.category,
    place: filter.place,
    // Department codes belong to a town; statuses to a kind.
    department: town ? filter.department : undefined,
    status: sameTab ? filter.status : undefined,
    difficult: filter.difficult,
    from,
    to,
    order: filter.order,
    limit: sameTab ? filter.size : 1,
    offset: sameTab ? (filter.page - 1) * filter.size : 0,
    total: true,
  };
}

export const kindOf = (tab: Tab): RecordKind => (tab === 'complaints' ? 'complaint' : 'case');

/** GET /api/stats/records for a flag: the stats period (or the API's default range) and the number's filters. */
export function statsRecordsQuery(filter: RecordsFilter & { flag: RecordFlag }, town: string | undefined) {
  const query: StatsRecordsQuery = {
    ...statsScope(filter, town),
    kind: kindOf(filter.tab),
    flag: filter.flag,
    limit: filter.size,
    offset: Math.min((filter.page - 1) * filter.size, STATS_MAX_OFFSET),
  };
  return query;
}

/** The period and filters shared by the stats numbers and the records behind them. */
export function statsScope(filter: RecordsFilter, town: string | undefined) {
  const kind = filter.period ? periodKindOf(filter.period) : undefined;
  return {
    town,
    ...(kind && filter.period ? { period: kind, from: filter.period, to: filter.period } : {}),
    category: filter.category,
    place: filter.place,
    department: town ? filter.department : undefined,
  };
}

/** The stats measures whose count is a flag's: the measure itself, or a due count less the counted part. */
export const FLAG_COUNT: Record<RecordFlag, { plus: string; minus?: string }> = {
  difficult: { plus: 'difficult' },
  overdue: { plus: 'overdue' },
  closed: { plus: 'closed' },
  cancelled: { plus: 'cancelled' },
  reopened: { plus: 'reopened' },
  responded: { plus: 'responded' },
  unresponded: { plus: 'responseDue', minus: 'responded' },
  resolved: { plus: 'resolved' },
  unresolved: { plus: 'resolutionDue', minus: 'resolved' },
  rated: { plus: 'rated' },
  satisfied: { plus: 'satisfied' },
  dissatisfied: { plus: 'rated', minus: 'satisfied' },
  handled: { plus: 'handled' },
};

export const flagMeasures = (flag: RecordFlag) => Object.values(FLAG_COUNT[flag]) as string[];

/** A flag's count for one kind, summed over the periods of a stats answer split by kind. */
export function flagCount(rows: readonly StatsCountRow[], flag: RecordFlag, kind: RecordKind): number {
  const { plus, minus } = FLAG_COUNT[flag];
  return rows
    .filter((row) => row.keys.kind?.code === kind)
    .reduce((sum, row) => sum + (row.values[plus] ?? 0) - (minus ? (row.values[minus] ?? 0) : 0), 0);
}

/** What each overview card opens: the records behind its number. */
const KPI_TARGETS: Record<string, { tab: Tab; flag?: RecordFlag; difficult?: boolean }> = {
  complaints: { tab: 'complaints' },
  cases: { tab: 'cases' },
  difficult: { tab: 'complaints', difficult: true },
  overdue: { tab: 'complaints', flag: 'overdue' },
  handlingMedian: { tab: 'complaints', flag: 'handled' },
  responseRate: { tab: 'complaints', flag: 'unresponded' },
  resolutionRate: { tab: 'complaints', flag: 'unresolved' },
  satisfactionRate: { tab: 'complaints', flag: 'dissatisfied' },
};

/** The records page address behind an overview card, for its period and the overview's filters. */
export function kpiLink(kpi: string, period: string, filter: { category?: string; place?: string }): string {
  const target = KPI_TARGETS[kpi] ?? { tab: 'complaints' };
  const params = writeFilter({
    tab: target.tab,
    flag: target.flag,
    difficult: target.difficult,
    period,
    category: filter.category,
    place: filter.place,
    page: 1,
    size: PAGE_SIZES[0],
    order: 'desc',
  });
  return `/records?${params.toString()}`;
}

/** The names from the top category down to `code` (empty when the tree does not hold it). */
export function categoryPath(tree: readonly CategoryNode[], code: string): CategoryNode[] {
  for (const node of tree) {
    if (node.code === code) {
      return [node];
    }
    const below = categoryPath(node.children, code);
    if (below.length > 0) {
      return [node, ...below];
    }
  }
  return [];
}

export type TimelineKind = 'received' | 'responded' | 'deadline' | 'closed' | 'changed' | 'reopened';

export interface TimelineEvent {
  kind: TimelineKind;
  /** Town time text (YYYY-MM-DD HH:mm), null for an event without a time (reopened). */
  at: string | null;
  atMs: number | null;
  /** The deadline passed (deadline), the record was closed late (closed). */
  late?: boolean;
  changes?: RecordChange['changes'];
  origin?: string;
}

/** "2025-06-02T09:30:00.000+08:00" → "2025-06-02 09:30" (the API gives town time). */
export const townTime = (text: string | null) => (text === null ? null : text.slice(0, 16).replace('T', ' '));

/**
 * A record's history as a timeline, oldest first: received, first response, every recorded change (dispatch,
 * status, corrections), closure, the deadline where it falls; reopenings (a count without times) last.
 */
export function timeline(record: AnyRecord): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: 'received', at: townTime(record.openedAt), atMs: record.openedAtMs }];
  if (record.firstResponseAtMs !== null) {
    events.push({ kind: 'responded', at: townTime(record.firstResponseAt), atMs: record.firstResponseAtMs });
  }
  for (const change of record.history ?? []) {
    events.push({
      kind: 'changed',
      at: townTime(change.changedAt),
      atMs: change.changedAtMs,
      changes: change.changes,
      origin: change.origin,
    });
  }
  if (record.deadlineAtMs !== null) {
    events.push({
      kind: 'deadline',
      at: townTime(record.deadlineAt),
      atMs: record.deadlineAtMs,
      late: record.overdue,
    });
  }
  if (record.closedAtMs !== null) {
    events.push({
      kind: 'closed',
      at: townTime(record.closedAt),
      atMs: record.closedAtMs,
      late: record.deadlineAtMs !== null && record.closedAtMs >= record.deadlineAtMs,
    });
  }
  // Stable: at the same instant, the order above (received before a change before closure).
  const timed = events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.atMs ?? 0) - (b.event.atMs ?? 0) || a.index - b.index)
    .map(({ event }) => event);
  if (record.kind === 'complaint' && record.reopenCount > 0) {
    timed.push({ kind: 'reopened', at: null, atMs: null });
  }
  return timed;
}

/** A reason for unmasking, as the API takes it: 4–200 characters after trimming. */
export function reasonProblem(reason: string): 'short' | 'long' | undefined {
  const trimmed = reason.trim();
  if (trimmed.length < 4) {
    return 'short';
  }
  return trimmed.length > 200 ? 'long' : undefined;
}
