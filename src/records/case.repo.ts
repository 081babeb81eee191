import type { Insertable } from 'kysely';
import type { Scope } from '../auth/index.js';
import type { Db } from '../store/database.js';
import type { EnforcementCaseTable } from '../store/tables/records.js';
import { findRecordRow, listRecordRows, type RecordFilter, type RecordPaging, type RecordRow } from './record.repo.js';

export type CaseRow = RecordRow<'enforcement_case'>;

/**
 * Write one enforcement case and return its id. The single place cases are written, so intake can build its upsert
 * and batches on it.
 */
export async function insertCase(db: Db, row: Insertable<EnforcementCaseTable>): Promise<number> {
  const { id } = await db.insertInto('enforcement_case').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findCaseRow(db: Db, scope: Scope, id: number): Promise<CaseRow | undefined> {
  return findRecordRow(db, 'enforcement_case', scope, id);
}

export async function listCaseRows(
  db: Db,
  scope: Scope,
  filter: RecordFilter,
  paging: RecordPaging,
): Promise<CaseRow[]> {
  return listRecordRows(db, 'enforcement_case', scope, filter, paging);
}
