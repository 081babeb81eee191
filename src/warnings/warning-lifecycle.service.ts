import { appendAudit, changedFields } from '../audit/index.js';
import { type Actor, EVERYTHING, scopeOf } from '../auth/index.js';
import { AppError, conflict, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import type { WarningStatus, WarningTable } from '../store/tables/warnings.js';
import { inTransaction } from '../store/transaction.js';
import { lifecycleOf } from './warning.presenter.js';
import { findWarningRow, insertWarningEvent, updateWarningIfStatus, type WarningRow } from './warning.repo.js';
import {
  type AcknowledgeInput,
  acknowledgeSchema,
  type CloseInput,
  closeSchema,
  type DismissInput,
  dismissSchema,
  type RectifyInput,
  type ReopenInput,
  rectifySchema,
  reopenSchema,
  type UpdateRectificationInput,
  updateRectificationSchema,
  type WarningDetail,
} from './warning.schema.js';
import { presentDetail, type WarningDeps } from './warning.service.js';

/*
 * The lifecycle of a warning, changed only by people: acknowledge, rectify, update the rectification, close,
 * dismiss, reopen. Each step is one transaction: the guarded update, its warning_event and its audit entry.
 */

/** One step of the lifecycle: which statuses it starts from, where it leads, and what it writes. */
interface Step {
  /** The verb of the route and of the audit action (`warning.<verb>`). */
  verb: string;
  /** The warning_event action. */
  event: string;
  from: readonly WarningStatus[];
  /** The status afterwards; absent: unchanged (updating the rectification). */
  to?: WarningStatus;
  expectedStatus: WarningStatus | undefined;
  set: Partial<Pick<WarningTable, 'owner' | 'due_day' | 'actions' | 'result' | 'dismiss_reason'>>;
  note: string | null;
  details: Record<string, unknown>;
  /** Why, for the audit log (a dismissal's reason, a reopening's note). */
  reason?: string;
}

/** The warning within the actor's warnings:write, or not_found / forbidden as the reader's scope tells. */
async function loadForWrite(db: Db, actor: Actor, id: number): Promise<WarningRow> {
  const row = await findWarningRow(db, scopeOf(actor, 'warnings:write'), id);
  if (row) {
    return row;
  }
  if (await findWarningRow(db, scopeOf(actor, 'warnings:read'), id)) {
    throw new AppError('forbidden', 'warnings:write: your scope does not reach this warning', {
      permission: 'warnings:write',
    });
  }
  throw notFound('warning', id);
}

function refuse(row: WarningRow, step: Step, why: string): AppError {
  return conflict(`cannot ${step.verb} warning ${row.id}: it is ${row.status}${why}`, {
    status: row.status,
    allowedFrom: [...step.from],
  });
}

/** Event actors as warning_event stores them: the system has no id, so its name stands in. */
export function eventActor(actor: Actor) {
  return {
    actor_kind: actor.kind,
    actor_id: actor.id === null ? actor.name : String(actor.id),
    actor_name: actor.name,
  };
}

/**
 * Take one step: the warning must be within the actor's warnings:write (else 404, or 403 when they only read it),
 * in a status the step starts from and, when given, in `expectedStatus` (else 409 naming the current status). The
 * change, its warning_event and its audit entry are written in one transaction.
 */
async function takeStep(deps: WarningDeps, id: number, step: Step): Promise<WarningDetail> {
  return inTransaction(deps.db, async (db) => {
    const row = await loadForWrite(db, deps.actor, id);
    if (step.expectedStatus !== undefined && step.expectedStatus !== row.status) {
      throw refuse(row, step, `, not ${step.expectedStatus} (it changed since you loaded it)`);
    }
    if (!step.from.includes(row.status)) {
      throw refuse(row, step, `; ${step.verb} needs ${step.from.join(' or ')}`);
    }
    const now = Date.now();
    const to = step.to ?? row.status;
    if (!(await updateWarningIfStatus(db, id, row.status, { ...step.set, status: to, updated_at: now }))) {
      throw conflict(`warning ${id} changed meanwhile; load it again`, { status: row.status });
    }
    const after = await findWarningRow(db, EVERYTHING, id);
    if (!after) {
      throw notFound('warning', id);
    }
    await insertWarningEvent(db, {
      warning_id: id,
      at: now,
      action: step.event,
      from_status: row.status,
      to_status: to,
      ...eventActor(deps.actor),
      note: step.note,
      details: JSON.stringify(step.details),
    });
    const changes = changedFields(lifecycleOf(row), lifecycleOf(after));
    await appendAudit(
      db,
      deps.actor,
      {
        action: `warning.${step.verb}`,
        entity: 'warning',
        entityId: id,
        townId: row.town_id,
        ...changes,
        reason: step.reason ?? null,
      },
      now,
    );
    return presentDetail(db, deps.actor, after);
  });
}

/** new → acknowledged: someone has seen it and answers for looking into it (a body is optional). */
export async function acknowledgeWarning(deps: WarningDeps, id: number, input: AcknowledgeInput | null = {}) {
  const data = parseInput(acknowledgeSchema, input ?? {});
  return takeStep(deps, id, {
    verb: 'acknowledge',
    event: 'acknowledged',
    from: ['new'],
    to: 'acknowledged',
    expectedStatus: data.expectedStatus,
    set: {},
    note: data.note ?? null,
    details: {},
  });
}

/** acknowledged → rectifying, with an owner, a due day and the actions planned (all required). */
export async function rectifyWarning(deps: WarningDeps, id: number, input: RectifyInput) {
  const data = parseInput(rectifySchema, input);
  return takeStep(deps, id, {
    verb: 'rectify',
    event: 'rectification_started',
    from: ['acknowledged'],
    to: 'rectifying',
    expectedStatus: data.expectedStatus,
    set: { owner: data.owner, due_day: data.dueDay, actions: data.actions },
    note: data.note ?? null,
    details: { owner: data.owner, dueDay: data.dueDay, actions: data.actions },
  });
}

/** While rectifying: change the owner, the due day or the actions. */
export async function updateRectification(deps: WarningDeps, id: number, input: UpdateRectificationInput) {
  const data = parseInput(updateRectificationSchema, input);
  const set = {
    ...(data.owner !== undefined && { owner: data.owner }),
    ...(data.dueDay !== undefined && { due_day: data.dueDay }),
    ...(data.actions !== undefined && { actions: data.actions }),
  };
  const details = {
    ...(data.owner !== undefined && { owner: data.owner }),
    ...(data.dueDay !== undefined && { dueDay: data.dueDay }),
    ...(data.actions !== undefined && { actions: data.actions }),
  };
  return takeStep(deps, id, {
    verb: 'update_rectification',
    event: 'rectification_updated',
    from: ['rectifying'],
    expectedStatus: data.expectedStatus,
    set,
    note: data.note ?? null,
    details,
  });
}

/** rectifying → closed, with the result (required). */
export async function closeWarning(deps: WarningDeps, id: number, input: CloseInput) {
  const data = parseInput(closeSchema, input);
  return takeStep(deps, id, {
    verb: 'close',
    event: 'closed',
    from: ['rectifying'],
    to: 'closed',
    expectedStatus: data.expectedStatus,
    set: { result: data.result },
    note: data.result,
    details: { result: data.result },
  });
}

/** new, acknowledged or rectifying → dismissed: not a real problem, or nothing to do; the reason is required. */
export async function dismissWarning(deps: WarningDeps, id: number, input: DismissInput) {
  const data = parseInput(dismissSchema, input);
  return takeStep(deps, id, {
    verb: 'dismiss',
    event: 'dismissed',
    from: ['new', 'acknowledged', 'rectifying'],
    to: 'dismissed',
    expectedStatus: data.expectedStatus,
    set: { dismiss_reason: data.reason },
    note: data.reason,
    details: { reason: data.reason },
    reason: data.reason,
  });
}

/**
 * closed or dismissed → acknowledged again, with a note saying why (required). The result or the dismissal reason
 * is cleared (the history keeps it); owner, due day and actions stay for the next rectification.
 */
export async function reopenWarning(deps: WarningDeps, id: number, input: ReopenInput) {
  const data = parseInput(reopenSchema, input);
  return takeStep(deps, id, {
    verb: 'reopen',
    event: 'reopened',
    from: ['closed', 'dismissed'],
    to: 'acknowledged',
    expectedStatus: data.expectedStatus,
    set: { result: null, dismiss_reason: null },
    note: data.note,
    details: {},
    reason: data.note,
  });
}
