import { scopeOf } from '../../auth/index.js';
import {
  addDays,
  addMonths,
  addWorkingDays,
  type Day,
  formatWeek,
  type IsoWeek,
  isoWeekOf,
  type Locale,
  type Month,
  monthEnd,
  monthStart,
  weekStart,
} from '../../core/time/index.js';
import type { Stats, StatsQuery } from '../../stats/index.js';
import { getWarning, listMonthlyProblems, listWarnings, type WarningDetail } from '../../warnings/index.js';
import { count, EFFICIENCY_MEASURES, keyName } from '../shared/index.js';
import {
  type GroupRow,
  selectAddressGroups,
  selectCategoryNames,
  selectEnterpriseGroups,
  selectEnterpriseNames,
  selectPlaceNames,
} from './monthly.repo.js';
import type { MonthlyDeps } from './monthly.schema.js';

/*
 * The numbers of the monthly advice beyond the plain stats queries: the months compared, the recurring hot spots
 * (from one stats answer), repeat addresses and enterprises (monthly.repo.ts), and the warnings seen in a month.
 * The rules are written out in docs/reports.md ("Monthly enforcement advice").
 */

/** Months of the trend chart: the month and the 11 before it. */
export const TREND_MONTHS = 12;
/** A hot spot is looked for over the month and the 3 before it. */
const HOT_SPOT_HISTORY = 3;
/** A village × category cell is "high" in a month when it is among that month's 10 largest cells… */
const HOT_SPOT_TOP = 10;
/** …and has at least this many records. */
const HOT_SPOT_MIN = 3;
/** …and it recurs when it was high in at least this many of the 3 months before. */
const HOT_SPOT_RECUR = 2;
/** The same stored address with at least this many records in the month is a repeat address. */
export const REPEAT_ADDRESS_MIN = 3;
/** An enterprise named by at least this many records in the month is a repeat enterprise. */
export const REPEAT_ENTERPRISE_MIN = 2;
/** Working days from the report date to the due day of a recommendation whose warning has no due day of its own. */
export const DUE_WORKING_DAYS: Record<string, number> = { red: 5, orange: 10, yellow: 15, blue: 15 };

/** The numbers the advice is written from, every one read through getStats with these exact queries. */
export function monthlyQueries(townCode: string, month: Month) {
  const one = { town: townCode, period: 'month' as const, from: month, to: month };
  const prev = addMonths(month, -1);
  return {
    overall: { ...one, measures: 'records,difficult,overdue', compare: 'yoy,pop' },
    complaints: { ...one, kind: 'complaint' as const, measures: 'records', compare: 'yoy,pop' },
    cases: { ...one, kind: 'case' as const, measures: 'records', compare: 'yoy,pop' },
    trend: { ...one, from: addMonths(month, 1 - TREND_MONTHS), measures: 'records', compare: 'yoy' },
    categories: { ...one, by: 'category2', measures: 'records', top: 10, share: true, compare: 'yoy,pop' },
    categoryMoves: { ...one, from: prev, by: 'category2', measures: 'records' },
    villages: { ...one, by: 'village', measures: 'records,overdue', share: true, compare: 'yoy,pop' },
    hotSpots: { ...one, from: addMonths(month, -HOT_SPOT_HISTORY), by: 'village,category2', measures: 'records' },
    efficiency: { ...one, measures: EFFICIENCY_MEASURES.join(',') },
    departments: { ...one, by: 'department', measures: ['records', ...EFFICIENCY_MEASURES].join(','), compare: 'pop' },
  } satisfies Record<string, StatsQuery>;
}

/** The report date: the first working day after the month (Chinese working-day calendar). */
export function reportDate(month: Month): Day {
  return addWorkingDays(monthEnd(month), 1);
}

/**
 * The ISO weeks that belong to a month: those whose Thursday lies in it (the rule ISO 8601 uses to give weeks to
 * years), so every week belongs to exactly one month.
 */
export function monthWeeks(month: Month): { first: IsoWeek; last: IsoWeek } {
  const thursday = (week: IsoWeek) => addDays(weekStart(week), 3);
  let first = isoWeekOf(monthStart(month));
  if (thursday(first) < monthStart(month)) {
    first = isoWeekOf(addDays(weekStart(first), 7));
  }
  let last = isoWeekOf(monthEnd(month));
  if (thursday(last) > monthEnd(month)) {
    last = isoWeekOf(addDays(weekStart(last), -7));
  }
  return { first, last };
}

