import { scopeOf } from '../../auth/index.js';
import {
  addDays,
  addQuarters,
  addWeeks,
  formatWeek,
  type IsoWeek,
  isoWeekOf,
  type Quarter,
  quarterEnd,
  quarterStart,
  weekStart,
} from '../../core/time/index.js';
import { listPlaces } from '../../places/index.js';
import type { Stats } from '../../stats/index.js';
import { count, value } from '../shared/index.js';
import { INDICATOR_AREAS, LOAD_INDICATORS, type LoadIndicator, type PlaceQuarter } from './quarterly.indicators.js';
import type { QuarterlyDeps } from './quarterly.schema.js';

/** The stats measures the service efficiency and satisfaction indicators are read from. */
export const SERVICE_MEASURES = [
  'records',
  'overdue',
  'responseRate',
  'handlingMedian',
  'satisfactionRate',
  'responseDue',
  'handled',
  'rated',
] as const;

/** The weeks of a quarter: the ISO weeks whose Thursday falls in it (so each week belongs to one quarter). */
export function quarterWeeks(quarter: Quarter): IsoWeek[] {
  const start = quarterStart(quarter);
  const end = quarterEnd(quarter);
  let first = isoWeekOf(start);
  if (addDays(weekStart(first), 3) < start) {
    first = addWeeks(first, 1);
  }
  const weeks: IsoWeek[] = [];
  for (let w = first; addDays(weekStart(w), 3) <= end; w = addWeeks(w, 1)) {
    weeks.push(w);
  }
  return weeks;
}

/**
 * The numbers the portrait is written from, every one read through getStats with these exact queries: the quarter
 * and the four before it (the reference window is the last four, 同比 the first), by village and top-level category
 * for the problem loads, by village for service and satisfaction (its totals are the town's), the quarter's weeks
 * with 同比 for the trend, second-level categories of this and last quarter, and each village's categories.
 */
export function quarterlyQueries(townCode: string, quarter: Quarter) {
  const range = { town: townCode, period: 'quarter' as const, from: addQuarters(quarter, -4), to: quarter };
  const weeks = quarterWeeks(quarter);
  const one = { town: townCode, period: 'quarter' as const, from: quarter, to: quarter };
  return {
    areas: { ...range, by: 'village,category1', measures: 'records' },
    townAreas: { ...range, by: 'category1', measures: 'records' },
    service: { ...range, by: 'village', measures: SERVICE_MEASURES.join(',') },
    trend: {
      town: townCode,
      period: 'week' as const,
      from: formatWeek(weeks[0] as IsoWeek),
      to: formatWeek(weeks.at(-1) as IsoWeek),
      measures: 'records',
      compare: 'yoy',
    },
    categories: { ...one, from: addQuarters(quarter, -1), by: 'category2', measures: 'records' },
    villageCategories: { ...one, by: 'village,category2', measures: 'records', compare: 'pop' },
  };
}

/** The load indicator a top-level category counts towards, if any. */
export function indicatorOfArea(code: string | null | undefined): LoadIndicator | undefined {
  return LOAD_INDICATORS.find((indicator) => code != null && INDICATOR_AREAS[indicator].includes(code));
}

function emptyQuarter(): PlaceQuarter {
  return {
    records: 0,
    loads: { safety: 0, environment: 0, marketOrder: 0, labour: 0 },
    overdue: 0,
    responseRate: null,
    handlingMedian: null,
    satisfactionRate: null,
  };
}

function serviceOf(pq: PlaceQuarter, values: Record<string, number | null> | undefined): void {
  pq.records = count(values, 'records');
  pq.overdue = count(values, 'overdue');
  pq.responseRate = value(values, 'responseRate');
  pq.handlingMedian = value(values, 'handlingMedian');
  pq.satisfactionRate = value(values, 'satisfactionRate');
}

/** Figures by place code, then by period. */
export type QuarterFigures = Map<string, Map<string, PlaceQuarter>>;

function slot(figures: QuarterFigures, code: string, period: string): PlaceQuarter {
  const byPeriod = figures.get(code) ?? new Map<string, PlaceQuarter>();
  figures.set(code, byPeriod);
  const pq = byPeriod.get(period) ?? emptyQuarter();
  byPeriod.set(period, pq);
  return pq;
}

/** Each village's quarters: its loads (areas by village × category1) and service figures (by village). */
export function villageFigures(areas: Stats, service: Stats): QuarterFigures {
  const figures: QuarterFigures = new Map();
  for (const row of service.rows) {
    const code = row.keys.village?.code;
    if (code) {
      serviceOf(slot(figures, code, row.period), row.values);
    }
  }
  for (const row of areas.rows) {
    const code = row.keys.village?.code;
    const indicator = indicatorOfArea(row.keys.category1?.code);
    if (code && indicator) {
      slot(figures, code, row.period).loads[indicator] += count(row.values, 'records');
    }
  }
  return figures;
}

/**
 * The town's quarters: its service figures (the totals of the by-village answer, so records with no village count
 * too) and its loads per village — the town's records of each indicator's categories over the number of villages in
 * view — so the town is scored like its average village, against the same references.
 */
export function townFigures(townAreas: Stats, service: Stats, villages: number): Map<string, PlaceQuarter> {
  const byPeriod = new Map<string, PlaceQuarter>();
  const at = (period: string) => {
    const pq = byPeriod.get(period) ?? emptyQuarter();
    byPeriod.set(period, pq);
    return pq;
  };
  for (const total of service.totals) {
    serviceOf(at(total.period), total.values);
  }
  for (const row of townAreas.rows) {
    const indicator = indicatorOfArea(row.keys.category1?.code);
    if (indicator) {
      at(row.period).loads[indicator] += count(row.values, 'records') / Math.max(1, villages);
    }
  }
  return byPeriod;
}

/** A place-quarter's figures, or an empty quarter when the answer had nothing for it. */
export function figuresAt(byPeriod: Map<string, PlaceQuarter> | undefined, period: string): PlaceQuarter {
  return byPeriod?.get(period) ?? emptyQuarter();
}

export interface VillageInView {
  code: string;
  name: string;
  nameEn: string | null;
}

/**
 * The villages of the town the portrait profiles: all of them when the actor's stats:read holds the whole town,
 * otherwise the villages of its village grants and any village its numbers reach (a department's records).
 */
export async function villagesInView(
  deps: QuarterlyDeps,
  townCode: string,
  reached: ReadonlySet<string>,
): Promise<VillageInView[]> {
  const rows = (await listPlaces(deps.db, { level: 'village' })).filter((row) => row.town_code === townCode);
  const scope = scopeOf(deps.actor, 'stats:read');
  const townIds = scope.townIds.map(Number);
  const villageIds = scope.villageIds.map(Number);
  return rows
    .filter(
      (row) =>
        scope.all ||
        townIds.includes(Number(row.town_id)) ||
        villageIds.includes(Number(row.id)) ||
        reached.has(row.code),
    )
    .map((row) => ({ code: row.code, name: row.name, nameEn: row.name_en }));
}
