import { appendAudit } from '../audit/index.js';
import { EVERYTHING, isEmptyScope, type Scope, scopeOf } from '../auth/index.js';
import { AppError, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { presentComplaint } from './complaint.presenter.js';
import { findComplaintRow, listComplaintRows } from './complaint.repo.js';
import {
  type Complaint,
  type ComplaintDetail,
  type ComplaintPage,
  type CreateComplaintInput,
  createComplaintSchema,
  type ListComplaintsQuery,
  listComplaintsQuerySchema,
  type RevealQuery,
  revealQuerySchema,
} from './complaint.schema.js';
import { maskPersonalText } from './personal-text.js';
import { type RecordBatchResult, upsertRecordBatch } from './record.batch.js';
import { createRefResolver } from './record.refs.js';
import { countRecordRows, type RecordFilter } from './record.repo.js';
import { complaintRow } from './record.rows.js';
import {
  type RecordDeps,
  type RecordWriteDeps,
  type RecordWriteOptions,
  type RecordWriteResult,
  recordHistory,
  resolveRecordQuery,
  toPage,
  upsertApiRecords,
  withTotal,
} from './record.service.js';
import type { RecordWrite } from './record.upsert.js';

/**
 * Record one citizen complaint, keyed by (sourceSystem, externalNo): a new key is inserted; a known key is updated
 * where its fields differ (the change kept in record_change, origin `api`) or left alone where they do not, so
 * sending the same complaint twice writes nothing. Codes are checked against the store (unknown ones are
 * invalid_input naming the field), the day, ISO week, deadline and handling durations derived (see record.rows.ts),
 * and the complainant's name and phone stored only encrypted, with a blind index of the phone to find repeat
 * complainants. The actor's records:write (or `options.permission`) must reach the complaint (else forbidden); the
 * write is audited (complaint.create / complaint.update, personal data masked).
 */
export async function upsertComplaint(
  deps: RecordWriteDeps,
  input: CreateComplaintInput,
  options: RecordWriteOptions = {},
): Promise<RecordWriteResult<Complaint>> {
  const data = parseInput(createComplaintSchema, input);
  return inTransaction(deps.db, async (db) => {
    const refs = await createRefResolver().resolve(db, data);
    const row = complaintRow(data, refs, deps.cipher, Date.now());
    const [write] = (await upsertApiRecords({ ...deps, db }, 'complaint', [row], options.permission)) as [RecordWrite];
    // The writer may not read what it wrote (a department writer's record dispatched elsewhere cannot be): answer
    // with the record as written, read without a scope.
    const stored = await loadComplaint(db, EVERYTHING, write.id);
    return { outcome: write.outcome, record: presentComplaint(stored, deps.cipher) };
  });
}

/** Record one complaint (see upsertComplaint) and return it as stored. */
export async function createComplaint(
  deps: RecordWriteDeps,
  input: CreateComplaintInput,
  options: RecordWriteOptions = {},
): Promise<Complaint> {
  return (await upsertComplaint(deps, input, options)).record;
}

/**
 * Record many complaints in one transaction (see upsertRecordBatch): each item validated on its own, the valid ones
 * upserted together, the others reported with their fields.
 */
export async function upsertComplaints(deps: RecordWriteDeps, input: unknown): Promise<RecordBatchResult> {
  return upsertRecordBatch(deps, input, {
    table: 'complaint',
    schema: createComplaintSchema,
    row: async (_db, data, refs, now) => complaintRow(data, refs, deps.cipher, now),
  });
}

async function loadComplaint(db: Db, scope: Scope, id: number) {
  const row = await findComplaintRow(db, scope, id);
  if (!row) {
    throw notFound('complaint', id);
  }
  return row;
}

/**
 * One complaint by id within the actor's records:read (else not_found), its complainant masked. With
 * `reveal=true&reason=…` the complainant is shown unmasked, when the actor holds pii:read where the complaint lies
 * (else forbidden); the read leaves a `complaint.pii_read` audit entry with the reason (phone and ID numbers in the
 * reason masked), in the same transaction. `history=true` adds the complaint's changes (recordHistory).
 */
export async function getComplaint(deps: RecordDeps, id: number, query: RevealQuery = {}): Promise<ComplaintDetail> {
  const { reveal, reason, history } = parseInput(revealQuerySchema, query);
  const readScope = scopeOf(deps.actor, 'records:read');
  const withHistory = async (complaint: Complaint): Promise<ComplaintDetail> =>
    history ? { ...complaint, history: await recordHistory(deps.db, 'complaint', id, reveal) } : complaint;
  if (!reveal) {
    return withHistory(presentComplaint(await loadComplaint(deps.db, readScope, id), deps.cipher));
  }
  return inTransaction(deps.db, async (db) => {
    const row = await loadComplaint(db, readScope, id);
    const piiScope = scopeOf(deps.actor, 'pii:read');
    if (isEmptyScope(piiScope) || !(await findComplaintRow(db, piiScope, id))) {
      throw new AppError('forbidden', 'reading the complainant unmasked needs pii:read where this complaint lies', {
        permission: 'pii:read',
      });
    }
    await appendAudit(db, deps.actor, {
      action: 'complaint.pii_read',
      entity: 'complaint',
      entityId: id,
      townId: Number(row.town_id),
      reason: maskPersonalText(reason as string),
    });
    return presentComplaint(row, deps.cipher, Date.now(), true);
  }).then(withHistory);
}

/**
 * Complaints matching the filters, newest first unless `order=asc`: a town, an ISO week or a range of days, a
 * category with everything below it, a place with everything within it, a department, a status, a channel, the
 * difficult flag, free text (`q`). Pages of at most 500 (with `total` when asked), by offset or by the cursor of the previous page. Only complaints the actor's
 * records:read reaches; complainants always masked.
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
  const scope = scopeOf(deps.actor, 'records:read');
  const rows = await listComplaintRows(deps.db, scope, { ...filter, equals }, paging);
  const now = Date.now();
  const page = toPage(rows, data.limit, (row) => presentComplaint(row, deps.cipher, now));
  return withTotal(page, data.total, () => countRecordRows(deps.db, 'complaint', scope, { ...filter, equals }));
}
