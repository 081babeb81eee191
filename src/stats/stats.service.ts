import { type Actor, scopeOf } from '../auth/index.js';
import { invalidField } from '../core/errors.js';
import { formatPeriod, type Period, townIso } from '../core/time/index.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { cellAccess, resolveStatsAccess, type StatsAccess } from './stats.access.js';
import { type KeyNames, keyLookups, orderKey, presentKey } from './stats.keys.js';
import { addCellRow, emptyTally, type Tally } from './stats.measures.js';
import { cellRange, comparedPeriod, periodCode, periodRuns, type StatsPeriodKind } from './stats.periods.js';
import { type KeyValue, keyOfRow, planStats, type StatsPlan } from './stats.plan.js';
import { type PlaceNames, selectCells, selectDepartments, selectPlaces } from './stats.repo.js';
import { type Stats, type StatsDimension, type StatsQuery, statsQuerySchema } from './stats.schema.js';
import { resolveScope, type StatsScope, subtreeIds } from './stats.scope.js';
import { buildTable, keyString, type PeriodCells, type TablePeriod } from './stats.table.js';

export interface StatsDeps {
  db: Db;
  /** Who asks: the numbers count only the records their stats:read reaches. */
  actor: Actor;
}

/**
 * The numbers of the weekly cube: measures by period (week, month, quarter, year) and up to two dimensions, with
 * filters, top N with "others", shares and comparisons (同比 / 环比). Reads the smallest cuboid holding what the query
 * groups and filters by, one SQL statement per contiguous run of periods; finer levels roll up here through the
 * category and place trees. Only the records the actor's stats:read reaches count: its whole towns, its villages'
 * subtrees, its departments' records (a scope holding towns in part reads a cuboid keeping place or department).
 * Definitions: docs/stats.md.
 */
export async function getStats(deps: StatsDeps, input: StatsQuery): Promise<Stats> {
  const q = parseInput(statsQuerySchema, input);
  if (q.top !== undefined && q.by.length === 0) {
    throw invalidField('top', 'top keeps the top keys of the first by dimension: give by too');
  }
  const access = await resolveStatsAccess(deps.db, scopeOf(deps.actor, 'stats:read'));
  const scope = await resolveScope(deps.db, q, { towns: access.towns });
  const plan = planStats(q.by, q.measures, {
    categoryLevel: scope.category?.level as 1 | 2 | 3 | undefined,
    placeLevel: scope.place?.level ?? (access.partial?.villageIds.length ? 'village' : undefined),
    department: scope.departmentIds !== undefined || (access.partial?.departmentIds.length ?? 0) > 0,
    source: scope.source !== undefined,
  });
  const periods: TablePeriod[] = scope.periods.map((period) => ({
    code: periodCode(period),
    text: formatPeriod(period),
    compared: Object.fromEntries(
      q.compare.map((comparison) => {
        const other = comparedPeriod(period, comparison);
        return [comparison, { code: periodCode(other), text: formatPeriod(other) }];
      }),
    ),
  }));
  const read = [...scope.periods, ...scope.periods.flatMap((p) => q.compare.map((c) => comparedPeriod(p, c)))];
  const rows = await readRows(deps.db, scope, access, plan, q.period, read);
  const names = await loadNames(deps.db, scope, q.by, rows);
  const { cells, keys } = sumRows(rows, q.by, plan, names);
  await addPlaces(deps.db, names, placesOfKeys(keys, q.by, names));
  const table = buildTable({
    periods,
    measures: q.measures,
    dimensions: q.by.length,
    top: q.top,
    share: q.share,
    compare: q.compare,
    cells,
    keys,
    order: (i, a, b) => orderKey(q.by[i] as StatsDimension, a, b, names),
  });
  return {
    asOf: scope.asOf === null ? null : townIso(scope.asOf),
    asOfMs: scope.asOf,
    query: {
      town: q.town ?? null,
      period: q.period,
      from: formatPeriod(scope.periods[0] as Period),
      to: formatPeriod(scope.periods.at(-1) as Period),
      measures: q.measures,
      by: q.by,
      compare: q.compare,
      top: q.top ?? null,
      share: q.share,
      category: q.category ?? null,
      place: q.place ?? null,
      department: q.department ?? null,
      source: q.source ?? null,
      kind: q.kind ?? null,
    },
    cuboid: plan.cuboid.id,
    periods: periods.map((period) => period.text),
    rows: table.rows.map(({ key, ...row }) => ({
      ...row,
      keys: Object.fromEntries(
        q.by.map((dimension, i) => [dimension, presentKey(dimension, key[i] as KeyValue, names)]),
      ),
    })),
    totals: table.totals,
  };
}

