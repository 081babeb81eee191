import {
  DIMENSIONS,
  type Dimension,
  MEASURES,
  type Measure,
  measureKind,
  type PeriodKind,
  SOURCES,
  type StatsAnswer,
  type StatsKey,
  type StatsPeriod,
  type StatsQuery,
  statsParams,
} from '../../api/stats';
import { formatChange, formatCount, formatHours, formatRate } from '../../i18n/format';
import type { Locale } from '../../i18n/messages';

/*
 * The analysis page (分析) as data: the pivot's state as it lives in the address (parse and write back, so a view can
 * be bookmarked), the stats query it asks, the export links, and the answer read into table rows. Pure functions,
 * unit-tested; the e2e test checks the table against the API.
 */

export type Comparison = 'yoy' | 'pop';
export type Source = (typeof SOURCES)[number];
export type RecordKind = 'complaint' | 'case';

export interface AnalysisState {
  measures: Measure[];
  /** 0–2 distinct dimensions. */
  by: Dimension[];
  /** Absent: the header's period kind. */
  period?: StatsPeriod;
  /** Periods of `period` (only with an explicit `period`); absent: the API's 12 periods up to as-of. */
  from?: string;
  to?: string;
  compare: Comparison[];
  /** Top N of the first dimension, the rest as "others" (only with a dimension). */
  top?: number;
  share: boolean;
  category?: string;
  place?: string;
  department?: string;
  source?: Source;
  kind?: RecordKind;
  /** The measure the chart draws (one of `measures`); absent: the first. */
  chart?: Measure;
  page: number;
  size: number;
}

export const DEFAULT_MEASURES: Measure[] = ['records', 'closed', 'overdue', 'responseRate'];
export const PAGE_SIZES = [50, 100, 200, 500] as const;
export const DEFAULT_SIZE = 100;
export const PERIOD_KINDS: readonly StatsPeriod[] = ['week', 'month', 'quarter', 'year'];
const COMPARISONS: readonly Comparison[] = ['yoy', 'pop'];
const KINDS: readonly RecordKind[] = ['complaint', 'case'];
const CODE = /^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/;
const PERIOD_FORMATS: Record<StatsPeriod, RegExp> = {
  week: /^\d{4}W(0[1-9]|[1-4]\d|5[0-3])$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}Q[1-4]$/,
  year: /^\d{4}$/,
};

export const DEFAULT_STATE: AnalysisState = {
  measures: DEFAULT_MEASURES,
  by: [],
  compare: [],
  share: false,
  page: 1,
  size: DEFAULT_SIZE,
};

/** Whether `text` is a period of `kind` as the API writes it (2026W05, 2026-05, 2026Q2, 2026). */
export function isPeriod(kind: StatsPeriod, text: string): boolean {
  return PERIOD_FORMATS[kind].test(text);
}

function list<T extends string>(text: string | null, allowed: readonly T[], max: number): T[] {
  const seen: T[] = [];
  for (const part of (text ?? '').split(',')) {
    const value = part.trim() as T;
    if (allowed.includes(value) && !seen.includes(value) && seen.length < max) {
      seen.push(value);
    }
  }
  return seen;
}

const oneOf = <T extends string>(text: string | null, allowed: readonly T[]): T | undefined =>
  allowed.includes(text as T) ? (text as T) : undefined;
const codeOf = (text: string | null): string | undefined => (text !== null && CODE.test(text) ? text : undefined);

/** The state an address holds; anything unknown or malformed falls back to its default (never an error). */
export function parseState(search: string | URLSearchParams): AnalysisState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const measures = list(params.get('measures'), MEASURES, MEASURES.length);
  const by = list(params.get('by'), DIMENSIONS, 2);
  const period = oneOf(params.get('period'), PERIOD_KINDS);
  const periodText = (name: string) => {
    const text = params.get(name);
    return period && text !== null && isPeriod(period, text) ? text : undefined;
  };
  let from = periodText('from');
  let to = periodText('to');
  if (from !== undefined && to !== undefined && from > to) {
    [from, to] = [to, from];
  }
  const topNumber = Number(params.get('top'));
  const top =
    by.length > 0 && Number.isInteger(topNumber) && topNumber >= 1 && topNumber <= 1000 ? topNumber : undefined;
  const chosen = measures.length > 0 ? measures : DEFAULT_MEASURES;
  const chart = oneOf(params.get('chart'), chosen);
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  const state: AnalysisState = {
    measures: chosen,
    by,
    period,
    from,
    to,
    compare: COMPARISONS.filter((c) => list(params.get('compare'), COMPARISONS, 2).includes(c)),
    top,
    share: params.get('share') === 'true',
    category: codeOf(params.get('category')),
    place: codeOf(params.get('place')),
    department: codeOf(params.get('department')),
    source: oneOf(params.get('source'), SOURCES),
    kind: oneOf(params.get('kind'), KINDS),
    chart: chart === chosen[0] ? undefined : chart,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  };
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as AnalysisState;
}

