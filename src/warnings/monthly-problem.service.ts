import { appendAudit, changedFields } from '../audit/index.js';
import { EVERYTHING, requireTownScope, scopeOf } from '../auth/index.js';
import { conflict, invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { requireTown } from '../records/index.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { monthlyProblemFields, presentMonthlyProblem } from './monthly-problem.presenter.js';
import {
  findMonthlyProblemId,
  findMonthlyProblemRow,
  insertMonthlyProblem,
  listMonthlyProblemRows,
  type MonthlyProblemFilter,
  type MonthlyProblemRow,
  updateMonthlyProblemRow,
} from './monthly-problem.repo.js';
import {
  type CreateMonthlyProblemInput,
  createMonthlyProblemSchema,
  type ListMonthlyProblemsQuery,
  listMonthlyProblemsQuerySchema,
  type MonthlyProblem,
  type MonthlyProblemList,
  type UpdateMonthlyProblemInput,
  updateMonthlyProblemSchema,
} from './monthly-problem.schema.js';
import { findWarningRow, insertWarningEvent } from './warning.repo.js';
import type { WarningDeps } from './warning.service.js';
import { eventActor } from './warning-lifecycle.service.js';

/*
 * 每月一题: the town picks a warning as its problem of the month and follows it to an outcome. Picking and changing
 * one is the town's business: warnings:write over the whole town.
 */

const TITLE_LENGTH = 200;

async function loadProblem(db: Db, id: number): Promise<MonthlyProblemRow> {
  const row = await findMonthlyProblemRow(db, EVERYTHING, id);
  if (!row) {
    throw notFound('monthly problem', id);
  }
  return row;
}

/**
 * Make a warning its town's problem of `month`, with an owner and a plan (title: the warning's summary unless given).
 * The warning must be within the actor's warnings:read (else 404) and their warnings:write must hold its whole town
 * (else 403). A dismissed warning, or one that already is that month's problem, is 409. Records a `promoted`
 * warning_event and the audit entry `monthly_problem.create` in the same transaction.
 */
export async function promoteWarning(
  deps: WarningDeps,
  warningId: number,
  input: CreateMonthlyProblemInput,
): Promise<MonthlyProblem> {
  const data = parseInput(createMonthlyProblemSchema, input);
  return inTransaction(deps.db, async (db) => {
    const warning = await findWarningRow(db, scopeOf(deps.actor, 'warnings:read'), warningId);
    if (!warning) {
      throw notFound('warning', warningId);
    }
    requireTownScope(deps.actor, 'warnings:write', warning.town_id);
    if (warning.status === 'dismissed') {
      throw conflict(`warning ${warningId} is dismissed: reopen it before making it the problem of the month`, {
        status: warning.status,
      });
    }
    const existing = await findMonthlyProblemId(db, warning.town_id, data.month, warningId);
    if (existing !== undefined) {
      throw conflict(`warning ${warningId} is already the problem of the month ${data.month}`, {
        monthlyProblemId: existing,
      });
    }
    const now = Date.now();
    const title = data.title ?? Array.from(warning.summary).slice(0, TITLE_LENGTH).join('');
    const id = await insertMonthlyProblem(db, {
      town_id: warning.town_id,
      month: data.month,
      warning_id: warningId,
      title,
      owner: data.owner,
      plan: data.plan,
      status: 'open',
      outcome: null,
      created_at: now,
      updated_at: now,
    });
    await insertWarningEvent(db, {
      warning_id: warningId,
      at: now,
      action: 'promoted',
      from_status: warning.status,
      to_status: warning.status,
      ...eventActor(deps.actor),
      note: title,
      details: JSON.stringify({ monthlyProblemId: id, month: data.month, owner: data.owner, plan: data.plan }),
    });
    const problem = presentMonthlyProblem(await loadProblem(db, id));
    await appendAudit(
      db,
      deps.actor,
      {
        action: 'monthly_problem.create',
        entity: 'monthly_problem',
        entityId: id,
        townId: warning.town_id,
        after: monthlyProblemFields(problem),
      },
      now,
    );
    return problem;
  });
}

/** The problems of the month whose warnings the actor's warnings:read reaches: by town, month and status. */
export async function listMonthlyProblems(
  deps: WarningDeps,
  query: ListMonthlyProblemsQuery = {},
): Promise<MonthlyProblemList> {
  const q = parseInput(listMonthlyProblemsQuerySchema, query);
  const filter: MonthlyProblemFilter = { month: q.month, status: q.status };
  if (q.town !== undefined) {
    filter.townId = (await requireTown(deps.db, q.town, 'town')).id;
  }
  const rows = await listMonthlyProblemRows(deps.db, scopeOf(deps.actor, 'warnings:read'), filter);
  return { items: rows.map(presentMonthlyProblem) };
}

/**
 * Change a problem of the month: its status (done needs an outcome, given now or before), outcome, owner, plan.
 * Within the actor's warnings:read (else 404), with warnings:write over the whole town (else 403). Audited as
 * `monthly_problem.update` and noted in the warning's history.
 */
export async function updateMonthlyProblem(
  deps: WarningDeps,
  id: number,
  input: UpdateMonthlyProblemInput,
): Promise<MonthlyProblem> {
  const data = parseInput(updateMonthlyProblemSchema, input);
  return inTransaction(deps.db, async (db) => {
    const row = await findMonthlyProblemRow(db, scopeOf(deps.actor, 'warnings:read'), id);
    if (!row) {
      throw notFound('monthly problem', id);
    }
    requireTownScope(deps.actor, 'warnings:write', row.town_id);
    if ((data.status ?? row.status) === 'done' && (data.outcome ?? row.outcome) === null) {
      throw invalidField('outcome', 'required to mark the problem of the month done: what came of it');
    }
    const now = Date.now();
    await updateMonthlyProblemRow(db, id, {
      ...(data.status !== undefined && { status: data.status }),
      ...(data.outcome !== undefined && { outcome: data.outcome }),
      ...(data.owner !== undefined && { owner: data.owner }),
      ...(data.plan !== undefined && { plan: data.plan }),
      updated_at: now,
    });
    const before = presentMonthlyProblem(row);
    const after = presentMonthlyProblem(await loadProblem(db, id));
    const changes = changedFields(monthlyProblemFields(before), monthlyProblemFields(after));
    if (changes) {
      await insertWarningEvent(db, {
        warning_id: row.warning_id,
        at: now,
        action: 'monthly_problem_updated',
        from_status: row.warning_status,
        to_status: row.warning_status,
        ...eventActor(deps.actor),
        note: null,
        details: JSON.stringify({ monthlyProblemId: id, month: row.month, ...changes.after }),
      });
      await appendAudit(
        db,
        deps.actor,
        { action: 'monthly_problem.update', entity: 'monthly_problem', entityId: id, townId: row.town_id, ...changes },
        now,
      );
    }
    return after;
  });
}
