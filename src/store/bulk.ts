import { availableParallelism } from 'node:os';
import type SQLite from 'better-sqlite3';
import { type CompiledQuery, sql } from 'kysely';
import type { Database, Db } from './database.js';
import { dialectOf } from './dialect.js';
import { sqliteHandleOf } from './open.js';

/*
 * Bulk loading, the one place where the two databases are driven differently for speed (the demo town's ten million
 * records, later intake): on SQLite, statements prepared once on the better-sqlite3 connection and run row by row
 * inside the caller's transaction (the connection is the transaction's: SQLite has one, and the calls are
 * synchronous); on PostgreSQL, multi-row INSERTs of a statement compiled once per shape. The SQL itself is always
 * compiled by Kysely from the table and column names, so both run the same portable statement.
 */

/** A value of a positional row: what the portable column types hold. */
export type BulkValue = string | number | null;

type Column<T extends keyof Database> = keyof Database[T] & string;

/** What bulkInsert writes: a table, its columns in the order of the rows' values, and the key duplicates skip on. */
export interface BulkTarget<T extends keyof Database> {
  table: T;
  columns: readonly Column<T>[];
  /** A unique key of the table: a row whose key is already stored is skipped (its id is null). */
  uniqueKey: readonly Column<T>[];
}

/** Rows per statement on PostgreSQL. */
const PG_ROWS = 2_000;

const sqliteStatements = new WeakMap<object, Map<string, SQLite.Statement>>();

function requireTransaction(db: Db): void {
  if (!db.isTransaction) {
    // On SQLite the prepared statements bypass Kysely's connection lock; inside a transaction the caller holds it.
    throw new TypeError('bulkInsert must run inside a transaction');
  }
}

/** The INSERT of one row of the target, skipping a duplicate of its unique key. */
function compileInsert<T extends keyof Database>(db: Db, target: BulkTarget<T>): CompiledQuery {
  const columns = sql.join(target.columns.map((column) => sql.ref(column)));
  const key = sql.join(target.uniqueKey.map((column) => sql.ref(column)));
  const values = sql.join(target.columns.map(() => null));
  return sql`insert into ${sql.table(target.table)} (${columns}) values (${values}) on conflict (${key}) do nothing`.compile(
    db,
  );
}

function keyOf(values: readonly unknown[]): string {
  return values.map(String).join('\u0000');
}

/**
 * Insert many rows of one table, each given as its values in `target.columns` order, inside the caller's
 * transaction. Returns, for each row in order, its new id, or null when a row with its unique key was already stored.
 */
export async function bulkInsert<T extends keyof Database>(
  db: Db,
  target: BulkTarget<T>,
  rows: readonly (readonly BulkValue[])[],
): Promise<(number | null)[]> {
  requireTransaction(db);
  const handle = sqliteHandleOf(db);
  return handle ? insertOnSqlite(handle, db, target, rows) : insertOnPostgres(db, target, rows);
}

/**
 * One prepared single-row statement, run row by row: the row's id comes back for free, and in a quick test neither
 * multi-row statements nor RETURNING were faster. Prepared once per connection and target, not per batch.
 */
function insertOnSqlite<T extends keyof Database>(
  handle: SQLite.Database,
  db: Db,
  target: BulkTarget<T>,
  rows: readonly (readonly BulkValue[])[],
): (number | null)[] {
  let statements = sqliteStatements.get(handle);
  if (!statements) {
    statements = new Map();
    sqliteStatements.set(handle, statements);
  }
  const shape = `${target.table}(${target.columns.join()}) key (${target.uniqueKey.join()})`;
  let statement = statements.get(shape);
  if (!statement) {
    statement = handle.prepare(compileInsert(db, target).sql);
    statements.set(shape, statement);
  }
  const insert = statement;
  return rows.map((row) => {
    const { changes, lastInsertRowid } = insert.run(row);
    return changes > 0 ? Number(lastInsertRowid) : null;
  });
}

/**
 * One INSERT … SELECT FROM unnest(column arrays) per chunk: a parameter per column instead of one per value, which
 * PostgreSQL parses and plans once (about 1.5 times the rows/s of multi-row VALUES in a quick test; COPY would need
 * another package). RETURNING lists the rows inserted, matched back to the rows by their unique key.
 */
