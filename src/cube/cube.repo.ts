import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../store/database.js';
import { dialectOf } from '../store/dialect.js';
import { sqliteHandleOf } from '../store/open.js';
import type { RecordKind } from '../store/tables/intake.js';
import type { FactColumns, FactLookups } from './fact.js';

/** The record tables by kind. */
export const RECORD_TABLES = { complaint: 'complaint', case: 'enforcement_case' } as const;
export const RECORD_KINDS: readonly RecordKind[] = ['complaint', 'case'];

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

const weekStatements = new WeakMap<SQLite.Database, Map<RecordKind, SQLite.Statement>>();

/** A raw row of factColumnsOf(kind) as FactColumns: one object literal, one shape (cheaper than the driver's objects). */
function factRow(kind: RecordKind, r: unknown[]): FactColumns {
  const complaint = kind === 'complaint';
  return {
    town_id: r[0] as number,
    category_id: r[1] as number,
    place_id: r[2] as number | null,
    department_id: r[3] as number | null,
    opened_at: r[4] as number,
    opened_day: r[5] as string,
    opened_week: r[6] as number,
    deadline_at: r[7] as number | null,
    first_response_at: r[8] as number | null,
    closed_at: r[9] as number | null,
    difficult: r[10] as number,
    handling_ms: r[11] as number | null,
    handling_work_ms: r[12] as number | null,
    status: r[13] as string,
    channel: complaint ? (r[14] as string) : undefined,
    source: complaint ? undefined : (r[14] as string),
    resolved: complaint ? (r[15] as number | null) : null,
    satisfaction: complaint ? (r[16] as string | null) : null,
    reopen_count: complaint ? (r[17] as number) : 0,
  };
}

/**
 * A town's records of one kind opened in an ISO week, for a rebuild week by week. On SQLite a lazy sequence (each row
 * is garbage as soon as it is counted); read it before the next statement on the connection.
 */
export async function selectOpenedInWeek(
  db: Db,
  kind: RecordKind,
  townId: number,
  week: number,
): Promise<Iterable<FactColumns>> {
  const table = RECORD_TABLES[kind];
  const handle = sqliteHandleOf(db);
  if (handle) {
    // A week of a big town is tens of thousands of rows: read them as arrays (see factRow).
    let statements = weekStatements.get(handle);
    if (!statements) {
      statements = new Map();
      weekStatements.set(handle, statements);
    }
    let statement = statements.get(kind);
    if (!statement) {
      statement = handle
        .prepare(`select ${factColumnsOf(kind).join(', ')} from ${table} where town_id = ? and opened_week = ?`)
        .raw(true);
      statements.set(kind, statement);
    }
    const rows = statement.iterate(townId, week) as IterableIterator<unknown[]>;
    return (function* () {
      for (const row of rows) {
        yield factRow(kind, row);
      }
    })();
  }
  const rows = await sql<FactColumns>`
    select ${sql.raw(factColumnsOf(kind).join(', '))} from ${sql.table(table)}
    where town_id = ${townId} and opened_week = ${week}`.execute(db);
  return rows.rows;
}

/** The first and last opened day of a town's records, or null when it has none. */
export async function openedSpan(db: Db, townId: number): Promise<{ first: string; last: string } | null> {
  let first: string | null = null;
  let last: string | null = null;
  for (const table of Object.values(RECORD_TABLES)) {
    // Two statements: each is one step down the (town_id, opened_day) index; min and max together would scan it.
    const low = await sql<{ day: string | null }>`
      select min(opened_day) as day from ${sql.table(table)} where town_id = ${townId}`.execute(db);
    const high = await sql<{ day: string | null }>`
      select max(opened_day) as day from ${sql.table(table)} where town_id = ${townId}`.execute(db);
    const [from, to] = [low.rows[0]?.day, high.rows[0]?.day];
    if (from && (first === null || from < first)) {
      first = from;
    }
    if (to && (last === null || to > last)) {
      last = to;
    }
  }
  return first === null || last === null ? null : { first, last };
}

/** Every town (a handful of places): each has a cube, empty when it has no records. */
export async function selectTownIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('place').select('id').where('level', '=', 'town').orderBy('id').execute();
  return rows.map((row) => Number(row.id));
}

/**
 * Run a rebuild with a bigger SQLite page cache (SQLite's default is 2 MB): it reads a town's records and writes its
 * cube, both far larger. The connection's setting is restored afterwards.
 */
export async function withRebuildCache<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const handle = sqliteHandleOf(db);
  if (!handle) {
    return work();
  }
  const before = handle.pragma('cache_size', { simple: true }) as number;
  handle.pragma(`cache_size = ${REBUILD_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    handle.pragma(`cache_size = ${before}`);
  }
}

/** 256 MB, as SQLite's negative cache_size in KiB. */
const REBUILD_CACHE_KIB = -262_144;

export async function deleteTownCells(db: Db, townId: number): Promise<void> {
  await db.deleteFrom('cube_cell').where('town_id', '=', townId).execute();
}
