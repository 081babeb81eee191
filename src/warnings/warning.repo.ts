import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import type { Scope } from '../auth/index.js';
import type { Database, Db } from '../store/database.js';
import type { PlaceLevel } from '../store/tables/places.js';
import type { CategoryLevel } from '../store/tables/taxonomy.js';
import type {
  WarningEventTable,
  WarningSeverity,
  WarningSituation,
  WarningStatus,
  WarningTable,
  WarningType,
} from '../store/tables/warnings.js';

/*
 * The queries of warnings: scoped reads (a whole town; a village through warning_village; a department through
 * department_id), the list's filters and order, and the lifecycle's guarded updates and history.
 */

/** The codes and names a warning points at, for the presenters. */
export interface WarningRefs {
  town_code: string;
  town_name: string;
  category_code: string | null;
  category_name: string | null;
  place_code: string;
  place_name: string;
  department_code: string | null;
  department_name: string | null;
}
export type WarningRow = Selectable<WarningTable> & WarningRefs;
export type WarningEventRow = Selectable<WarningEventTable>;

export type WarningEb = ExpressionBuilder<Database & { w: WarningTable }, 'w'>;

/** A list filter with codes resolved to ids; every field optional, combined with AND. */
export interface WarningFilter {
  townId?: number;
  statuses?: readonly WarningStatus[];
  severities?: readonly WarningSeverity[];
  types?: readonly WarningType[];
  situations?: readonly WarningSituation[];
  /** The category and its subtree. */
  category?: { id: number; level: CategoryLevel };
  /** A city or town: its towns' warnings; a village or group: warnings concerning it or placed within it. */
  place?: { id: number; level: PlaceLevel };
  departmentIds?: readonly number[];
  fromWeek?: number;
  toWeek?: number;
  /** Words in the summary (zh or en), matched as a substring. */
  text?: string;
}

/** Keyset paging in the list's order: severity rank ascending, then week and id descending. */
export interface WarningPaging {
  limit: number;
  offset?: number;
  after?: { rank: number; week: number; id: number };
}

/** Severity as a rank: red 0, orange 1, yellow 2, blue 3 (the list's first key). */
export const SEVERITY_RANK: Record<WarningSeverity, number> = { red: 0, orange: 1, yellow: 2, blue: 3 };
const severityRank = sql<number>`case ${sql.ref('w.severity')} when 'red' then 0 when 'orange' then 1 when 'yellow' then 2 else 3 end`;

function selectWarnings(db: Db) {
  return db
    .selectFrom('warning as w')
    .innerJoin('place as town', 'town.id', 'w.town_id')
    .innerJoin('place as pl', 'pl.id', 'w.place_id')
    .leftJoin('category as cat', 'cat.id', 'w.category_id')
    .leftJoin('department as dep', 'dep.id', 'w.department_id')
    .selectAll('w')
    .select([
      'town.code as town_code',
      'town.name as town_name',
      'cat.code as category_code',
      'cat.name as category_name',
      'pl.code as place_code',
      'pl.name as place_name',
      'dep.code as department_code',
      'dep.name as department_name',
    ]);
}

const NONE = sql<SqlBool>`1 = 0`;

/**
 * What of the warnings `w` a scope reaches, or undefined for everything: the warnings of its whole towns, those with
 * a warning_village row in its villages (or within them), and those whose department is one of its departments.
 */
export function warningScopeCondition(eb: WarningEb, scope: Scope): Expression<SqlBool> | undefined {
  if (scope.all) {
    return undefined;
  }
  const any: Expression<SqlBool>[] = [];
  if (scope.townIds.length > 0) {
    any.push(eb('w.town_id', 'in', [...scope.townIds]));
  }
  if (scope.villageIds.length > 0) {
    const villages = [...scope.villageIds];
    any.push(
      eb.exists(
        eb
          .selectFrom('warning_village as wv')
          .select('wv.warning_id')
          .whereRef('wv.warning_id', '=', 'w.id')
          .where('wv.village_id', 'in', (sub) =>
            sub.selectFrom('place_closure').select('descendant_id').where('ancestor_id', 'in', villages),
          ),
      ),
    );
  }
  if (scope.departmentIds.length > 0) {
    any.push(eb('w.department_id', 'in', [...scope.departmentIds]));
  }
  return any.length === 0 ? NONE : eb.or(any);
}

/** `%`, `_` and `\` taken literally in a LIKE pattern (escape character `\`). */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`).toLowerCase()}%`;
}

