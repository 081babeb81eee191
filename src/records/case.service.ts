import { invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { isUniqueViolation } from '../store/dialect.js';
import { inTransaction } from '../store/transaction.js';
import { presentCase } from './case.presenter.js';
import { findCaseRow, insertCase, listCaseRows } from './case.repo.js';
import {
  type Case,
  type CasePage,
  type CreateCaseInput,
  createCaseSchema,
  type ListCasesQuery,
  listCasesQuerySchema,
} from './case.schema.js';
import { findComplaintRow } from './complaint.repo.js';
import { createRefResolver } from './record.refs.js';
import type { RecordFilter } from './record.repo.js';
import { caseRow } from './record.rows.js';
import { checkNotDuplicate, duplicateRecord, type RecordDeps, resolveRecordQuery, toPage } from './record.service.js';

/** The id of the complaint a case came from, which must exist and lie in the same town. */
async function checkComplaint(db: Db, complaintId: number | undefined, townId: number): Promise<number | null> {
  if (complaintId === undefined) {
    return null;
  }
  const complaint = await findComplaintRow(db, complaintId);
  if (!complaint) {
    throw invalidField('complaintId', `unknown complaint ${complaintId}`);
  }
  if (complaint.town_id !== townId) {
    throw invalidField('complaintId', `complaint ${complaintId} belongs to town ${complaint.town_code}`);
  }
  return complaint.id;
}

/**
 * Record one administrative enforcement case. Codes are checked against the store (unknown ones are invalid_input
 * naming the field), the day, ISO week, deadline and handling durations derived (see record.rows.ts). A second
 * case under the same (sourceSystem, externalNo) is a conflict.
 */
export async function createCase(deps: RecordDeps, input: CreateCaseInput): Promise<Case> {
  const data = parseInput(createCaseSchema, input);
  return inTransaction(deps.db, async (db) => {
    const refs = await createRefResolver().resolve(db, data);
    await checkNotDuplicate(db, 'enforcement_case', data);
    const complaintId = await checkComplaint(db, data.complaintId, refs.townId);
    const id = await insertCase(db, caseRow(data, refs, complaintId, Date.now())).catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateRecord('enforcement_case', data.sourceSystem, data.externalNo) : error;
    });
    return presentCase(await loadCase(db, id));
  });
}

async function loadCase(db: Db, id: number) {
  const row = await findCaseRow(db, id);
  if (!row) {
    throw notFound('case', id);
  }
  return row;
}

/** One enforcement case by id. */
export async function getCase(deps: RecordDeps, id: number): Promise<Case> {
  return presentCase(await loadCase(deps.db, id));
}

/**
 * Cases matching the filters, newest first unless `order=asc`: the same filters as complaints (town, week or days,
 * category subtree, place subtree, department, difficult), plus status and source. Pages of at most 500.
 */
export async function listCases(deps: RecordDeps, query: ListCasesQuery): Promise<CasePage> {
  const data = parseInput(listCasesQuerySchema, query);
  const { filter, paging } = await resolveRecordQuery(deps.db, data);
  const equals: RecordFilter['equals'] = [];
  if (data.status !== undefined) {
    equals.push({ column: 'status', value: data.status });
  }
  if (data.source !== undefined) {
    equals.push({ column: 'source', value: data.source });
  }
  const rows = await listCaseRows(deps.db, { ...filter, equals }, paging);
  const now = Date.now();
  return toPage(rows, data.limit, (row) => presentCase(row, now));
}
