import { notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { isUniqueViolation } from '../store/dialect.js';
import { inTransaction } from '../store/transaction.js';
import { presentComplaint } from './complaint.presenter.js';
import { findComplaintRow, insertComplaint, listComplaintRows } from './complaint.repo.js';
import {
  type Complaint,
  type ComplaintPage,
  type CreateComplaintInput,
  createComplaintSchema,
  type ListComplaintsQuery,
  listComplaintsQuerySchema,
} from './complaint.schema.js';
import { createRefResolver } from './record.refs.js';
import type { RecordFilter } from './record.repo.js';
import { complaintRow } from './record.rows.js';
import { checkNotDuplicate, duplicateRecord, type RecordDeps, resolveRecordQuery, toPage } from './record.service.js';

/**
 * Record one citizen complaint. Codes are checked against the store (unknown ones are invalid_input naming the
 * field), the day, ISO week, deadline and handling durations derived (see record.rows.ts), and the complainant's
 * name and phone stored only encrypted, with a blind index of the phone to find repeat complainants. A second
 * complaint under the same (sourceSystem, externalNo) is a conflict.
 */
export async function createComplaint(deps: RecordDeps, input: CreateComplaintInput): Promise<Complaint> {
  const data = parseInput(createComplaintSchema, input);
  return inTransaction(deps.db, async (db) => {
    const refs = await createRefResolver().resolve(db, data);
    await checkNotDuplicate(db, 'complaint', data);
    const { cipher } = deps;
    const id = await insertComplaint(db, complaintRow(data, refs, cipher, Date.now())).catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateRecord('complaint', data.sourceSystem, data.externalNo) : error;
    });
    return presentComplaint(await loadComplaint(db, id), cipher);
  });
}

async function loadComplaint(db: Db, id: number) {
  const row = await findComplaintRow(db, id);
  if (!row) {
    throw notFound('complaint', id);
  }
  return row;
}

/** One complaint by id, its complainant masked. */
export async function getComplaint(deps: RecordDeps, id: number): Promise<Complaint> {
  return presentComplaint(await loadComplaint(deps.db, id), deps.cipher);
}

/**
 * Complaints matching the filters, newest first unless `order=asc`: a town, an ISO week or a range of days, a
 * category with everything below it, a place with everything within it, a department, a status, a channel, the
 * difficult flag. Pages of at most 500, by offset or by the cursor of the previous page.
 */
export async function listComplaints(deps: RecordDeps, query: ListComplaintsQuery): Promise<ComplaintPage> {
  const data = parseInput(listComplaintsQuerySchema, query);
  const { filter, paging } = await resolveRecordQuery(deps.db, data);
  const equals: RecordFilter['equals'] = [];
  if (data.status !== undefined) {
    equals.push({ column: 'status', value: data.status });
  }
  if (data.channel !== undefined) {
    equals.push({ column: 'channel', value: data.channel });
  }
  const rows = await listComplaintRows(deps.db, { ...filter, equals }, paging);
  const now = Date.now();
  return toPage(rows, data.limit, (row) => presentComplaint(row, deps.cipher, now));
}
