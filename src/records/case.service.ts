import { EVERYTHING, type Scope, scopeOf } from '../auth/index.js';
import { invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { presentCase } from './case.presenter.js';
import { findCaseRow, listCaseRows } from './case.repo.js';
import {
  type Case,
  type CaseDetail,
  type CasePage,
  type CreateCaseInput,
  createCaseSchema,
  type ListCasesQuery,
  listCasesQuerySchema,
} from './case.schema.js';
import { findComplaintRow } from './complaint.repo.js';
import { type RecordBatchResult, upsertRecordBatch } from './record.batch.js';
import { createRefResolver } from './record.refs.js';
import { countRecordRows, type RecordFilter } from './record.repo.js';
import { caseRow } from './record.rows.js';
import { type RecordHistoryQuery, recordHistoryQuerySchema } from './record.schema.js';
import {
  type RecordDeps,
  type RecordWriteDeps,
  type RecordWriteResult,
  recordHistory,
  resolveRecordQuery,
  toPage,
  upsertApiRecords,
  withTotal,
} from './record.service.js';
import type { RecordWrite } from './record.upsert.js';

/**
 * The town of the complaint a case names by id, or undefined when there is no such complaint the writer can read
 * (one beyond its records:read is unknown to it).
 */
type ComplaintTownOf = (db: Db, complaintId: number) => Promise<ComplaintTown | undefined>;
interface ComplaintTown {
  id: number;
  code: string;
}

function complaintTownWithin(scope: Scope): ComplaintTownOf {
  return async (db, complaintId) => {
    const row = await findComplaintRow(db, scope, complaintId);
    return row && { id: Number(row.town_id), code: row.town_code };
  };
}

/** The id of the complaint a case came from, which must exist (for the writer) and lie in the same town. */
async function checkComplaint(
  db: Db,
  complaintId: number | undefined,
  townId: number,
  townOf: ComplaintTownOf,
): Promise<number | null> {
  if (complaintId === undefined) {
    return null;
  }
  const town = await townOf(db, complaintId);
  if (town === undefined) {
    throw invalidField('complaintId', `unknown complaint ${complaintId}`);
  }
  if (town.id !== townId) {
    throw invalidField('complaintId', `complaint ${complaintId} belongs to town ${town.code}`);
  }
  return complaintId;
}

/**
 * Record one administrative enforcement case, keyed by (sourceSystem, externalNo) like complaints (see
 * upsertComplaint): inserted, updated with its history, or left alone. Codes are checked against the store (unknown
 * ones are invalid_input naming the field), the day, ISO week, deadline and handling durations derived (see
 * record.rows.ts); `complaintId` must be a complaint of the same town the writer can read. The actor's records:write
 * must reach the case (else forbidden); the write is audited (case.create / case.update).
 */
export async function upsertCase(deps: RecordWriteDeps, input: CreateCaseInput): Promise<RecordWriteResult<Case>> {
  const data = parseInput(createCaseSchema, input);
  const townOf = complaintTownWithin(scopeOf(deps.actor, 'records:read'));
  return inTransaction(deps.db, async (db) => {
    const refs = await createRefResolver().resolve(db, data);
    const complaintId = await checkComplaint(db, data.complaintId, refs.townId, townOf);
    const row = caseRow(data, refs, complaintId, Date.now());
    const [write] = (await upsertApiRecords({ ...deps, db }, 'enforcement_case', [row])) as [RecordWrite];
    // Answer with the case as written, whether or not the writer's records:read reaches it.
    return { outcome: write.outcome, record: presentCase(await loadCase(db, EVERYTHING, write.id)) };
  });
}

/** Record one enforcement case (see upsertCase) and return it as stored. */
export async function createCase(deps: RecordWriteDeps, input: CreateCaseInput): Promise<Case> {
  return (await upsertCase(deps, input)).record;
}

/**
 * Record many enforcement cases in one transaction (see upsertRecordBatch). Each complaint named by `complaintId`
 * is looked up once per batch.
 */
export async function upsertCases(deps: RecordWriteDeps, input: unknown): Promise<RecordBatchResult> {
  const towns = new Map<number, Promise<ComplaintTown | undefined>>();
  const complaintTown = complaintTownWithin(scopeOf(deps.actor, 'records:read'));
  const townOf: ComplaintTownOf = (db, id) => {
    let town = towns.get(id);
    if (!town) {
      town = complaintTown(db, id);
      towns.set(id, town);
    }
    return town;
  };
  return upsertRecordBatch(deps, input, {
    table: 'enforcement_case',
    schema: createCaseSchema,
    row: async (db, data, refs, now) =>
      caseRow(data, refs, await checkComplaint(db, data.complaintId, refs.townId, townOf), now),
  });
}

async function loadCase(db: Db, scope: Scope, id: number) {
  const row = await findCaseRow(db, scope, id);
  if (!row) {
    throw notFound('case', id);
  }
  return row;
}

/** One enforcement case by id, within the actor's records:read (else not_found); `history=true` adds its changes. */
export async function getCase(deps: RecordDeps, id: number, query: RecordHistoryQuery = {}): Promise<CaseDetail> {
  const { history } = parseInput(recordHistoryQuerySchema, query);
  const found = presentCase(await loadCase(deps.db, scopeOf(deps.actor, 'records:read'), id));
  return history ? { ...found, history: await recordHistory(deps.db, 'case', id, false) } : found;
}

/**
 * Cases matching the filters, newest first unless `order=asc`: the same filters as complaints (town, week or days,
 * category subtree, place subtree, department, difficult, free text), plus status and source. Pages of at most 500
 * (with `total` when asked). Only cases
 * the actor's records:read reaches.
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
  const scope = scopeOf(deps.actor, 'records:read');
  const rows = await listCaseRows(deps.db, scope, { ...filter, equals }, paging);
  const now = Date.now();
  const page = toPage(rows, data.limit, (row) => presentCase(row, now));
  return withTotal(page, data.total, () => countRecordRows(deps.db, 'enforcement_case', scope, { ...filter, equals }));
}
