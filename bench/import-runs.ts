import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The processes bench/import.ts times, each from spawn to exit, with its peak RSS read by GNU time (`%M`, the
 * process's maximum resident set, threads included): `shanzhi import` on a fresh SQLite folder or PostgreSQL schema,
 * and the baselines, the sqlite3 CLI's `.import` and PostgreSQL's `COPY … FROM STDIN` (through psql) of the same file
 * into a bare table of text columns.
 */

const GNU_TIME = '/usr/bin/time';
const SQLITE3 = '/usr/bin/sqlite3';
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'shanzhi.js');
/** The PostgreSQL database the benchmark works in (a fresh schema of it), as the tests use it. */
export const PG_URL = process.env.SHANZHI_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A finished process: wall seconds from spawn to exit, peak RSS (undefined without GNU time), its stdout. */
export interface Timed {
  seconds: number;
  peakRssMb: number | undefined;
  stdout: string;
}

interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** A file given to the process as its stdin. */
  stdinFile?: string;
}

/** Run a command to its end, timed; throws with its output when it fails. */
export function timed(command: string, args: readonly string[], options: SpawnOptions = {}): Timed {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-'));
  const rssFile = join(dir, 'rss');
  const wrap = existsSync(GNU_TIME);
  const stdin = options.stdinFile ? openSync(options.stdinFile, 'r') : 'ignore';
  try {
    const started = performance.now();
    const child = spawnSync(
      wrap ? GNU_TIME : command,
      wrap ? ['-f', '%M', '-o', rssFile, command, ...args] : [...args],
      {
        env: options.env ?? process.env,
        stdio: [stdin, 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    if (child.error || child.status !== 0) {
      const reason = child.error?.message ?? `exit ${child.status}`;
      throw new Error(`${command} ${args.join(' ')} failed (${reason}): ${child.stdout}`);
    }
    const kb = wrap ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) : Number.NaN;
    return { seconds, peakRssMb: Number.isFinite(kb) ? kb / 1024 : undefined, stdout: child.stdout };
  } finally {
    if (typeof stdin === 'number') {
      closeSync(stdin);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether peak RSS is read from outside (GNU time installed). */
export const measuresRssOutside = existsSync(GNU_TIME);

/** A bare table of `columns` text columns, c1 … cN. */
function bareTable(columns: number): string {
  return `create table bare (${Array.from({ length: columns }, (_, i) => `c${i + 1} text`).join(', ')})`;
}

/** A query's single value through the sqlite3 CLI. */
export function sqliteValue(file: string, query: string): string {
  const child = spawnSync(SQLITE3, [file, query], { encoding: 'utf8' });
  if (child.status !== 0) {
    throw new Error(`sqlite3 ${query} failed: ${child.stderr}`);
  }
  return child.stdout.trim();
}

/** The sqlite3 CLI's version, for the figures' text. */
export function sqliteVersion(): string {
  return spawnSync(SQLITE3, ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0] ?? 'unknown';
}

/**
 * The baseline of SQLite: `.import --csv --skip 1` of the file into a bare table of a fresh database file (default
 * settings: one transaction, rollback journal). Checks that every row arrived.
 */
export function sqliteImport(csv: string, rows: number, columns: number): Timed {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-sqlite3-'));
  const file = join(dir, 'bare.db');
  try {
    sqliteValue(file, bareTable(columns));
    const run = timed(SQLITE3, [file, `.import --csv --skip 1 "${csv}" bare`]);
    const count = Number(sqliteValue(file, 'select count(*) from bare'));
    if (count !== rows) {
      throw new Error(`sqlite3 .import stored ${count} rows of ${rows}`);
    }
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh PostgreSQL schema for one run: the URL that works inside it, and its removal. */
export interface PgSchema {
  name: string;
  url: string;
  drop(): void;
}

/** Run SQL through psql (on the benchmark's database, or inside a schema's URL); returns its output. */
export function psql(url: string, sql: string, stdinFile?: string): Timed {
  return timed('psql', [url, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-A', '-t', '-c', sql], { stdinFile });
}

/** Whether psql is on the PATH. */
export function hasPsql(): boolean {
  return spawnSync('psql', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Create a fresh schema; its URL sets the search_path (the `options` parameter), as the CLI's DATABASE_URL. */
export function createPgSchema(label: string): PgSchema {
  const name = `bench_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  psql(PG_URL, `create schema ${name}`);
  // Percent-encoded by hand: libpq and pg decode %20, not the + of URLSearchParams.
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${name}`)}`;
  return {
    name,
    url,
    drop: () => psql(PG_URL, `set client_min_messages = warning; drop schema if exists ${name} cascade`),
  };
}

/**
 * The baseline of PostgreSQL: `COPY bare FROM STDIN (FORMAT csv, HEADER, ENCODING 'GB18030')` of the file, piped
 * into psql, into a bare table of a fresh schema. Checks the rows COPY reports.
 */
export function pgCopy(csv: string, rows: number, columns: number): Timed {
  const schema = createPgSchema('copy');
  try {
    psql(schema.url, bareTable(columns));
    const run = timed(
      'psql',
      [
        schema.url,
        '-v',
        'ON_ERROR_STOP=1',
        '-X',
        '-c',
        "COPY bare FROM STDIN (FORMAT csv, HEADER, ENCODING 'GB18030')",
      ],
      { stdinFile: csv },
    );
    const count = Number(psql(schema.url, 'select count(*) from bare').stdout.trim());
    if (count !== rows) {
      throw new Error(`COPY stored ${count} rows of ${rows}`);
    }
    return run;
  } finally {
    schema.drop();
  }
}

/** Run `shanzhi <args>` (bin/shanzhi.js) with extra environment, timed. */
export function shanzhi(args: readonly string[], env: NodeJS.ProcessEnv): Timed {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.SHANZHI_DATA_DIR;
  delete base.SHANZHI_SECRET;
  return timed(process.execPath, [BIN, ...args], { env: { ...base, ...env } });
}