export interface HotSpot {
  village: string;
  villageCode: string | null;
  category: string;
  categoryId: number | null;
  categoryCode: string | null;
  /** Records in the month, then in each of the 3 months before (newest first). */
  records: number[];
  /** In how many of the 3 months before it was high. */
  recurring: number;
}

/** Village × category cells high this month and in at least 2 of the 3 months before (rules above). */
export function hotSpots(stats: Stats, month: Month, locale: Locale): HotSpot[] {
  const months = Array.from({ length: HOT_SPOT_HISTORY + 1 }, (_, i) => addMonths(month, -i));
  const cells = new Map<string, HotSpot>();
  for (const row of stats.rows) {
    const village = row.keys.village;
    const category = row.keys.category2;
    if (!village?.code || !category) {
      continue; // records of unknown place are no spot
    }
    const at = months.indexOf(row.period);
    if (at < 0) {
      continue;
    }
    const id = `${village.code}|${category.code ?? category.name}`;
    const cell = cells.get(id) ?? {
      village: keyName(row, 'village', locale),
      villageCode: village.code,
      category: keyName(row, 'category2', locale),
      categoryId: category.id,
      categoryCode: category.code,
      records: months.map(() => 0),
      recurring: 0,
    };
    cell.records[at] = count(row.values, 'records');
    cells.set(id, cell);
  }
  const all = [...cells.values()];
  const high = months.map((_, i) => {
    const sizes = all
      .map((c) => c.records[i] as number)
      .filter((n) => n > 0)
      .sort((a, b) => b - a);
    const bar = Math.max(HOT_SPOT_MIN, sizes[HOT_SPOT_TOP - 1] ?? 0);
    return (c: HotSpot) => (c.records[i] as number) >= bar;
  });
  const found: HotSpot[] = [];
  for (const cell of all) {
    if (!(high[0] as (c: HotSpot) => boolean)(cell)) {
      continue;
    }
    cell.recurring = high.slice(1).filter((isHigh) => isHigh(cell)).length;
    if (cell.recurring >= HOT_SPOT_RECUR) {
      found.push(cell);
    }
  }
  return found.sort(
    (a, b) => (b.records[0] as number) - (a.records[0] as number) || a.village.localeCompare(b.village),
  );
}

export interface Repeat {
  /** The address as stored, or the enterprise's name. */
  name: string;
  /** The enterprise's unified social credit code; null for addresses. */
  creditCode: string | null;
  records: number;
  complaints: number;
  cases: number;
  /** The village (or, failing one, the place) with most of its records; null when none is known. */
  village: string | null;
  /** The second-level category with most of its records. */
  category: string;
}

/** Group rows summed per key, with the village and category holding most of the key's records. */
async function summarise(
  deps: MonthlyDeps,
  groups: GroupRow[],
  min: number,
  locale: Locale,
): Promise<Map<string, Omit<Repeat, 'name' | 'creditCode'>>> {
  const byKey = new Map<string, GroupRow[]>();
  for (const row of groups) {
    byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  }
  const kept = [...byKey.entries()].filter(([, rows]) => rows.reduce((s, r) => s + r.records, 0) >= min);
  const rows = kept.flatMap(([, r]) => r);
  const places = new Map((await selectPlaceNames(deps.db, uniq(rows.map((r) => r.placeId)))).map((p) => [p.id, p]));
  const parents = uniq([...places.values()].filter((p) => p.level === 'group').map((p) => p.parentId));
  for (const p of await selectPlaceNames(deps.db, parents)) {
    places.set(p.id, p);
  }
  const categories = new Map(
    (await selectCategoryNames(deps.db, uniq(rows.map((r) => r.categoryId)))).map((c) => [c.id, c]),
  );
  const level2 = uniq([...categories.values()].map((c) => c.level2Id));
  for (const c of await selectCategoryNames(deps.db, level2)) {
    categories.set(c.id, c);
  }
  const en = locale === 'en-US';
  const villageOf = (placeId: number | null) => {
    let place = placeId === null ? undefined : places.get(placeId);
    if (place?.level === 'group' && place.parentId !== null) {
      place = places.get(place.parentId) ?? place;
    }
    return place ? (en ? (place.nameEn ?? place.name) : place.name) : null;
  };
  const categoryOf = (categoryId: number) => {
    const own = categories.get(categoryId);
    const c = (own?.level2Id == null ? own : categories.get(own.level2Id)) ?? own;
    return c ? (en ? c.nameEn : c.name) : '';
  };
  const out = new Map<string, Omit<Repeat, 'name' | 'creditCode'>>();
  for (const [key, keyRows] of kept) {
    out.set(key, {
      records: keyRows.reduce((s, r) => s + r.records, 0),
      complaints: keyRows.filter((r) => r.kind === 'complaint').reduce((s, r) => s + r.records, 0),
      cases: keyRows.filter((r) => r.kind === 'case').reduce((s, r) => s + r.records, 0),
      village: largest(keyRows.map((r) => [villageOf(r.placeId), r.records])),
      category: largest(keyRows.map((r) => [categoryOf(r.categoryId), r.records])) ?? '',
    });
  }
  return out;
}

