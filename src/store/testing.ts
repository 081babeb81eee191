import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from './database.js';
import type { DialectName } from './dialect.js';
import { migrateToLatest } from './migrate.js';
import { openStore, type Store } from './open.js';

/**
 * The test harness for integration tests: the same tests on a fresh SQLite file and on a fresh PostgreSQL schema.
 *
 *   describe.each(testDatabases)('places on %s', (dialect) => {
 *     const t = useTestStore(dialect);
 *     it('…', async () => { await createPlace({ db: t.db }, …) });
 *   });
 *
 * PostgreSQL is required (CI checks that its tests ran). Set SHANZHI_TEST_PG=off to run SQLite only, e.g. on a
 * laptop without PostgreSQL; the run then says so.
 */
export const TEST_PG_URL = process.env.SHANZHI_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const testDatabases: DialectName[] =
  process.env.SHANZHI_TEST_PG === 'off' ? skipPostgres() : ['sqlite', 'postgres'];

function skipPostgres(): DialectName[] {
  console.warn('[shanzhi tests] PostgreSQL tests skipped: SHANZHI_TEST_PG=off');
  return ['sqlite'];
}

export interface TestStore {
  readonly db: Db;
  readonly store: Store;
}

/** A fresh, migrated database for the enclosing describe block, removed afterwards. */
export function useTestStore(dialect: DialectName): TestStore {
  let store: Store | undefined;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const opened = await openTestStore(dialect);
    store = opened.store;
    cleanup = opened.cleanup;
  });
  afterAll(async () => {
    await cleanup();
  });

  return {
    get store(): Store {
      if (!store) {
        throw new Error('the test store is only open inside tests (after beforeAll)');
      }
      return store;
    },
    get db(): Db {
      return this.store.db;
    },
  };
}

/** Open a fresh migrated store outside the describe helpers (benchmarks, child-process tests). */
export async function openTestStore(dialect: DialectName): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shanzhi-test-'));
    const store = await openStore({ dataDir: dir });
    await migrateToLatest(store.db);
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  await sweepStaleSchemas();
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const dropSchema = () => onTestPostgres(`drop schema if exists ${schema} cascade`);
  const store = await openStore({ databaseUrl: TEST_PG_URL, dataDir: '', schema, poolSize: 4 });
  try {
    await migrateToLatest(store.db);
  } catch (error) {
    await store.close();
    await dropSchema();
    throw error;
  }
  return {
    store,
    cleanup: async () => {
      await store.close();
      await dropSchema();
    },
  };
}

async function onTestPostgres<T extends pg.QueryResultRow>(statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(statement)).rows;
  } finally {
    await client.end();
  }
}

let swept: Promise<void> | undefined;

/**
 * Drop the test schemas of test processes that died before their cleanup ran (killed runs), once per process. A
 * schema is stale when the pid in its name (`t_<pid>_…`) is no longer running on this machine.
 */
function sweepStaleSchemas(): Promise<void> {
  swept ??= (async () => {
    const rows = await onTestPostgres<{ name: string }>(
      `select nspname as name from pg_namespace where nspname ~ '^t_[0-9]+_[0-9a-f]{8}$'`,
    );
    for (const { name } of rows) {
      const pid = Number(name.split('_')[1]);
      if (!isRunning(pid)) {
        await onTestPostgres(`drop schema if exists ${name} cascade`);
      }
    }
  })();
  return swept;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
