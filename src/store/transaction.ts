import type { Kysely } from 'kysely';

/**
 * Run `work` in one transaction. Inside a transaction already, it joins that one, so services can call each other
 * and still commit or roll back together.
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    return work(db);
  }
  return db.transaction().execute(work);
}
