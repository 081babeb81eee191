import { type Selectable, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../auth/index.js';
import { type RecordEb, scopeCondition } from '../../records/index.js';
import type { Db } from '../../store/database.js';
import type { RecordCoreColumns } from '../../store/tables/records.js';

/*
 * The record-level queries of the monthly advice that the cube cannot answer: records grouped by their stored address
 * or by the enterprise they concern, within the reader's scope (scopeCondition, as the record lists filter). Only
 * counts, places, categories and enterprise names leave here: never a complainant, a party or a text.
 */

type RecordTable = 'complaint' | 'enforcement_case';
type RecordView = Selectable<RecordCoreColumns> & { status: string };

export interface MonthFilter {
  townId: number;
  /** Days `YYYY-MM-DD`, both included (the record's opened day in the town). */
  fromDay: string;
  toDay: string;
}

/** Records of one (address or enterprise, place, category) group; `kind` says which table they came from. */
export interface GroupRow {
  key: string;
  placeId: number | null;
  categoryId: number;
  kind: 'complaint' | 'case';
  records: number;
}

function records(db: Db, table: RecordTable) {
  return db.selectFrom(sql<RecordView>`${sql.table(table)}`.as('r'));
}

function within(eb: RecordEb, scope: Scope, filter: MonthFilter, extra: ReturnType<RecordEb['and']>) {
  const all = [
    eb('r.town_id', '=', filter.townId),
    eb('r.opened_day', '>=', filter.fromDay),
    eb('r.opened_day', '<=', filter.toDay),
    extra,
  ];
  const reach = scopeCondition(eb, scope);
  return eb.and(reach ? [reach, ...all] : all);
}

const KIND: Record<RecordTable, GroupRow['kind']> = { complaint: 'complaint', enforcement_case: 'case' };

/** The month's records by trimmed address (empty addresses left out), place and category, in both tables. */
export async function selectAddressGroups(db: Db, scope: Scope, filter: MonthFilter): Promise<GroupRow[]> {
  const out: GroupRow[] = [];
  for (const table of ['complaint', 'enforcement_case'] as const) {
    const address = sql<string>`trim(r.address)`;
    const rows = await records(db, table)
      .select([address.as('key'), 'r.place_id', 'r.category_id', (eb) => eb.fn.countAll<number>().as('records')])
      .where((eb) =>
        within(
          eb as unknown as RecordEb,
          scope,
          filter,
          eb.and([eb('r.address', 'is not', null), sql<SqlBool>`trim(r.address) <> ''`]),
        ),
      )
      .groupBy([address, 'r.place_id', 'r.category_id'])
      .execute();
    for (const row of rows) {
      out.push({
        key: row.key,
        placeId: row.place_id === null ? null : Number(row.place_id),
        categoryId: Number(row.category_id),
        kind: KIND[table],
        records: Number(row.records),
      });
    }
  }
  return out;
}

/** The month's records that name an enterprise, by enterprise id (as text), place and category, in both tables. */
export async function selectEnterpriseGroups(db: Db, scope: Scope, filter: MonthFilter): Promise<GroupRow[]> {
  const out: GroupRow[] = [];
  for (const table of ['complaint', 'enforcement_case'] as const) {
    const rows = await records(db, table)
      .select(['r.enterprise_id', 'r.place_id', 'r.category_id', (eb) => eb.fn.countAll<number>().as('records')])
      .where((eb) => within(eb, scope, filter, eb('r.enterprise_id', 'is not', null)))
      .groupBy(['r.enterprise_id', 'r.place_id', 'r.category_id'])
      .execute();
    for (const row of rows) {
      out.push({
        key: String(row.enterprise_id),
        placeId: row.place_id === null ? null : Number(row.place_id),
        categoryId: Number(row.category_id),
        kind: KIND[table],
        records: Number(row.records),
      });
    }
  }
  return out;
}

export interface PlaceName {
  id: number;
  name: string;
  nameEn: string | null;
  level: string;
  parentId: number | null;
}

/** Places by id, with their level and parent (a group's village is its parent). */
export async function selectPlaceNames(db: Db, ids: readonly number[]): Promise<PlaceName[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('place')
    .select(['id', 'name', 'name_en', 'level', 'parent_id'])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    nameEn: r.name_en,
    level: r.level,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
  }));
}

export interface CategoryName {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: number;
  level1Id: number | null;
  /** The level-2 ancestor (itself at level 2); null for a level-1 category. */
  level2Id: number | null;
}

/** Categories by id, or by code, with their level and ancestors. */
export async function selectCategoryNames(
  db: Db,
  ids: readonly number[],
  codes: readonly string[] = [],
): Promise<CategoryName[]> {
  if (ids.length === 0 && codes.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('category')
    .select(['id', 'code', 'name', 'name_en', 'level', 'level1_id', 'level2_id'])
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('id', 'in', [...ids])] : []),
        ...(codes.length > 0 ? [eb('code', 'in', [...codes])] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    level: Number(r.level),
    level1Id: r.level1_id === null ? null : Number(r.level1_id),
    level2Id: r.level2_id === null ? null : Number(r.level2_id),
  }));
}

/** Registered enterprises by id: name and unified social credit code (public registration data). */
export async function selectEnterpriseNames(
  db: Db,
  ids: readonly number[],
): Promise<{ id: number; name: string; creditCode: string }[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('enterprise')
    .select(['id', 'name', 'credit_code'])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, creditCode: r.credit_code }));
}
