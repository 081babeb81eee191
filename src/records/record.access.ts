import type { Permission } from '../auth/index.js';
import { coversTown, type Scope } from '../auth/index.js';
import { AppError } from '../core/errors.js';
import type { RecordInsert, StoredRecord } from './record.upsert.js';

/*
 * Who may write which record. A writer reaches a record through its whole town (coversTown), or, when it works for
 * a department, through the record being dispatched to that department. Village scopes read but never write
 * records. An update must be allowed for the record as stored and as written, so no update moves a record out of
 * (or into) the writer's reach.
 */

/** The permissions a record write is checked against: the REST API's, or an Open311 client's. */
export type RecordWritePermission = Extract<Permission, 'records:write' | 'open311:submit'>;

type Placed = Pick<StoredRecord, 'town_id' | 'department_id'> | Pick<RecordInsert, 'town_id' | 'department_id'>;

/** Whether a writer of this scope reaches a record lying where `record` does. */
export function mayWriteRecord(scope: Scope, record: Placed): boolean {
  if (coversTown(scope, Number(record.town_id))) {
    return true;
  }
  const department = record.department_id;
  return department !== null && department !== undefined && scope.departmentIds.includes(Number(department));
}

/**
 * Throws forbidden unless the writer reaches the record as written and, for an update, as stored. The message says
 * which permission is missing where, never the record's contents.
 */
export function checkRecordWrite(
  scope: Scope,
  permission: RecordWritePermission,
  row: RecordInsert,
  before: StoredRecord | null,
): void {
  if (before !== null && !mayWriteRecord(scope, before)) {
    throw new AppError(
      'forbidden',
      `the record ${row.source_system}/${row.external_no} lies outside what your ${permission} reaches`,
      { permission },
    );
  }
  if (!mayWriteRecord(scope, row)) {
    const how = scope.departmentIds.length > 0 ? ' (or a record dispatched to your department)' : '';
    throw new AppError('forbidden', `your ${permission} does not reach this town${how}`, { permission });
  }
}