function conditions(eb: WarningEb, scope: Scope, filter: WarningFilter): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [];
  const within = warningScopeCondition(eb, scope);
  if (within) {
    all.push(within);
  }
  if (filter.townId !== undefined) {
    all.push(eb('w.town_id', '=', filter.townId));
  }
  const lists = [
    ['w.status', filter.statuses],
    ['w.severity', filter.severities],
    ['w.type', filter.types],
    ['w.situation', filter.situations],
  ] as const;
  for (const [column, values] of lists) {
    if (values !== undefined) {
      all.push(values.length === 0 ? NONE : eb(column, 'in', [...values]));
    }
  }
  const { category, place } = filter;
  if (category) {
    const subtree = eb.selectFrom('category').select('id').where(`level${category.level}_id`, '=', category.id);
    all.push(eb('w.category_id', 'in', subtree));
  }
  if (place) {
    const inside = eb.selectFrom('place_closure').select('descendant_id').where('ancestor_id', '=', place.id);
    if (place.level === 'city' || place.level === 'town') {
      all.push(eb('w.town_id', 'in', inside));
    } else {
      const concerned = eb
        .selectFrom('warning_village as fv')
        .select('fv.warning_id')
        .whereRef('fv.warning_id', '=', 'w.id')
        .where('fv.village_id', 'in', inside);
      all.push(eb.or([eb.exists(concerned), eb('w.place_id', 'in', inside)]));
    }
  }
  if (filter.departmentIds !== undefined) {
    all.push(filter.departmentIds.length === 0 ? NONE : eb('w.department_id', 'in', [...filter.departmentIds]));
  }
  if (filter.fromWeek !== undefined) {
    all.push(eb('w.week', '>=', filter.fromWeek));
  }
  if (filter.toWeek !== undefined) {
    all.push(eb('w.week', '<=', filter.toWeek));
  }
  if (filter.text !== undefined) {
    const pattern = likePattern(filter.text);
    all.push(
      eb.or([
        sql<SqlBool>`lower(${sql.ref('w.summary')}) like ${pattern} escape '\\'`,
        sql<SqlBool>`lower(${sql.ref('w.summary_en')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  return all;
}

/** One page of the warnings within `scope` matching the filter: red first, then the latest week, then newest. */
export async function listWarningRows(
  db: Db,
  scope: Scope,
  filter: WarningFilter,
  paging: WarningPaging,
): Promise<WarningRow[]> {
  let query = selectWarnings(db).where((eb) => eb.and(conditions(eb, scope, filter)));
  const { after } = paging;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb(severityRank, '>', after.rank),
        eb.and([eb(severityRank, '=', after.rank), eb('w.week', '<', after.week)]),
        eb.and([eb(severityRank, '=', after.rank), eb('w.week', '=', after.week), eb('w.id', '<', after.id)]),
      ]),
    );
  }
  query = query.orderBy(severityRank).orderBy('w.week', 'desc').orderBy('w.id', 'desc').limit(paging.limit);
  if (paging.offset) {
    query = query.offset(paging.offset);
  }
  return query.execute();
}

/** The warning with this id when it lies within `scope` (else undefined: out of scope reads as not there). */
export async function findWarningRow(db: Db, scope: Scope, id: number): Promise<WarningRow | undefined> {
  return selectWarnings(db)
    .where((eb) => eb.and([eb('w.id', '=', id), ...conditions(eb, scope, {})]))
    .executeTakeFirst();
}

/** The ids of the departments with this code, in every town (a department filter without a town). */
export async function findDepartmentIdsByCode(db: Db, code: string): Promise<number[]> {
  const rows = await db.selectFrom('department').select('id').where('code', '=', code).execute();
  return rows.map((row) => Number(row.id));
}

/** The villages a warning concerns, by code. */
export async function listWarningVillages(db: Db, warningId: number): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('warning_village as wv')
    .innerJoin('place as p', 'p.id', 'wv.village_id')
    .select(['p.code', 'p.name'])
    .where('wv.warning_id', '=', warningId)
    .orderBy('p.code')
    .execute();
}

/** A warning's history, oldest first. */
export async function listWarningEvents(db: Db, warningId: number): Promise<WarningEventRow[]> {
  return db
    .selectFrom('warning_event')
    .selectAll()
    .where('warning_id', '=', warningId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/**
 * Change a warning's lifecycle fields if it still has status `from` (a concurrent change makes this a no-op).
 * Returns whether the row was updated.
 */
export async function updateWarningIfStatus(
  db: Db,
  id: number,
  from: WarningStatus,
  patch: Updateable<WarningTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('warning')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertWarningEvent(db: Db, row: Insertable<WarningEventTable>): Promise<void> {
  await db.insertInto('warning_event').values(row).execute();
}
