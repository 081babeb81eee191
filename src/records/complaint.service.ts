import { notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { isUniqueViolation } from '../store/dialect.js';
import { inTransaction } from '../store/transaction.js';
import { presentComplaint } from './complaint.presenter.js';
import { findComplaintRow, insertComplaint, listComplaintRows } from './complaint.repo.js';
import {
  type Complaint,
  type ComplaintData,
  type ComplaintPage,
  type CreateComplaintInput,
  createComplaintSchema,
  type ListComplaintsQuery,
  listComplaintsQuerySchema,
} from './complaint.schema.js';
import type { RecordFilter } from './record.repo.js';
import { duplicateRecord, type RecordDeps, resolveRecordCore, resolveRecordQuery, toPage } from './record.service.js';

/** The status a complaint is in when the input does not say: how far its own fields show it got. */
function derivedStatus(data: ComplaintData): NonNullable<ComplaintData['status']> {
  if (data.closedAt !== undefined) {
    return 'closed';
  }
  if (data.firstResponseAt !== undefined) {
    return 'responded';
  }
  return data.departmentCode !== undefined ? 'dispatched' : 'received';
}

/**
 * Record one citizen complaint. Codes are checked against the store (unknown ones are invalid_input naming the
 * field), the day, ISO week, deadline and handling durations derived (see resolveRecordCore), and the complainant's
 * name and phone stored only encrypted, with a blind index of the phone to find repeat complainants. A second
 * complaint under the same (sourceSystem, externalNo) is a conflict.
 */
export async function createComplaint(deps: RecordDeps, input: CreateComplaintInput): Promise<Complaint> {
  const data = parseInput(createComplaintSchema, input);
  return inTransaction(deps.db, async (db) => {
    const core = await resolveRecordCore(db, 'complaint', data, Date.now());
    const { cipher } = deps;
    const row = {
      ...core,
      channel: data.channel,
      status: data.status ?? derivedStatus(data),
      complainant_name_enc: data.complainantName === undefined ? null : cipher.encrypt(data.complainantName),
      complainant_phone_enc: data.complainantPhone === undefined ? null : cipher.encrypt(data.complainantPhone),
      complainant_phone_hash: data.complainantPhone === undefined ? null : cipher.blindIndex(data.complainantPhone),
      resolved: data.resolved === undefined ? null : data.resolved ? 1 : 0,
      satisfaction: data.satisfaction ?? null,
      reopen_count: data.reopenCount,
    };
    const id = await insertComplaint(db, row).catch((error: unknown) => {
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
