/** The engine's runs (warning_run), and the towns and warnings the callers of a run ask about. */
import { sql } from 'kysely';
import type { Db } from '../../store/database.js';

export async function insertRun(
  db: Db,
  run: { town_id: number; week: number; trigger: 'import' | 'schedule' | 'cli' | 'api'; started_at: number },
): Promise<number> {
  const inserted = await db
    .insertInto('warning_run')
    .values({ ...run, finished_at: null, error: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function finishRun(
  db: Db,
  id: number,
  result: { finished_at: number; series: number; created: number; updated: number; error: string | null },
): Promise<void> {
  await db.updateTable('warning_run').set(result).where('id', '=', id).execute();
}

/** Towns holding records (those the cube keeps). */
export async function selectTownsWithRecords(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('cube_state').select('town_id').orderBy('town_id').execute();
  return rows.map((r) => Number(r.town_id));
}

/** Severity and summary of warnings, most severe first (what the CLI prints after a run). */
export async function selectWarningLines(
  db: Db,
  ids: readonly number[],
): Promise<{ id: number; severity: string; status: string; summary: string; summary_en: string }[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('warning')
    .select(['id', 'severity', 'status', 'summary', 'summary_en', 'score'])
    .where('id', 'in', ids)
    .orderBy('score', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(({ score: _score, ...r }) => ({ ...r, id: Number(r.id) }));
}

/** Towns whose records were written at or after `since` (the cube moves a town's as-of instant on every write). */
export async function selectTownsWrittenSince(db: Db, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('cube_state')
    .select('town_id')
    .where('as_of', '>=', since)
    .orderBy('town_id')
    .execute();
  return rows.map((r) => Number(r.town_id));
}

export async function selectRuns(db: Db, townId: number, limit: number) {
  const rows = await db
    .selectFrom('warning_run')
    .selectAll()
    .where('town_id', '=', townId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    week: Number(r.week),
    trigger: r.trigger,
    startedAt: Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    series: Number(r.series),
    created: Number(r.created),
    updated: Number(r.updated),
    error: r.error,
  }));
}

/** When the engine last finished a run for the town's week without error, or undefined. */
export async function selectLastGoodRun(db: Db, townId: number, week: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('warning_run')
    .select(sql<number | null>`max(started_at)`.as('at'))
    .where('town_id', '=', townId)
    .where('week', '=', week)
    .where('finished_at', 'is not', null)
    .where('error', 'is', null)
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
}
