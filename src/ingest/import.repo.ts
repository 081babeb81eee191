import { type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Db } from '../store/database.js';
import type { ImportBatchTable, ImportIssueTable } from '../store/tables/intake.js';

export type ImportBatchRow = Selectable<ImportBatchTable>;

/** The batches a reader reaches: every one (`all`), or those of these towns (a batch with no town is in none). */
export interface BatchScope {
  all: boolean;
  townIds: readonly number[];
}
export type ImportIssueRow = Selectable<ImportIssueTable>;

export async function insertBatch(db: Db, row: Insertable<ImportBatchTable>): Promise<number> {
  const { id } = await db.insertInto('import_batch').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateBatch(db: Db, id: number, patch: Updateable<ImportBatchTable>): Promise<void> {
  await db.updateTable('import_batch').set(patch).where('id', '=', id).execute();
}

function selectBatches(db: Db, scope: BatchScope) {
  const query = db.selectFrom('import_batch').selectAll();
  if (scope.all) {
    return query;
  }
  return scope.townIds.length === 0
    ? query.where(sql<SqlBool>`1 = 0`)
    : query.where('town_id', 'in', [...scope.townIds]);
}

/** The batch with this id when the scope reaches it. */
export async function findBatch(db: Db, scope: BatchScope, id: number): Promise<ImportBatchRow | undefined> {
  return selectBatches(db, scope).where('id', '=', id).executeTakeFirst();
}

export async function listBatches(
  db: Db,
  scope: BatchScope,
  limit: number,
  beforeId?: number,
): Promise<ImportBatchRow[]> {
  let query = selectBatches(db, scope);
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
