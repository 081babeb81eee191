import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../store/database.js';
import { sqliteHandleOf } from '../store/open.js';
import { cellId } from './delta.js';
import { type CellKey, COUNT_MEASURES } from './fact.js';

/*
 * Reading and writing cells by key, the cube's hot path: on SQLite statements prepared once per connection and run
 * cell by cell (a point look-up on the table's key costs a few microseconds); on PostgreSQL one statement per chunk
 * over unnest()ed column arrays. Always inside the caller's transaction.
 */

export const KEY_COLUMNS = [
  'town_id',
  'cuboid',
  'month',
  'week',
  'category_id',
  'place_id',
  'kind',
  'source',
  'department_id',
] as const;
const KEY_TYPES = ['bigint', 'integer', 'integer', 'integer', 'bigint', 'bigint', 'text', 'text', 'bigint'];
const HIST_COLUMNS = ['handling_hist', 'work_hist'] as const;
const VALUE_COLUMNS = [...COUNT_MEASURES, ...HIST_COLUMNS];
const ALL_COLUMNS = [...KEY_COLUMNS, ...VALUE_COLUMNS];
const ALL_TYPES = [
  ...KEY_TYPES,
  ...COUNT_MEASURES.map((measure) => (measure.endsWith('_sum') ? 'bigint' : 'integer')),
  'text',
  'text',
];

/** A cell as stored: its counts in COUNT_MEASURES order and its two histograms' text. */
export interface StoredCell {
  key: CellKey;
  counts: number[];
  handlingHist: string;
  workHist: string;
}

const keyValues = (key: CellKey): (string | number)[] => [
  key.townId,
  key.cuboid,
  key.month,
  key.week,
  key.categoryId,
  key.placeId,
  key.kind,
  key.source,
  key.departmentId,
];

const rowValues = (cell: StoredCell): (string | number)[] => [
  ...keyValues(cell.key),
  ...cell.counts,
  cell.handlingHist,
  cell.workHist,
];

function fromRow(key: CellKey, row: Record<string, unknown>): StoredCell {
  return {
    key,
    counts: COUNT_MEASURES.map((measure) => Number(row[measure])),
    handlingHist: String(row.handling_hist),
    workHist: String(row.work_hist),
  };
}

const keyMatch = KEY_COLUMNS.map((column) => `${column} = ?`).join(' and ');
const statements = new WeakMap<
  SQLite.Database,
  { select: SQLite.Statement; upsert: SQLite.Statement; remove: SQLite.Statement }
>();

function sqliteStatements(handle: SQLite.Database) {
  let prepared = statements.get(handle);
  if (!prepared) {
    const updates = VALUE_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ');
    prepared = {
      select: handle.prepare(`select * from cube_cell where ${keyMatch}`),
      upsert: handle.prepare(
        `insert into cube_cell (${ALL_COLUMNS.join(', ')}) values (${ALL_COLUMNS.map(() => '?').join(', ')})
         on conflict (${KEY_COLUMNS.join(', ')}) do update set ${updates}`,
      ),
      remove: handle.prepare(`delete from cube_cell where ${keyMatch}`),
    };
    statements.set(handle, prepared);
  }
  return prepared;
}

function requireTransaction(db: Db): void {
  if (!db.isTransaction) {
    throw new TypeError('the cube is written inside the records’ transaction');
  }
}

/** Rows per PostgreSQL statement. */
const PG_CHUNK = 2_000;

function unnest(columns: readonly string[], types: readonly string[], rows: readonly (readonly unknown[])[]) {
  return sql.join(columns.map((_, i) => sql`${rows.map((row) => row[i])}::${sql.raw(types[i] as string)}[]`));
}

/** The stored cells of these keys, by cellId; absent keys have no cell yet. */
export async function loadCells(db: Db, keys: readonly CellKey[]): Promise<Map<string, StoredCell>> {
  requireTransaction(db);
  const found = new Map<string, StoredCell>();
  const handle = sqliteHandleOf(db);
  if (handle) {
    const { select } = sqliteStatements(handle);
    for (const key of keys) {
      const row = select.get(keyValues(key)) as Record<string, unknown> | undefined;
      if (row) {
        found.set(cellId(key), fromRow(key, row));
      }
    }
    return found;
  }
  const byId = new Map(keys.map((key) => [cellId(key), key]));
  for (let start = 0; start < keys.length; start += PG_CHUNK) {
    const chunk = keys.slice(start, start + PG_CHUNK).map(keyValues);
    const { rows } = await sql<Record<string, unknown>>`
      select c.* from cube_cell c
      join unnest(${unnest(KEY_COLUMNS, KEY_TYPES, chunk)}) as k(${sql.raw(KEY_COLUMNS.join(', '))})
      using (${sql.raw(KEY_COLUMNS.join(', '))})`.execute(db);
    for (const row of rows) {
      const id = cellId({
        townId: Number(row.town_id),
        cuboid: Number(row.cuboid),
        month: Number(row.month),
        week: Number(row.week),
        categoryId: Number(row.category_id),
        placeId: Number(row.place_id),
        kind: row.kind as CellKey['kind'],
        source: String(row.source),
        departmentId: Number(row.department_id),
      });
      found.set(id, fromRow(byId.get(id) as CellKey, row));
    }
  }
  return found;
}

/** Store these cells (insert or replace) and delete those keys (cells whose records all went elsewhere). */
export async function writeCells(db: Db, cells: readonly StoredCell[], removed: readonly CellKey[]): Promise<void> {
  requireTransaction(db);
  const handle = sqliteHandleOf(db);
  if (handle) {
    const { upsert, remove } = sqliteStatements(handle);
    for (const cell of cells) {
      upsert.run(rowValues(cell));
    }
    for (const key of removed) {
      remove.run(keyValues(key));
    }
    return;
  }
  const updates = sql.raw(VALUE_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', '));
  for (let start = 0; start < cells.length; start += PG_CHUNK) {
    const chunk = cells.slice(start, start + PG_CHUNK).map(rowValues);
    await sql`
      insert into cube_cell (${sql.raw(ALL_COLUMNS.join(', '))})
      select * from unnest(${unnest(ALL_COLUMNS, ALL_TYPES, chunk)})
      on conflict (${sql.raw(KEY_COLUMNS.join(', '))}) do update set ${updates}`.execute(db);
  }
  for (let start = 0; start < removed.length; start += PG_CHUNK) {
    const chunk = removed.slice(start, start + PG_CHUNK).map(keyValues);
    await sql`
      delete from cube_cell c
      using unnest(${unnest(KEY_COLUMNS, KEY_TYPES, chunk)}) as k(${sql.raw(KEY_COLUMNS.join(', '))})
      where ${sql.raw(KEY_COLUMNS.map((column) => `c.${column} = k.${column}`).join(' and '))}`.execute(db);
  }
}
