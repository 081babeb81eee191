import type { Insertable } from 'kysely';
import type { Scope } from '../auth/index.js';
import type { Db } from '../store/database.js';
import type { ComplaintTable } from '../store/tables/records.js';
import { findRecordRow, listRecordRows, type RecordFilter, type RecordPaging, type RecordRow } from './record.repo.js';

export type ComplaintRow = RecordRow<'complaint'>;

/**
 * Write one complaint and return its id. The single place complaints are written, so intake can build its upsert
 * and batches on it.
 */
export async function insertComplaint(db: Db, row: Insertable<ComplaintTable>): Promise<number> {
  const { id } = await db.insertInto('complaint').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findComplaintRow(db: Db, scope: Scope, id: number): Promise<ComplaintRow | undefined> {
  return findRecordRow(db, 'complaint', scope, id);
}

export async function listComplaintRows(
  db: Db,
  scope: Scope,
  filter: RecordFilter,
  paging: RecordPaging,
): Promise<ComplaintRow[]> {
  return listRecordRows(db, 'complaint', scope, filter, paging);
}