/** The name with the most records (ties: the first in code point order); null names count but are never chosen. */
function largest(pairs: [string | null, number][]): string | null {
  const sums = new Map<string, number>();
  for (const [name, n] of pairs) {
    if (name !== null) {
      sums.set(name, (sums.get(name) ?? 0) + n);
    }
  }
  return [...sums.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
}

function uniq(ids: (number | null)[]): number[] {
  return [...new Set(ids.filter((id): id is number => id !== null))];
}

const byRecords = (a: Repeat, b: Repeat) => b.records - a.records || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Stored addresses with at least 3 of the month's records the reader's records:read reaches. */
export async function repeatAddresses(deps: MonthlyDeps, townId: number, month: Month, locale: Locale) {
  const filter = { townId, fromDay: monthStart(month), toDay: monthEnd(month) };
  const groups = await selectAddressGroups(deps.db, scopeOf(deps.actor, 'records:read'), filter);
  const summed = await summarise(deps, groups, REPEAT_ADDRESS_MIN, locale);
  return [...summed.entries()].map(([name, s]): Repeat => ({ name, creditCode: null, ...s })).sort(byRecords);
}

/** Enterprises named by at least 2 of the month's records the reader's records:read reaches. */
export async function repeatEnterprises(deps: MonthlyDeps, townId: number, month: Month, locale: Locale) {
  const filter = { townId, fromDay: monthStart(month), toDay: monthEnd(month) };
  const groups = await selectEnterpriseGroups(deps.db, scopeOf(deps.actor, 'records:read'), filter);
  const summed = await summarise(deps, groups, REPEAT_ENTERPRISE_MIN, locale);
  const names = new Map(
    (await selectEnterpriseNames(deps.db, [...summed.keys()].map(Number))).map((e) => [String(e.id), e]),
  );
  return [...summed.entries()]
    .map(
      ([id, s]): Repeat => ({ name: names.get(id)?.name ?? id, creditCode: names.get(id)?.creditCode ?? null, ...s }),
    )
    .sort(byRecords);
}

/**
 * The warnings seen in a month, as the reader's warnings:read reaches them: last seen in one of the month's weeks or
 * later, and begun in one of them or earlier (so an episode running through the month is in it). Red first.
 */
export async function monthWarnings(deps: MonthlyDeps, townCode: string, month: Month): Promise<WarningDetail[]> {
  const { first, last } = monthWeeks(month);
  const out: WarningDetail[] = [];
  let cursor: string | undefined;
  do {
    const page = await listWarnings(deps, {
      town: townCode,
      from: formatWeek(first),
      limit: 500,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const item of page.items) {
      if (item.sinceWeek <= last) {
        out.push(await getWarning(deps, item.id));
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out;
}

/** The due day of a recommendation: the warning's rectification due day, else N working days after the report. */
export function dueDayOf(warning: { dueDay: string | null; severity: string }, reported: Day): Day {
  return warning.dueDay ?? addWorkingDays(reported, DUE_WORKING_DAYS[warning.severity] ?? 15);
}

/** The problems of the month (每月一题) of a town the reader's warnings:read reaches. */
export async function monthProblems(deps: MonthlyDeps, townCode: string, month: Month) {
  return (await listMonthlyProblems(deps, { town: townCode, month })).items;
}