/** The cells of every period asked or compared with: one statement per contiguous run of periods. */
async function readRows(
  db: Db,
  scope: StatsScope,
  access: StatsAccess,
  plan: StatsPlan,
  kind: StatsPeriodKind,
  periods: Period[],
) {
  if (scope.townIds.length === 0) {
    return [];
  }
  const { cuboid } = plan;
  let rows: Record<string, unknown>[] = [];
  for (const run of periodRuns(periods)) {
    const part = await selectCells(db, {
      ...cellRange(run),
      townIds: scope.townIds,
      cuboid: cuboid.id,
      periodKind: kind,
      categoryIds: scope.category && subtreeIds(scope, scope.category, cuboid.category),
      placeIds: scope.place && (cuboid.place === 2 ? scope.place.within : [scope.place.id]),
      departmentIds: scope.departmentIds ?? undefined,
      access: cellAccess(access, cuboid.place),
      source: scope.source,
      kind: scope.kind,
      group: plan.group,
      counts: plan.counts,
      histograms: plan.histograms,
    });
    rows = rows.length === 0 ? part : rows.concat(part);
  }
  return rows;
}

interface Names extends KeyNames {
  places: Map<number, PlaceNames>;
}

async function addPlaces(db: Db, names: Names, ids: readonly number[]): Promise<void> {
  for (const row of ids.length === 0 ? [] : await selectPlaces(db, ids)) {
    names.places.set(Number(row.id), row);
  }
}

/** The places keys rolled up to (the villages of groups) whose names the rows did not bring. */
function placesOfKeys(keys: Map<string, KeyValue[]>, by: readonly StatsDimension[], names: Names): number[] {
  const missing = new Set<number>();
  for (const key of keys.values()) {
    for (const [i, dimension] of by.entries()) {
      const id = Number(key[i]);
      if ((dimension === 'village' || dimension === 'group') && id !== 0 && !names.places.has(id)) {
        missing.add(id);
      }
    }
  }
  return [...missing];
}

/** The names of the categories (all), places and departments the rows point at. */
async function loadNames(
  db: Db,
  scope: StatsScope,
  by: readonly StatsDimension[],
  rows: Record<string, unknown>[],
): Promise<Names> {
  const ids = (column: string) => [...new Set(rows.map((row) => Number(row[column])))].filter((id) => id !== 0);
  const names: Names = { categories: scope.categories, places: new Map(), departments: new Map() };
  if (by.includes('village') || by.includes('group')) {
    await addPlaces(db, names, ids('place_id'));
  }
  if (by.includes('department')) {
    names.departments = new Map((await selectDepartments(db, ids('department_id'))).map((r) => [Number(r.id), r]));
  }
  return names;
}

/** The rows summed by period and key (keys rolled up to the asked levels). */
function sumRows(rows: Record<string, unknown>[], by: readonly StatsDimension[], plan: StatsPlan, names: KeyNames) {
  const lookups = keyLookups(names);
  const cells: PeriodCells = new Map();
  const keys = new Map<string, KeyValue[]>();
  const columns = plan.counts;
  for (const row of rows) {
    const key = keyOfRow(row, by, plan.cuboid, lookups);
    const id = keyString(key);
    const code = Number(row.p);
    let byKey = cells.get(code);
    if (!byKey) {
      byKey = new Map();
      cells.set(code, byKey);
    }
    let tally: Tally | undefined = byKey.get(id);
    if (!tally) {
      tally = emptyTally();
      byKey.set(id, tally);
      keys.set(id, key);
    }
    addCellRow(tally, row, columns);
  }
  return { cells, keys };
}
