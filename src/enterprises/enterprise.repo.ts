import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../store/database.js';
import type { EnterpriseTable } from '../store/tables/enterprises.js';

export type EnterpriseRow = Selectable<EnterpriseTable> & { town_code: string; village_code: string | null };

function selectEnterprises(db: Db) {
  return db
    .selectFrom('enterprise as e')
    .innerJoin('place as town', 'town.id', 'e.town_id')
    .leftJoin('place as village', 'village.id', 'e.village_id')
    .selectAll('e')
    .select(['town.code as town_code', 'village.code as village_code']);
}

export async function findEnterpriseByCreditCode(db: Db, creditCode: string): Promise<EnterpriseRow | undefined> {
  return selectEnterprises(db).where('e.credit_code', '=', creditCode).executeTakeFirst();
}

export async function findEnterpriseById(db: Db, id: number): Promise<EnterpriseRow | undefined> {
  return selectEnterprises(db).where('e.id', '=', id).executeTakeFirst();
}

export interface EnterpriseFilter {
  townId?: number;
  /** Substring of the name, matched literally (% and _ are not wildcards) and case-insensitively for A–Z. */
  nameContains?: string;
}

/**
 * `lower(name) like lower('%…%')` with the text's own %, _ and ! escaped: the same SQL on SQLite and PostgreSQL.
 * Both lower A–Z; PostgreSQL also lowers other scripts' capitals, SQLite leaves them (Chinese has no case).
 */
function nameLike(text: string) {
  const pattern = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return sql<boolean>`lower(e.name) like lower(${pattern}) escape '!'`;
}

function filtered(db: Db, filter: EnterpriseFilter) {
  let query = selectEnterprises(db);
  if (filter.townId !== undefined) {
    query = query.where('e.town_id', '=', filter.townId);
  }
  if (filter.nameContains) {
    query = query.where(nameLike(filter.nameContains));
  }
  return query;
}

/** One page of matching enterprises, by name then credit code. */
export async function listEnterpriseRows(
  db: Db,
  filter: EnterpriseFilter,
  page: { offset: number; limit: number },
): Promise<EnterpriseRow[]> {
  return filtered(db, filter)
    .orderBy('e.name')
    .orderBy('e.credit_code')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countEnterpriseRows(db: Db, filter: EnterpriseFilter): Promise<number> {
  const { count } = await filtered(db, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function insertEnterprise(db: Db, row: Insertable<EnterpriseTable>): Promise<number> {
  const { id } = await db.insertInto('enterprise').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateEnterpriseRow(db: Db, id: number, patch: Updateable<EnterpriseTable>): Promise<void> {
  await db.updateTable('enterprise').set(patch).where('id', '=', id).execute();
}

/** Every enterprise's id by credit code, for bulk work that resolves many codes (intake). */
export async function listEnterpriseIds(db: Db): Promise<{ id: number; credit_code: string }[]> {
  return db.selectFrom('enterprise').select(['id', 'credit_code']).execute();
}
