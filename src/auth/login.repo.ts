import type { Insertable } from 'kysely';
import type { Db } from '../store/database.js';
import type { LoginAttemptTable } from '../store/tables/auth.js';

export async function insertLoginAttempt(db: Db, row: Insertable<LoginAttemptTable>): Promise<void> {
  await db.insertInto('login_attempt').values(row).execute();
}

/** The failed attempts for a username after `since` (exclusive). */
export async function countFailedAttempts(db: Db, username: string, since: number): Promise<number> {
  const { n } = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('success', '=', 0)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The last successful sign-in of a username after `since`, if any. */
export async function lastSuccessAt(db: Db, username: string, since: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('success', '=', 1)
    .where('at', '>', since)
    .executeTakeFirst();
  return row?.at == null ? undefined : Number(row.at);
}

/** All attempts from one address after `since` (exclusive). */
export async function countAttemptsFromIp(db: Db, ip: string, since: number): Promise<number> {
  const { n } = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Forget attempts older than `before` (they are kept a day, for rate limits and investigation). */
export async function deleteLoginAttemptsBefore(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('login_attempt').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
