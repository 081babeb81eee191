import { type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, sql } from 'kysely';
import type { Scope } from '../auth/index.js';
import type { Database, Db } from '../store/database.js';
import type { PlaceLevel } from '../store/tables/places.js';
import type { ComplaintTable, EnforcementCaseTable, RecordCoreColumns } from '../store/tables/records.js';
import type { CategoryLevel } from '../store/tables/taxonomy.js';

/*
 * The queries complaints and enforcement cases share. Both tables carry the core columns under the same names
 * (RecordCoreColumns), so one query, written against those columns under the alias `r`, serves both.
 */

export type RecordTableName = 'complaint' | 'enforcement_case';
interface RecordTables {
  complaint: ComplaintTable;
  enforcement_case: EnforcementCaseTable;
}

/** The codes and names of what a record points at, for the presenters. */
export interface RecordRefs {
  town_code: string;
  town_name: string;
  category_code: string;
  category_name: string;
  place_code: string | null;
  place_name: string | null;
  department_code: string | null;
  department_name: string | null;
  enterprise_credit_code: string | null;
  enterprise_name: string | null;
}

export type RecordRow<T extends RecordTableName> = Selectable<RecordTables[T]> & RecordRefs;

/** The core columns plus `status`, which both tables have (with different values). */
type RecordView = Selectable<RecordCoreColumns> & { status: string };

/** A list filter with codes already resolved to ids; every field optional, all of them combined with AND. */
export interface RecordFilter {
  townId?: number;
  week?: number;
  fromDay?: string;
  toDay?: string;
  /** The category and its subtree (`level{n}_id = id`). */
  category?: { id: number; level: CategoryLevel };
  /** Everything within the place, through place_closure. */
  place?: { id: number; level: PlaceLevel };
  departmentId?: number;
  difficult?: boolean;
  /** Free text in these columns (case-insensitive substring; see recordListQueryShape.q). */
  text?: { value: string; columns: readonly TextColumn[] };
  /** Equality on a column of the table (status, channel, source). */
  equals?: { column: 'status' | 'channel' | 'source'; value: string }[];
  /** A further condition on the record `r`, written by a feature's repo (stats: flags and row keys). */
  where?: (eb: RecordEb) => Expression<SqlBool>;
}

/** The columns a free-text search looks in: never an encrypted one. */
export type TextColumn = 'title' | 'content' | 'address' | 'external_no';

export interface RecordPaging {
  limit: number;
  offset?: number;
  /** Keyset paging: the (opened_at, id) of the last row of the previous page. */
  after?: { openedAt: number; id: number };
  order: 'asc' | 'desc';
}

function selectRecords(db: Db, table: RecordTableName) {
  return db
    .selectFrom(sql<RecordView>`${sql.table(table)}`.as('r'))
    .innerJoin('place as town', 'town.id', 'r.town_id')
    .innerJoin('category as cat', 'cat.id', 'r.category_id')
    .leftJoin('place as pl', 'pl.id', 'r.place_id')
    .leftJoin('department as dep', 'dep.id', 'r.department_id')
    .leftJoin('enterprise as ent', 'ent.id', 'r.enterprise_id')
    .selectAll('r')
    .select([
      'town.code as town_code',
      'town.name as town_name',
      'cat.code as category_code',
      'cat.name as category_name',
      'pl.code as place_code',
      'pl.name as place_name',
      'dep.code as department_code',
      'dep.name as department_name',
      'ent.credit_code as enterprise_credit_code',
      'ent.name as enterprise_name',
    ]);
}

export type RecordEb = ExpressionBuilder<Database & { r: RecordView }, 'r'>;

const NONE = sql<SqlBool>`1 = 0`;

/**
 * What of the records `r` a scope reaches, or undefined for everything: records of its whole towns, records placed in
 * its villages' subtrees (village and groups, through place_closure) and records dispatched to its departments.
 * An empty scope reaches nothing. Records with no place are only in whole-town scopes.
 */
export function scopeCondition(eb: RecordEb, scope: Scope): Expression<SqlBool> | undefined {
  if (scope.all) {
    return undefined;
  }
  const any: Expression<SqlBool>[] = [];
  if (scope.townIds.length > 0) {
    any.push(eb('r.town_id', 'in', [...scope.townIds]));
  }
  if (scope.villageIds.length > 0) {
    const within = eb
      .selectFrom('place_closure')
      .select('descendant_id')
      .where('ancestor_id', 'in', [...scope.villageIds]);
    any.push(eb('r.place_id', 'in', within));
  }
  if (scope.departmentIds.length > 0) {
    any.push(eb('r.department_id', 'in', [...scope.departmentIds]));
  }
  return any.length === 0 ? NONE : eb.or(any);
}

