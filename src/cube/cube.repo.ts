import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../store/database.js';
import { dialectOf } from '../store/dialect.js';
import { sqliteHandleOf } from '../store/open.js';
import type { RecordKind } from '../store/tables/intake.js';
import type { FactColumns, FactLookups } from './fact.js';

/** The record tables by kind. */
export const RECORD_TABLES = { complaint: 'complaint', case: 'enforcement_case' } as const;

const CORE_COLUMNS = [
  'town_id',
  'category_id',
  'place_id',
  'department_id',
  'opened_at',
  'opened_day',
  'opened_week',
  'deadline_at',
  'first_response_at',
  'closed_at',
  'difficult',
  'handling_ms',
  'handling_work_ms',
  'status',
] as const;
const KIND_COLUMNS = {
  complaint: ['channel', 'resolved', 'satisfaction', 'reopen_count'],
  case: ['source'],
} as const;

/** The columns the cube reads of a record of this kind. */
export function factColumnsOf(kind: RecordKind): readonly string[] {
  return [...CORE_COLUMNS, ...KIND_COLUMNS[kind]];
}

/** Category and place trees as the facts need them: every category (a few hundred) and the places of the towns. */
export async function loadLookups(db: Db): Promise<FactLookups> {
  const categories = await db.selectFrom('category').select(['id', 'level1_id', 'level2_id', 'level3_id']).execute();
  const levels = new Map<number, readonly [number, number, number]>();
  for (const c of categories) {
    const one = Number(c.level1_id ?? c.id);
    const two = c.level2_id === null ? one : Number(c.level2_id);
    const three = c.level3_id === null ? two : Number(c.level3_id);
    levels.set(Number(c.id), [one, two, three]);
  }
  const places = await db
    .selectFrom('place')
    .select(['id', 'level', 'parent_id'])
    .where('level', 'in', ['village', 'group'])
    .execute();
  const villages = new Map<number, number>();
  for (const p of places) {
    villages.set(Number(p.id), p.level === 'village' ? Number(p.id) : Number(p.parent_id ?? 0));
  }
  return {
    categoryLevels(categoryId) {
      const found = levels.get(categoryId);
      if (!found) {
        throw new Error(`category ${categoryId} is not in the taxonomy`);
      }
      return found;
    },
    villageOf: (placeId) => villages.get(placeId) ?? 0,
  };
}

/**
 * The instant a town's cube counts overdue at, creating its state at `now` when it has none; on PostgreSQL the row
 * stays locked to the end of the transaction, so the writers of one town's cube take turns.
 */
export async function lockState(db: Db, townId: number, now: number): Promise<number> {
  await db
    .insertInto('cube_state')
    .values({ town_id: townId, as_of: now, rebuilt_at: null })
    .onConflict((conflict) => conflict.column('town_id').doNothing())
    .execute();
  let query = db.selectFrom('cube_state').select('as_of').where('town_id', '=', townId);
  if (dialectOf(db) === 'postgres') {
    query = query.forUpdate();
  }
  const { as_of } = await query.executeTakeFirstOrThrow();
  return Number(as_of);
}

export async function setAsOf(db: Db, townId: number, asOf: number, rebuiltAt?: number): Promise<void> {
  await db
    .updateTable('cube_state')
    .set(rebuiltAt === undefined ? { as_of: asOf } : { as_of: asOf, rebuilt_at: rebuiltAt })
    .where('town_id', '=', townId)
    .execute();
}

export interface CubeState {
  townId: number;
  asOf: number;
  rebuiltAt: number | null;
}

export async function selectStates(db: Db): Promise<CubeState[]> {
  const rows = await db.selectFrom('cube_state').selectAll().orderBy('town_id').execute();
  return rows.map((row) => ({
    townId: Number(row.town_id),
    asOf: Number(row.as_of),
    rebuiltAt: row.rebuilt_at === null ? null : Number(row.rebuilt_at),
  }));
}

/**
 * Records whose overdue flag turns on when as_of moves from `from` to `to`: deadline in [from, to), not cancelled, and
 * not closed by the deadline.
 */
export async function selectNewlyOverdue(
  db: Db,
  kind: RecordKind,
  townId: number,
  from: number,
  to: number,
): Promise<FactColumns[]> {
  const table = RECORD_TABLES[kind];
  const rows = await sql<FactColumns>`
    select ${sql.raw(factColumnsOf(kind).join(', '))} from ${sql.table(table)}
    where town_id = ${townId} and deadline_at >= ${from} and deadline_at < ${to} and status <> 'cancelled'
      and (closed_at is null or closed_at > deadline_at)`.execute(db);
  return rows.rows;
}

const monthStatements = new Map<string, SQLite.Statement>();

/** A town's records of one kind opened in [fromDay, toDay), for a rebuild month by month. */
export async function selectOpenedBetween(
  db: Db,
  kind: RecordKind,
  townId: number,
  fromDay: string,
  toDay: string,
): Promise<FactColumns[]> {
  const table = RECORD_TABLES[kind];
  const handle = sqliteHandleOf(db);
  if (handle) {
    // A month of a big town is a few hundred thousand rows: read them without Kysely's per-row work.
    const text = `select ${factColumnsOf(kind).join(', ')} from ${table} where town_id = ? and opened_day >= ? and opened_day < ?`;
    let statement = monthStatements.get(text);
    if (!statement || statement.database !== handle) {
      statement = handle.prepare(text);
      monthStatements.set(text, statement);
    }
    return statement.all(townId, fromDay, toDay) as FactColumns[];
  }
  const rows = await sql<FactColumns>`
    select ${sql.raw(factColumnsOf(kind).join(', '))} from ${sql.table(table)}
    where town_id = ${townId} and opened_day >= ${fromDay} and opened_day < ${toDay}`.execute(db);
  return rows.rows;
}

/** The first and last opened day of a town's records, or null when it has none. */
export async function openedSpan(db: Db, townId: number): Promise<{ first: string; last: string } | null> {
  let first: string | null = null;
  let last: string | null = null;
  for (const table of Object.values(RECORD_TABLES)) {
    const row = await sql<{ first: string | null; last: string | null }>`
      select min(opened_day) as first, max(opened_day) as last from ${sql.table(table)} where town_id = ${townId}`.execute(
      db,
    );
    const span = row.rows[0];
    if (span?.first && (first === null || span.first < first)) {
      first = span.first;
    }
    if (span?.last && (last === null || span.last > last)) {
      last = span.last;
    }
  }
  return first === null || last === null ? null : { first, last };
}

/** Every town (a handful of places): each has a cube, empty when it has no records. */
export async function selectTownIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('place').select('id').where('level', '=', 'town').orderBy('id').execute();
  return rows.map((row) => Number(row.id));
}

export async function deleteTownCells(db: Db, townId: number): Promise<void> {
  await db.deleteFrom('cube_cell').where('town_id', '=', townId).execute();
}
