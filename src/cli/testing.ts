import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { TEST_SECRET } from '../server/testing.js';
import type { DialectName } from '../store/dialect.js';
import { TEST_PG_URL } from '../store/testing.js';

/*
 * Running the `shanzhi` CLI as a child process in tests: on a data folder of the test's own, or on PostgreSQL in a
 * fresh schema per describe block.
 */

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'shanzhi.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a child: the test's data folder, quiet logs, and DATABASE_URL only when given. */
export function cliEnv(dataDir: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SHANZHI_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  if (!('DATABASE_URL' in extra)) {
    delete env.DATABASE_URL;
  }
  return env;
}

export function startCli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: cliEnv(dataDir, env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The output of a child until it exits. */
export function collect(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export function runCli(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return collect(startCli(dataDir, args, env));
}

/** Run the CLI with `input` on its standard input (`--password-stdin`). */
export function runCliWithInput(
  dataDir: string,
  args: string[],
  input: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(dataDir, env), stdio: ['pipe', 'pipe', 'pipe'] });
  const done = collect(child);
  child.stdin?.end(input);
  return done;
}

export async function onPostgres(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

let schemas = 0;

/**
 * A PostgreSQL URL that puts everything in a fresh schema, created before and dropped after the enclosing describe
 * block, so CLI tests leave the `test` database as they found it.
 */
export function useFreshPostgresUrl(): { readonly url: string; readonly schema: string } {
  schemas += 1;
  const schema = `cli_${process.pid}_${Date.now()}_${schemas}`;
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  beforeAll(() => onPostgres(`create schema ${schema}`));
  afterAll(() => onPostgres(`drop schema if exists ${schema} cascade`));
  return { url: url.toString(), schema };
}

/**
 * `shanzhi …` on the describe block's database: a fresh PostgreSQL schema (with the secret PostgreSQL mode needs) or
 * a SQLite data folder under `dataDir`.
 */
export function useCliDatabase(dialect: DialectName, dataDir: string): (args: string[]) => Promise<Run> {
  const postgres = dialect === 'postgres' ? useFreshPostgresUrl() : undefined;
  const env = postgres
    ? { DATABASE_URL: postgres.url, SHANZHI_SECRET: TEST_SECRET }
    : { SHANZHI_DATA_DIR: join(dataDir, 'sqlite') };
  return (args) => runCli(dataDir, args, env);
}

/** A started server: the URL it listens on, what it has written so far, and a way to stop it (SIGTERM, then wait). */
export interface Serving {
  url: string;
  output(): { stdout: string; stderr: string };
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Wait for a `serve` or `demo` child to print `listening on <url>`; rejects with its stderr when it exits first. */
export async function whenListening(child: ChildProcess, what: string): Promise<Serving> {
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        resolve(match[1]);
      }
    });
    child.on('close', (code) => reject(new Error(`${what} exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    url,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