function conditions(eb: RecordEb, scope: Scope, filter: RecordFilter): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [];
  const within = scopeCondition(eb, scope);
  if (within) {
    all.push(within);
  }
  if (filter.townId !== undefined) {
    all.push(eb('r.town_id', '=', filter.townId));
  }
  if (filter.week !== undefined) {
    all.push(eb('r.opened_week', '=', filter.week));
  }
  if (filter.fromDay !== undefined) {
    all.push(eb('r.opened_day', '>=', filter.fromDay));
  }
  if (filter.toDay !== undefined) {
    all.push(eb('r.opened_day', '<=', filter.toDay));
  }
  const { category, place } = filter;
  if (category) {
    const subtree = eb.selectFrom('category').select('id').where(`level${category.level}_id`, '=', category.id);
    all.push(eb('r.category_id', 'in', subtree));
  }
  if (place) {
    const within = eb.selectFrom('place_closure').select('descendant_id').where('ancestor_id', '=', place.id);
    // A city or town holds whole towns (records of unknown place included); a village or group holds places.
    const column = place.level === 'city' || place.level === 'town' ? 'r.town_id' : 'r.place_id';
    all.push(eb(column, 'in', within));
  }
  if (filter.departmentId !== undefined) {
    all.push(eb('r.department_id', '=', filter.departmentId));
  }
  if (filter.difficult !== undefined) {
    all.push(eb('r.difficult', '=', filter.difficult ? 1 : 0));
  }
  if (filter.text) {
    // LIKE with its wildcards escaped; lower() on both sides, since PostgreSQL's LIKE is case-sensitive.
    const pattern = `%${filter.text.value.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    all.push(
      eb.or(
        filter.text.columns.map((column) => sql<SqlBool>`lower(${sql.ref(`r.${column}`)}) like ${pattern} escape '\\'`),
      ),
    );
  }
  for (const { column, value } of filter.equals ?? []) {
    all.push(sql<SqlBool>`${sql.ref(`r.${column}`)} = ${value}`);
  }
  if (filter.where) {
    all.push(filter.where(eb));
  }
  return all;
}

/** One page of the records within `scope` matching the filter, ordered by opened_at then id. */
export async function listRecordRows<T extends RecordTableName>(
  db: Db,
  table: T,
  scope: Scope,
  filter: RecordFilter,
  paging: RecordPaging,
): Promise<RecordRow<T>[]> {
  const { after, order } = paging;
  let query = selectRecords(db, table).where((eb) => eb.and(conditions(eb, scope, filter)));
  if (after) {
    const beyond = order === 'desc' ? '<' : '>';
    query = query.where((eb) =>
      eb.or([
        eb('r.opened_at', beyond, after.openedAt),
        eb.and([eb('r.opened_at', '=', after.openedAt), eb('r.id', beyond, after.id)]),
      ]),
    );
  }
  query = query.orderBy('r.opened_at', order).orderBy('r.id', order).limit(paging.limit);
  if (paging.offset) {
    query = query.offset(paging.offset);
  }
  // selectAll('r') returns every column of `table`; the type follows from the table name.
  return (await query.execute()) as RecordRow<T>[];
}

/** How many records within `scope` match the filter. */
export async function countRecordRows(
  db: Db,
  table: RecordTableName,
  scope: Scope,
  filter: RecordFilter,
): Promise<number> {
  const row = await db
    .selectFrom(sql<RecordView>`${sql.table(table)}`.as('r'))
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => eb.and(conditions(eb, scope, filter)))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The record with this id when it lies within `scope` (else undefined: out of scope reads as not there). */
export async function findRecordRow<T extends RecordTableName>(
  db: Db,
  table: T,
  scope: Scope,
  id: number,
): Promise<RecordRow<T> | undefined> {
  const row = await selectRecords(db, table)
    .where((eb) => eb.and([eb('r.id', '=', id), ...conditions(eb, scope, {})]))
    .executeTakeFirst();
  return row as RecordRow<T> | undefined;
}

/** The id of the record with this (source system, external number), if any. */
export async function findRecordIdByExternal(
  db: Db,
  table: RecordTableName,
  sourceSystem: string,
  externalNo: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom(sql<RecordView>`${sql.table(table)}`.as('r'))
    .select('r.id')
    .where('r.source_system', '=', sourceSystem)
    .where('r.external_no', '=', externalNo)
    .executeTakeFirst();
  return row?.id;
}

/** Rows per INSERT statement: ~30 columns × 500 stays under both databases' limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;

/**
 * Write many records of one table in multi-row statements, skipping any whose (source_system, external_no) is
 * already stored. Call it inside a transaction: the batch writers (demo, intake) own the batching and the commit.
 */
export async function insertRecordRows<T extends RecordTableName>(
  db: Db,
  table: T,
  rows: Insertable<RecordTables[T]>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT) as Insertable<ComplaintTable>[];
    // One statement for both tables: Kysely's typing cannot follow a table name chosen at run time.
    await db
      .insertInto(table as 'complaint')
      .values(chunk)
      .onConflict((oc) => oc.columns(['source_system', 'external_no']).doNothing())
      .execute();
  }
}