async function insertOnPostgres<T extends keyof Database>(
  db: Db,
  target: BulkTarget<T>,
  rows: readonly (readonly BulkValue[])[],
): Promise<(number | null)[]> {
  const keyColumns = target.uniqueKey.map((column) => target.columns.indexOf(column));
  if (keyColumns.some((index) => index < 0)) {
    throw new TypeError(`bulkInsert: the unique key of ${target.table} must be among the columns written`);
  }
  const types = await columnTypes(db, target.table);
  const columns = sql.join(target.columns.map((column) => sql.ref(column)));
  const key = sql.join(target.uniqueKey.map((column) => sql.ref(column)));
  const ids: (number | null)[] = [];
  for (let start = 0; start < rows.length; start += PG_ROWS) {
    const chunk = rows.slice(start, start + PG_ROWS);
    const arrays = target.columns.map((column, i) => {
      const type = types.get(column);
      if (type === undefined) {
        throw new TypeError(`bulkInsert: ${target.table} has no column ${column}`);
      }
      return sql`${chunk.map((row) => row[i] ?? null)}::${sql.raw(type)}[]`;
    });
    const { rows: inserted } = await sql<Record<string, BulkValue>>`
      insert into ${sql.table(target.table)} (${columns}) select * from unnest(${sql.join(arrays)})
      on conflict (${key}) do nothing returning ${sql.ref('id')}, ${key}`.execute(db);
    const byKey = new Map(
      inserted.map((row) => [keyOf(target.uniqueKey.map((column) => row[column])), Number(row.id)]),
    );
    for (const row of chunk) {
      ids.push(byKey.get(keyOf(keyColumns.map((index) => row[index]))) ?? null);
    }
  }
  return ids;
}

const pgColumnTypes = new WeakMap<object, Map<string, Map<string, string>>>();

/** The SQL types of a table's columns (bigint, text …) as the catalogue names them, looked up once per store. */
async function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  const adapter = db.getExecutor().adapter;
  let tables = pgColumnTypes.get(adapter);
  if (!tables) {
    tables = new Map();
    pgColumnTypes.set(adapter, tables);
  }
  let types = tables.get(table);
  if (!types) {
    const { rows } = await sql<{ name: string; type: string }>`
      select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
      from pg_attribute a
      where a.attrelid = to_regclass(${table}) and a.attnum > 0 and not a.attisdropped`.execute(db);
    types = new Map(rows.map((row) => [row.name, row.type]));
    tables.set(table, types);
  }
  return types;
}

interface IndexDefinition {
  name: string;
  definition: string;
}

/** The non-unique indexes created on the tables (not those behind keys and constraints), with their definitions. */
async function secondaryIndexes(db: Db, tables: readonly string[]): Promise<IndexDefinition[]> {
  const names = sql.join(tables.map((table) => sql.lit(table)));
  if (dialectOf(db) === 'sqlite') {
    const { rows } = await sql<IndexDefinition>`
      select m.name as name, m.sql as definition
      from sqlite_master m
      join pragma_index_list(m.tbl_name) l on l.name = m.name
      where m.type = 'index' and m.tbl_name in (${names}) and m.sql is not null and l."unique" = 0 and l.origin = 'c'
      order by m.name`.execute(db);
    return rows;
  }
  const { rows } = await sql<IndexDefinition>`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    join pg_namespace n on n.nspname = i.schemaname
    join pg_class c on c.relname = i.indexname and c.relnamespace = n.oid
    join pg_index x on x.indexrelid = c.oid
    where i.schemaname = current_schema() and i.tablename in (${names})
      and not x.indisunique and not exists (select 1 from pg_constraint k where k.conindid = c.oid)
    order by i.indexname`.execute(db);
  return rows;
}

async function allEmpty(db: Db, tables: readonly string[]): Promise<boolean> {
  for (const table of tables) {
    const { rows } = await sql<{ one: number }>`select 1 as one from ${sql.table(table)} limit 1`.execute(db);
    if (rows.length > 0) {
      return false;
    }
  }
  return true;
}

/**
 * Run a bulk load into `tables` with their secondary indexes dropped, then create them again from their stored
 * definitions (also when `work` fails): building an index once over the loaded rows is several times cheaper than
 * updating it row by row. Only when every table is empty; otherwise `work` runs with the indexes in place. Unique
 * keys and constraints always stay. Call it outside a transaction, with no other writer on the tables.
 */
export async function withIndexesDeferred<T>(
  db: Db,
  tables: readonly (keyof Database)[],
  work: () => Promise<T>,
): Promise<T> {
  if (db.isTransaction) {
    throw new TypeError('withIndexesDeferred must run outside a transaction');
  }
  if (!(await allEmpty(db, tables))) {
    return work();
  }
  const indexes = await secondaryIndexes(db, tables);
  for (const { name } of indexes) {
    await sql`drop index ${sql.id(name)}`.execute(db);
  }
  try {
    return await work();
  } finally {
    await recreate(db, indexes);
  }
}

/**
 * Create the indexes from their definitions. On SQLite with helper threads for the sort: at 10 M demo records the
 * sixteen record indexes took 46 s with two helper threads instead of 65 s without (+30 MB RSS); a larger cache made it
 * slower. The connection's setting is restored afterwards.
 */
async function recreate(db: Db, indexes: readonly IndexDefinition[]): Promise<void> {
  const handle = sqliteHandleOf(db);
  const threads = handle?.pragma('threads', { simple: true });
  handle?.pragma(`threads = ${Math.max(1, Math.min(4, availableParallelism()))}`);
  try {
    for (const { definition } of indexes) {
      // The definitions come from the database's own catalogue, as it stored them.
      await sql.raw(definition).execute(db);
    }
  } finally {
    handle?.pragma(`threads = ${Number(threads) || 0}`);
  }
}
