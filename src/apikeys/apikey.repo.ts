import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../store/database.js';
import type { ApiKeyTable } from '../store/tables/intake.js';

export type ApiKeyRow = Selectable<ApiKeyTable> & { town_code: string; town_name: string };

function selectApiKeys(db: Db) {
  return db
    .selectFrom('api_key as k')
    .innerJoin('place as town', 'town.id', 'k.town_id')
    .selectAll('k')
    .select(['town.code as town_code', 'town.name as town_name']);
}

export async function insertApiKey(db: Db, row: Insertable<ApiKeyTable>): Promise<number> {
  const { id } = await db.insertInto('api_key').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findApiKeyById(db: Db, id: number): Promise<ApiKeyRow | undefined> {
  return selectApiKeys(db).where('k.id', '=', id).executeTakeFirst();
}

export async function findApiKeyByHash(db: Db, hash: string): Promise<Selectable<ApiKeyTable> | undefined> {
  return db.selectFrom('api_key').selectAll().where('key_hash', '=', hash).executeTakeFirst();
}

/** Keys oldest first, optionally of one town. */
export async function listApiKeyRows(db: Db, filter: { townId?: number }): Promise<ApiKeyRow[]> {
  let query = selectApiKeys(db);
  if (filter.townId !== undefined) {
    query = query.where('k.town_id', '=', filter.townId);
  }
  return query.orderBy('k.id').execute();
}

/** Mark a key revoked at `at`, unless it already is (the first revocation time stays). */
export async function revokeApiKeyRow(db: Db, id: number, at: number): Promise<void> {
  await db
    .updateTable('api_key')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
