/**
 * What the engine reads of a town: its shape (categories, villages), the base cuboid's weekly counts, sample records,
 * overdue records at an instant, department and local names. Town-wide reads: the engine runs as the system for a
 * whole town; people's reads of warnings are scoped in warning.repo.ts.
 */
import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import type { CellCount } from './series.js';
import type { CategoryNode, TownShape, VillageNode } from './shape.js';

export async function selectTownShape(db: Db, townId: number): Promise<TownShape | undefined> {
  const town = await db
    .selectFrom('place')
    .select(['id', 'code', 'name', 'name_en'])
    .where('id', '=', townId)
    .where('level', '=', 'town')
    .executeTakeFirst();
  if (town === undefined) {
    return undefined;
  }
  const categoryRows = await db
    .selectFrom('category')
    .select(['id', 'code', 'name', 'name_en', 'level', 'level1_id', 'level2_id', 'level3_id'])
    .execute();
  const categories = new Map<number, CategoryNode>();
  for (const row of categoryRows) {
    // A category is its own ancestor at its level (category.level<n>_id), so the path ends with its id.
    const path = [row.level1_id, row.level2_id, row.level3_id].slice(0, Number(row.level)).map(Number);
    categories.set(Number(row.id), {
      id: Number(row.id),
      code: row.code,
      name: { zh: row.name, en: row.name_en },
      level: Number(row.level),
      path,
    });
  }
  const placeRows = await db
    .selectFrom('place')
    .select(['id', 'code', 'name', 'name_en', 'level', 'parent_id'])
    .where('town_id', '=', townId)
    .where('level', 'in', ['village', 'group'])
    .orderBy('code')
    .execute();
  const villages = new Map<number, VillageNode>();
  const villageOfPlace = new Map<number, number>();
  for (const row of placeRows) {
    if (row.level === 'village') {
      villages.set(Number(row.id), {
        id: Number(row.id),
        code: row.code,
        name: { zh: row.name, en: row.name_en ?? row.name },
      });
      villageOfPlace.set(Number(row.id), Number(row.id));
    }
  }
  for (const row of placeRows) {
    if (row.level === 'group' && row.parent_id !== null && villages.has(Number(row.parent_id))) {
      villageOfPlace.set(Number(row.id), Number(row.parent_id));
    }
  }
  return {
    town: { id: Number(town.id), code: town.code, name: { zh: town.name, en: town.name_en ?? town.name } },
    categories,
    villages,
    villageOfPlace,
  };
}

/** Records by week × own category × own place (both kinds, every source and department), from the base cuboid. */
export async function selectWeeklyCells(
  db: Db,
  townId: number,
  fromWeek: number,
  toWeek: number,
): Promise<CellCount[]> {
  const rows = await db
    .selectFrom('cube_cell')
    .select(['week', 'category_id', 'place_id', sql<number>`sum(records)`.as('records')])
    .where('town_id', '=', townId)
    .where('cuboid', '=', 0)
    .where('week', '>=', fromWeek)
    .where('week', '<=', toWeek)
    .groupBy(['week', 'category_id', 'place_id'])
    .execute();
  return rows.map((r) => ({
    week: Number(r.week),
    categoryId: Number(r.category_id),
    placeId: Number(r.place_id) === 0 ? null : Number(r.place_id),
    records: Number(r.records),
  }));
}

/** The first week holding any record of the town (the base cuboid's), or undefined for an empty town. */
export async function selectFirstWeek(db: Db, townId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('cube_cell')
    .select(sql<number | null>`min(week)`.as('week'))
    .where('town_id', '=', townId)
    .where('cuboid', '=', 0)
    .executeTakeFirst();
  return row?.week === null || row?.week === undefined ? undefined : Number(row.week);
}

export interface SampleQuery {
  townId: number;
  week: number;
  /** The category and its subtree (by its level's column), or every category. */
  category: CategoryNode | null;
  /** Places (villages and their groups); empty for the whole town. */
  placeIds: readonly number[];
  limit: number;
}

