import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db } from './database.js';
import type { DialectName } from './dialect.js';

export interface StoreOptions {
  /** `postgres://…` for PostgreSQL; `sqlite:PATH` or absent for the embedded SQLite file. */
  databaseUrl?: string;
  /** Where the SQLite file lives when `databaseUrl` is absent. */
  dataDir: string;
  /** PostgreSQL only: work inside this schema (created if missing). Tests use one fresh schema each. */
  schema?: string;
  /** PostgreSQL only: connections in the pool. */
  poolSize?: number;
}

export interface Store {
  db: Db;
  dialect: DialectName;
  /** Where the data lives, safe to log (no password). */
  location: string;
  close(): Promise<void>;
}

const SQLITE_FILE = 'shanzhi.db';

/** The better-sqlite3 handle under each SQLite store, by the Kysely adapter its instance and transactions share. */
const sqliteHandles = new WeakMap<object, SQLite.Database>();

/**
 * The better-sqlite3 connection under an SQLite store's Kysely instance or one of its transactions (undefined on
 * PostgreSQL). Only store/bulk.ts uses it, for prepared statements run inside the caller's transaction.
 */
export function sqliteHandleOf(db: Db): SQLite.Database | undefined {
  return sqliteHandles.get(db.getExecutor().adapter);
}

// PostgreSQL sends int8 (counts, epoch milliseconds, ids) and numeric as strings; every such value Shanzhi stores
// fits a double exactly (epoch ms < 2^53), so parse them as numbers once, here.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** Open the database named by the options: PostgreSQL for a postgres URL, else the embedded SQLite file. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return openPostgres(url, options);
  }
  if (url && !url.startsWith('sqlite:')) {
    throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${url.split(':')[0]}:")`);
  }
  const file = url ? url.slice('sqlite:'.length) : join(options.dataDir, SQLITE_FILE);
  return openSqlite(file);
}

function openSqlite(file: string): Store {
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }
  const database = new SQLite(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  sqliteHandles.set(db.getExecutor().adapter, database);
  return { db, dialect: 'sqlite', location: `sqlite:${path}`, close: () => db.destroy() };
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(`PostgreSQL schema name must be lower-case letters, digits and _ (got "${schema}")`);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: redactUrl(url, schema), close: () => db.destroy() };
}

function redactUrl(url: string, schema: string | undefined): string {
  const parsed = new URL(url);
  parsed.password = parsed.password ? '***' : '';
  return schema ? `${parsed.toString()} (schema ${schema})` : parsed.toString();
}