/** The address query of a state, defaults left out (parseState reads it back as the same state). */
export function stateSearch(state: AnalysisState): string {
  const params = new URLSearchParams();
  const put = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') {
      params.set(name, String(value));
    }
  };
  put('measures', state.measures.join(','));
  put('by', state.by.join(','));
  put('period', state.period);
  put('from', state.from);
  put('to', state.to);
  put('compare', state.compare.join(','));
  put('top', state.top);
  put('share', state.share ? 'true' : undefined);
  put('category', state.category);
  put('place', state.place);
  put('department', state.department);
  put('source', state.source);
  put('kind', state.kind);
  put('chart', state.chart);
  put('page', state.page === 1 ? undefined : state.page);
  put('size', state.size === DEFAULT_SIZE ? undefined : state.size);
  return params.toString();
}

/**
 * A change of the controls: the page goes back to 1 unless the page itself changed; a new period kind drops the
 * range (its periods are of the old kind); top N needs a dimension; the chart measure must be one of the measures.
 */
export function changeState(state: AnalysisState, change: Partial<AnalysisState>): AnalysisState {
  const next: AnalysisState = { ...state, page: 1, ...change };
  if (change.period !== undefined && change.period !== state.period) {
    next.from = change.from;
    next.to = change.to;
  }
  if (next.by.length === 0) {
    next.top = undefined;
  }
  if (next.measures.length === 0) {
    next.measures = DEFAULT_MEASURES;
  }
  if (next.chart !== undefined && (!next.measures.includes(next.chart) || next.chart === next.measures[0])) {
    next.chart = undefined;
  }
  return parseState(stateSearch(next));
}

/** The period kind in effect: the page's own, else the header's. */
export const periodOf = (state: AnalysisState, headerPeriod: PeriodKind): StatsPeriod => state.period ?? headerPeriod;

/** The stats query of a state, for the chosen town. */
export function analysisQuery(state: AnalysisState, town: string | undefined, headerPeriod: PeriodKind): StatsQuery {
  return {
    town,
    period: periodOf(state, headerPeriod),
    from: state.from,
    to: state.to,
    measures: state.measures,
    by: state.by.length > 0 ? state.by : undefined,
    compare: state.compare.length > 0 ? state.compare : undefined,
    top: state.top,
    share: state.share || undefined,
    category: state.category,
    place: state.place,
    department: state.department,
    source: state.source,
    kind: state.kind,
  };
}

/** The address of the same numbers as a file (`/api/stats.csv` or `.xlsx`, the very same query). */
export function exportHref(format: 'csv' | 'xlsx', query: StatsQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(statsParams(query))) {
    if (value !== undefined && value !== '') {
      params.set(name, String(value));
    }
  }
  return `/api/stats.${format}?${params.toString()}`;
}

// --- periods ------------------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const TOWN_OFFSET = 8 * 3_600_000;