/** The latest records of an issue's cells in its week: difficult ones first, complaints and cases both. */
export async function selectSampleRecords(
  db: Db,
  q: SampleQuery,
): Promise<{ kind: 'complaint' | 'case'; id: number }[]> {
  const found: { kind: 'complaint' | 'case'; id: number; difficult: number; opened: number }[] = [];
  for (const [table, kind] of [
    ['complaint', 'complaint'],
    ['enforcement_case', 'case'],
  ] as const) {
    let query = db
      .selectFrom(table)
      .select(['id', 'difficult', 'opened_at'])
      .where('town_id', '=', q.townId)
      .where('opened_week', '=', q.week);
    if (q.category !== null) {
      const column = `level${q.category.level}_id` as 'level1_id' | 'level2_id' | 'level3_id';
      const categoryId = q.category.id;
      query = query.where('category_id', 'in', (eb) =>
        eb.selectFrom('category').select('id').where(column, '=', categoryId),
      );
    }
    if (q.placeIds.length > 0) {
      query = query.where('place_id', 'in', q.placeIds);
    }
    const rows = await query.orderBy('difficult', 'desc').orderBy('opened_at', 'desc').limit(q.limit).execute();
    found.push(
      ...rows.map((r) => ({ kind, id: Number(r.id), difficult: Number(r.difficult), opened: Number(r.opened_at) })),
    );
  }
  return found
    .sort((a, b) => b.difficult - a.difficult || b.opened - a.opened)
    .slice(0, q.limit)
    .map(({ kind, id }) => ({ kind, id }));
}

export interface OverdueCount {
  departmentId: number | null;
  categoryId: number;
  /** Open and past the deadline at the instant asked. */
  overdue: number;
}

/**
 * Records open and past their deadline at instant `at` (opened before it, not closed by it), by department and
 * category: those still open and those closed after `at`, each read through the (town, closed_at) index.
 */
export async function selectOverdueAt(db: Db, townId: number, at: number): Promise<OverdueCount[]> {
  const counts: OverdueCount[] = [];
  for (const table of ['complaint', 'enforcement_case'] as const) {
    for (const open of [true, false]) {
      // Deadline and opening are counted, not filtered on, so that the planner reads the (town, closed_at) index.
      let query = db
        .selectFrom(table)
        .select([
          'department_id',
          'category_id',
          sql<number>`sum(case when deadline_at < ${at} and opened_at <= ${at} then 1 else 0 end)`.as('n'),
        ])
        .where('town_id', '=', townId)
        .where('status', '!=', 'cancelled');
      query = open ? query.where('closed_at', 'is', null) : query.where('closed_at', '>', at);
      const rows = await query.groupBy(['department_id', 'category_id']).execute();
      counts.push(
        ...rows
          .filter((r) => Number(r.n) > 0)
          .map((r) => ({
            departmentId: r.department_id === null ? null : Number(r.department_id),
            categoryId: Number(r.category_id),
            overdue: Number(r.n),
          })),
      );
    }
  }
  return counts;
}

export async function selectPlacesWithin(db: Db, villageIds: readonly number[]): Promise<number[]> {
  if (villageIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('place_closure')
    .select('descendant_id')
    .where('ancestor_id', 'in', villageIds)
    .execute();
  return rows.map((r) => Number(r.descendant_id));
}

export async function selectDepartmentNames(db: Db, townId: number): Promise<Map<number, { zh: string; en: string }>> {
  const rows = await db
    .selectFrom('department')
    .select(['id', 'name', 'name_en'])
    .where('town_id', '=', townId)
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  return new Map(rows.map((r) => [Number(r.id), { zh: r.name, en: r.name_en ?? r.name }]));
}

/** The names of the town's places and registered enterprises: words the emerging-word detector should not flag. */
export async function selectLocalNames(db: Db, townId: number): Promise<string[]> {
  const [places, enterprises] = await Promise.all([
    db
      .selectFrom('place')
      .select('name')
      .where((eb) => eb.or([eb('town_id', '=', townId), eb('id', '=', townId)]))
      .execute(),
    db.selectFrom('enterprise').select('name').where('town_id', '=', townId).execute(),
  ]);
  return [...places, ...enterprises].map((r) => r.name);
}
