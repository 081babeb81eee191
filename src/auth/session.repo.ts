import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../store/database.js';
import type { UserSessionTable } from '../store/tables/auth.js';

export type SessionRow = Selectable<UserSessionTable>;

export async function insertSession(db: Db, row: Insertable<UserSessionTable>): Promise<number> {
  const { id } = await db.insertInto('user_session').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findSessionByHash(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('user_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findSessionById(db: Db, id: number): Promise<SessionRow | undefined> {
  return db.selectFrom('user_session').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Move a session's last use forward (only forward: two requests at once must not move it back). */
export async function touchSession(db: Db, id: number, at: number): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: at })
    .where('id', '=', id)
    .where('last_seen_at', '<', at)
    .execute();
}

/** A user's sessions that are neither revoked nor past their absolute end, newest first. */
export async function listLiveSessions(db: Db, userId: number, now: number): Promise<SessionRow[]> {
  return db
    .selectFrom('user_session')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revoke one session of a user (if still live); returns whether it was. */
export async function revokeSessionRow(db: Db, userId: number, id: number, at: number): Promise<boolean> {
  const result = await db
    .updateTable('user_session')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revoke a user's live sessions, but `exceptId`; returns how many. */
export async function revokeUserSessionRows(db: Db, userId: number, at: number, exceptId?: number): Promise<number> {
  let query = db
    .updateTable('user_session')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId !== undefined) {
    query = query.where('id', '!=', exceptId);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Forget sessions that ended (absolute end or revocation) before `before`, or were last used before `lastSeenBefore`
 * (housekeeping; a session row is of no use after its end).
 */
export async function deleteEndedSessions(db: Db, before: number, lastSeenBefore: number): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where((eb) =>
      eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before), eb('last_seen_at', '<', lastSeenBefore)]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
