import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../store/database.js';
import type { ImportBatchTable, ImportIssueTable } from '../store/tables/intake.js';

export type ImportBatchRow = Selectable<ImportBatchTable>;
export type ImportIssueRow = Selectable<ImportIssueTable>;

export async function insertBatch(db: Db, row: Insertable<ImportBatchTable>): Promise<number> {
  const { id } = await db.insertInto('import_batch').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateBatch(db: Db, id: number, patch: Updateable<ImportBatchTable>): Promise<void> {
  await db.updateTable('import_batch').set(patch).where('id', '=', id).execute();
}

export async function findBatch(db: Db, id: number): Promise<ImportBatchRow | undefined> {
  return db.selectFrom('import_batch').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listBatches(db: Db, limit: number, beforeId?: number): Promise<ImportBatchRow[]> {
  let query = db.selectFrom('import_batch').selectAll();
  if (beforeId !== undefined) {
    query = query.where('id', '<', beforeId);
  }
  return query.orderBy('id', 'desc').limit(limit).execute();
}

export async function listRunningBatches(db: Db): Promise<ImportBatchRow[]> {
  return db.selectFrom('import_batch').selectAll().where('status', '=', 'running').execute();
}

export async function insertIssues(db: Db, rows: readonly Insertable<ImportIssueTable>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('import_issue')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

export async function listIssues(
  db: Db,
  batchId: number,
  filter: { severity?: 'reject' | 'warning'; limit: number; afterId?: number },
): Promise<ImportIssueRow[]> {
  let query = db.selectFrom('import_issue').selectAll().where('batch_id', '=', batchId);
  if (filter.severity) {
    query = query.where('severity', '=', filter.severity);
  }
  if (filter.afterId !== undefined) {
    query = query.where('id', '>', filter.afterId);
  }
  return query.orderBy('id').limit(filter.limit).execute();
}
