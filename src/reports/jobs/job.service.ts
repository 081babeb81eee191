import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type Actor, scopeOf, systemActor } from '../../auth/index.js';
import { parseInput } from '../../core/validation.js';
import { requireTown } from '../../records/index.js';
import type { Db } from '../../store/database.js';
import { type ListJobsQuery, listJobsQuerySchema, type ReportJob } from '../archive/archive.schema.js';
import { type ArchiveDeps, generateReport } from '../archive/index.js';
import { type DueRun, dueRuns } from './due.js';
import {
  claimJobRow,
  failAbandonedJobs,
  insertJobIfAbsent,
  type JobKey,
  type JobListRow,
  type JobRow,
  markJobDone,
  markJobFailed,
  selectJobs,
  selectScheduledTowns,
} from './job.repo.js';

/** A claim older than this belongs to a process that died: another may take the run over. */
export const LEASE_MS = 15 * 60_000;
/** Waits before the 2nd, 3rd, 4th and 5th attempt; after the 5th failure the run stays failed (shown by the API). */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 30 * 60_000] as const;
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

export interface JobDeps {
  db: Db;
  now?: () => number;
  /** Who claims: unique per process (host, pid and a random tag by default). */
  worker?: string;
}

export interface JobOutcome {
  town: string;
  type: string;
  period: string;
  /** done: this process built it; failed: this attempt failed; skipped: done already, or another process has it. */
  status: 'done' | 'failed' | 'skipped';
  reportId?: number;
  error?: string;
  attempts?: number;
}

const defaultWorker = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Claim a run: insert its row if absent, then take it with one guarded update. Exactly one of any number of
 * concurrent claimers (processes, connections) gets the row; the others get undefined.
 */
export async function claimJob(deps: JobDeps, key: JobKey): Promise<JobRow | undefined> {
  const now = (deps.now ?? Date.now)();
  await insertJobIfAbsent(deps.db, key, now);
  return claimJobRow(deps.db, key, {
    worker: deps.worker ?? defaultWorker,
    now,
    leaseMs: LEASE_MS,
    maxAttempts: MAX_ATTEMPTS,
  });
}

/** Build and archive the claimed run's report (zh-CN, as the system), then mark the job done or failed. */
export async function runClaimedJob(deps: JobDeps, job: JobRow, run: DueRun): Promise<JobOutcome> {
  const worker = deps.worker ?? defaultWorker;
  const clock = deps.now ?? Date.now;
  const base = { town: run.townCode, type: run.type, period: run.period, attempts: job.attempts };
  const actor: Actor = systemActor('schedule');
  try {
    const archive: ArchiveDeps = { db: deps.db, actor, now: deps.now };
    const report = await generateReport(archive, {
      type: run.type,
      town: run.townCode,
      period: run.period,
      locale: 'zh-CN',
      trigger: 'schedule',
    });
    await markJobDone(deps.db, job.id, worker, report.id, clock());
    return { ...base, status: 'done', reportId: report.id };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const now = clock();
    const wait = BACKOFF_MS[job.attempts - 1];
    // After the last attempt the run is given up: the claim refuses it (attempts ≥ MAX_ATTEMPTS) whatever the time.
    await markJobFailed(deps.db, job.id, worker, { error: message, nextAttemptAt: now + (wait ?? 0), now });
    return { ...base, status: 'failed', error: message };
  }
}

/**
 * Every run due now (`dueRuns` over the towns with records), each claimed and, if this process wins it, built.
 * Safe to call from several processes at once and as often as liked: a run is built once, retried after a failure
 * (1, 5, 30, 30 minutes), and given up after five failures.
 */
export async function runDueReports(deps: JobDeps): Promise<JobOutcome[]> {
  const now = (deps.now ?? Date.now)();
  await failAbandonedJobs(deps.db, { now, leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS });
  const outcomes: JobOutcome[] = [];
  for (const run of dueRuns(now, await selectScheduledTowns(deps.db))) {
    const job = await claimJob(deps, run);
    if (!job) {
      outcomes.push({ town: run.townCode, type: run.type, period: run.period, status: 'skipped' });
      continue;
    }
    outcomes.push(await runClaimedJob(deps, job, run));
  }
  return outcomes;
}

function presentJob(row: JobListRow): ReportJob {
  return {
    id: Number(row.id),
    town: { code: row.town_code, name: row.town_name },
    type: row.type,
    period: row.period,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: Number(row.next_attempt_at),
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at == null ? null : Number(row.claimed_at),
    lastError: row.last_error,
    reportId: row.report_id == null ? null : Number(row.report_id),
    updatedAt: Number(row.updated_at),
  };
}

/** Scheduled runs of the towns the actor reads reports of (whole towns), most recently changed first. */
export async function listReportJobs(
  deps: { db: Db; actor: Actor },
  query: ListJobsQuery,
): Promise<{ items: ReportJob[] }> {
  const q = parseInput(listJobsQuerySchema, query);
  const townId = q.town === undefined ? undefined : (await requireTown(deps.db, q.town, 'town')).id;
  const scope = scopeOf(deps.actor, 'reports:read');
  const rows = await selectJobs(
    deps.db,
    { all: scope.all, townIds: scope.townIds, villageIds: [], departmentIds: [] },
    { townId, status: q.status, limit: q.limit },
  );
  return { items: rows.map(presentJob) };
}
