import type { Insertable, Selectable } from 'kysely';
import type { Scope } from '../auth/index.js';
import type { Db } from '../store/database.js';
import type { ApiKeyTable } from '../store/tables/intake.js';

export type ApiKeyRow = Selectable<ApiKeyTable> & { town_code: string; town_name: string };

/** The tokens a scope reaches: every token with `all`, else those of the scope's whole towns (none when empty). */
function selectApiKeys(db: Db, scope: Scope) {
  let query = db
    .selectFrom('api_key as k')
    .innerJoin('place as town', 'town.id', 'k.town_id')
    .selectAll('k')
    .select(['town.code as town_code', 'town.name as town_name']);
  if (!scope.all) {
    // A token acts in a whole town, so only a whole-town scope reaches it; an empty list matches no row.
    query = query.where('k.town_id', 'in', scope.townIds.length > 0 ? [...scope.townIds] : [-1]);
  }
  return query;
}

export async function insertApiKey(db: Db, row: Insertable<ApiKeyTable>): Promise<number> {
  const { id } = await db.insertInto('api_key').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** One token by id, if the scope reaches it. */
export async function findApiKeyById(db: Db, id: number, scope: Scope): Promise<ApiKeyRow | undefined> {
  return selectApiKeys(db, scope).where('k.id', '=', id).executeTakeFirst();
}

/** The token whose SHA-256 is `hash` (the one lookup a presented token needs). */
export async function findApiKeyByHash(db: Db, hash: string): Promise<Selectable<ApiKeyTable> | undefined> {
  return db.selectFrom('api_key').selectAll().where('key_hash', '=', hash).executeTakeFirst();
}

/** Tokens the scope reaches, oldest first, optionally of one town. */
export async function listApiKeyRows(db: Db, scope: Scope, filter: { townId?: number }): Promise<ApiKeyRow[]> {
  let query = selectApiKeys(db, scope);
  if (filter.townId !== undefined) {
    query = query.where('k.town_id', '=', filter.townId);
  }
  return query.orderBy('k.id').execute();
}

/** Mark a token revoked at `at`, unless it already is (the first revocation time stays). True if this revoked it. */
export async function revokeApiKeyRow(db: Db, id: number, at: number): Promise<boolean> {
  const result = await db
    .updateTable('api_key')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Record that the token was used at `now`, unless that was already recorded less than `interval` ms ago: a busy
 * integration then writes once a minute, not once a request (the condition is in SQL, so racing requests agree).
 */
export async function touchApiKeyRow(db: Db, id: number, now: number, interval: number): Promise<void> {
  await db
    .updateTable('api_key')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', now - interval)]))
    .execute();
}