function isoWeekOfDay(day: number): string {
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0
  const thursday = day + (3 - weekday) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}W${String(week).padStart(2, '0')}`;
}

/** The period of `kind` holding an instant, in town time (UTC+8). */
export function periodAt(kind: StatsPeriod, ms: number): string {
  const town = new Date(ms + TOWN_OFFSET);
  const year = town.getUTCFullYear();
  const month = town.getUTCMonth();
  switch (kind) {
    case 'week':
      return isoWeekOfDay(Date.UTC(year, month, town.getUTCDate()));
    case 'month':
      return `${year}-${String(month + 1).padStart(2, '0')}`;
    case 'quarter':
      return `${year}Q${Math.floor(month / 3) + 1}`;
    case 'year':
      return String(year);
  }
}

/** The period before `period` (of its kind). */
export function previousPeriod(kind: StatsPeriod, period: string): string {
  const year = Number(period.slice(0, 4));
  switch (kind) {
    case 'week': {
      const jan4 = Date.UTC(year, 0, 4);
      const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (Number(period.slice(5)) - 1) * 7 * DAY;
      return isoWeekOfDay(monday - 7 * DAY);
    }
    case 'month': {
      const month = Number(period.slice(5));
      return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    }
    case 'quarter': {
      const quarter = Number(period.slice(5));
      return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
    }
    case 'year':
      return String(year - 1);
  }
}

/** The `count` periods ending with `last`, newest first (the range pickers' choices). */
export function periodsBack(kind: StatsPeriod, last: string, count: number): string[] {
  const periods = [last];
  while (periods.length < count) {
    periods.push(previousPeriod(kind, periods.at(-1) as string));
  }
  return periods;
}

/** How far back the range pickers reach, per period kind. */
export const PICKER_DEPTH: Record<StatsPeriod, number> = { week: 260, month: 120, quarter: 40, year: 10 };

// --- the answer as table rows --------------------------------------------------------------------------------------

export const OTHERS_CODE = '_others';

export interface PivotRow {
  /** Unique: the period and the keys' codes (or `_total`). */
  key: string;
  period: string;
  /** The keys' names, one per dimension ("合计" in a totals row). */
  names: string[];
  /** The keys' codes (null: unknown place or no department). */
  codes: (string | null)[];
  total: boolean;
  values: Record<string, number | null>;
  share?: Record<string, number | null>;
  yoy?: Record<string, number | null>;
  pop?: Record<string, number | null>;
}

/** A key as people read it: "others" under its own name (a real category may be called 其他). */
export function keyName(key: StatsKey | undefined, english: boolean, others: string): string {
  if (!key) {
    return '';
  }
  return key.code === OTHERS_CODE ? others : (english && key.nameEn) || key.name;
}

/**
 * The table: each period's rows in the API's order, then (with a dimension) that period's totals row. Without a
 * dimension the totals are the rows.
 */
export function pivotRows(
  answer: StatsAnswer,
  by: readonly Dimension[],
  labels: { total: string; others: string },
  english: boolean,
): PivotRow[] {
  const rows: PivotRow[] = [];
  for (const period of answer.periods) {
    if (by.length > 0) {
      for (const row of answer.rows.filter((candidate) => candidate.period === period)) {
        const codes = by.map((d) => row.keys[d]?.code ?? null);
        rows.push({
          key: `${period}|${codes.map((code) => code ?? '_none').join('|')}`,
          period,
          names: by.map((d) => keyName(row.keys[d], english, labels.others)),
          codes,
          total: false,
          values: row.values,
          share: row.share,
          yoy: row.yoy?.change,
          pop: row.pop?.change,
        });
      }
    }
    const total = answer.totals.find((row) => row.period === period);
    if (total) {
      rows.push({
        key: `${period}|_total`,
        period,
        names: by.map(() => labels.total),
        codes: by.map(() => null),
        total: true,
        values: total.values,
        share: by.length > 0 ? shareOfTotal(total.values) : undefined,
        yoy: total.yoy?.change,
        pop: total.pop?.change,
      });
    }
  }
  return rows;
}

/** A totals row's share: 100 % of each count measure with any records (as the export writes it). */
function shareOfTotal(values: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(values).map(([measure, value]) => [measure, (value ?? 0) === 0 ? null : 1]));
}

export type ColumnPart = 'value' | 'share' | 'yoy' | 'pop';
export interface ValueColumn {
  id: string;
  measure: Measure;
  part: ColumnPart;
}

/** The value columns: each measure, then its share (counts only), then its 同比 and 环比 changes when asked. */
export function valueColumns(state: Pick<AnalysisState, 'measures' | 'share' | 'compare'>): ValueColumn[] {
  return state.measures.flatMap((measure) => {
    const parts: ColumnPart[] = ['value'];
    if (state.share && measureKind(measure) === 'count') {
      parts.push('share');
    }
    parts.push(...state.compare);
    return parts.map((part) => ({ id: part === 'value' ? measure : `${measure}.${part}`, measure, part }));
  });
}

/** The raw number behind a cell (the e2e test reads it from the page). */
export function cellValue(row: PivotRow, column: ValueColumn): number | null {
  const source = column.part === 'value' ? row.values : row[column.part];
  return source?.[column.measure] ?? null;
}

/** A cell as shown: counts grouped, rates and shares in %, durations in hours, changes signed (rates in points). */
export function formatCell(column: ValueColumn, value: number | null, locale: Locale): string {
  const kind = measureKind(column.measure);
  switch (column.part) {
    case 'share':
      return formatRate(value);
    case 'yoy':
    case 'pop':
      return formatChange(value, kind === 'rate');
    case 'value':
      return kind === 'rate'
        ? formatRate(value)
        : kind === 'duration'
          ? formatHours(value)
          : formatCount(value, locale);
  }
}
