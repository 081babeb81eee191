import { type Selectable, sql } from 'kysely';
import type { Scope } from '../../auth/index.js';
import type { Db } from '../../store/database.js';
import type { ReportJobStatus, ReportJobTable, ReportTypeName } from '../../store/tables/reports.js';

/*
 * The queries of scheduled report runs. `claimJobRow` is the one place where processes compete: an insert that does
 * nothing when the row exists, then one guarded UPDATE … RETURNING. On PostgreSQL a second UPDATE of the same row
 * waits for the first to commit and re-checks its WHERE against the new row (status running, fresh claim), so it
 * matches nothing; SQLite has one writer at a time. Either way exactly one claimer gets the row back.
 */

export type JobRow = Selectable<ReportJobTable>;
export type JobListRow = JobRow & { town_code: string; town_name: string };

export interface JobKey {
  townId: number;
  type: ReportTypeName;
  period: string;
}

export async function insertJobIfAbsent(db: Db, key: JobKey, now: number): Promise<void> {
  await db
    .insertInto('report_job')
    .values({
      town_id: key.townId,
      type: key.type,
      period: key.period,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['town_id', 'type', 'period']).doNothing())
    .execute();
}

/**
 * Take the run for `worker` if it is pending, failed and due for another attempt (fewer than `maxAttempts`), or
 * running under a claim older than the lease (its process died); undefined when another process has it or it is
 * done or given up.
 */
export async function claimJobRow(
  db: Db,
  key: JobKey,
  claim: { worker: string; now: number; leaseMs: number; maxAttempts: number },
): Promise<JobRow | undefined> {
  return db
    .updateTable('report_job')
    .set({
      status: 'running',
      claimed_by: claim.worker,
      claimed_at: claim.now,
      attempts: sql<number>`attempts + 1`,
      updated_at: claim.now,
    })
    .where('town_id', '=', key.townId)
    .where('type', '=', key.type)
    .where('period', '=', key.period)
    .where('attempts', '<', claim.maxAttempts)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'pending'),
        eb.and([eb('status', '=', 'failed'), eb('next_attempt_at', '<=', claim.now)]),
        eb.and([eb('status', '=', 'running'), eb('claimed_at', '<', claim.now - claim.leaseMs)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Done, with its report, if the worker still holds the claim. */
export async function markJobDone(db: Db, id: number, worker: string, reportId: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('report_job')
    .set({ status: 'done', report_id: reportId, last_error: null, updated_at: now })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markJobFailed(
  db: Db,
  id: number,
  worker: string,
  failure: { error: string; nextAttemptAt: number; now: number },
): Promise<void> {
  await db
    .updateTable('report_job')
    .set({
      status: 'failed',
      last_error: failure.error,
      next_attempt_at: failure.nextAttemptAt,
      updated_at: failure.now,
    })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .where('status', '=', 'running')
    .execute();
}

/** Runs whose process died on their last allowed attempt: failed, so they show as given up rather than running. */
export async function failAbandonedJobs(
  db: Db,
  claim: { now: number; leaseMs: number; maxAttempts: number },
): Promise<void> {
  await db
    .updateTable('report_job')
    .set({ status: 'failed', last_error: 'the process running it stopped (lease expired)', updated_at: claim.now })
    .where('status', '=', 'running')
    .where('claimed_at', '<', claim.now - claim.leaseMs)
    .where('attempts', '>=', claim.maxAttempts)
    .execute();
}

/** The towns with any records (a cube state), with their codes: the towns reports are scheduled for. */
export async function selectScheduledTowns(db: Db): Promise<{ id: number; code: string }[]> {
  const rows = await db
    .selectFrom('cube_state')
    .innerJoin('place', 'place.id', 'cube_state.town_id')
    .select(['place.id', 'place.code'])
    .where('place.level', '=', 'town')
    .distinct()
    .orderBy('place.id')
    .execute();
  return rows.map((row) => ({ id: Number(row.id), code: row.code }));
}

export async function selectJobs(
  db: Db,
  scope: Scope,
  filter: { townId?: number; status?: ReportJobStatus; limit: number },
): Promise<JobListRow[]> {
  let query = db
    .selectFrom('report_job as j')
    .innerJoin('place as town', 'town.id', 'j.town_id')
    .selectAll('j')
    .select(['town.code as town_code', 'town.name as town_name']);
  if (!scope.all) {
    query = query.where('j.town_id', 'in', scope.townIds.length > 0 ? [...scope.townIds] : [-1]);
  }
  if (filter.townId !== undefined) {
    query = query.where('j.town_id', '=', filter.townId);
  }
  if (filter.status !== undefined) {
    query = query.where('j.status', '=', filter.status);
  }
  return query.orderBy('j.updated_at', 'desc').orderBy('j.id', 'desc').limit(filter.limit).execute();
}
