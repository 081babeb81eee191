import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, runCli, startCli, useFreshPostgresUrl } from '../src/cli/testing.js';
import { DEMO_FILE_NAMES, writeDemoFiles } from '../src/demo/export/index.js';
import { createDemo } from '../src/demo/index.js';
import { TEST_SECRET } from '../src/server/testing.js';
import { openStore, type Store } from '../src/store/open.js';
import { testDatabases } from '../src/store/testing.js';

/*
 * Crash safety of intake, for real: `shanzhi import` in a child process killed with SIGKILL at random moments while
 * it writes, then run again to the end. The stored records must be exactly those of one clean run — no duplicates,
 * no half batch — and the killed batches are marked interrupted.
 */

const root = mkdtempSync(join(tmpdir(), 'shanzhi-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const filesDir = join(root, 'files');
// Enough cases for tens of transactions at the small batch size below.
const demo = createDemo({ records: 15_000 });
beforeAll(async () => {
  mkdirSync(filesDir);
  await writeDemoFiles(demo, filesDir);
}, 120_000);
const ledger = () => join(filesDir, DEMO_FILE_NAMES.ledger);
const importArgs = () => ['import', ledger(), '--profile', 'case-ledger', '--batch-size', '25', '--json'];

/** A store the CLI writes to: its own data folder, and on PostgreSQL its own schema. */
function useCliStore(dialect: string, name: string) {
  const dataDir = join(root, `${dialect}-${name}`);
  const postgres = dialect === 'postgres' ? useFreshPostgresUrl() : undefined;
  // PostgreSQL needs the secret given (the embedded store makes its own).
  const env = () => (postgres ? { DATABASE_URL: postgres.url, SHANZHI_SECRET: TEST_SECRET } : {});
  let store: Store | undefined;
  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    const setup = await runCli(dataDir, ['demo', 'generate', '--records', '0', '--json'], env());
    expect(setup.stderr).toBe('');
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });
  return {
    dataDir,
    env,
    async db() {
      store ??= await openStore({ databaseUrl: postgres?.url, dataDir });
      return store.db;
    },
  };
}

type StoreDb = Awaited<ReturnType<ReturnType<typeof useCliStore>['db']>>;

/** The cases as comparable rows: everything but the surrogate id and our own write times. */
async function snapshot(db: StoreDb) {
  const rows = await db.selectFrom('enforcement_case').selectAll().orderBy('external_no').execute();
  return rows.map(({ id, created_at, updated_at, ...rest }) => rest);
}

async function rowsWritten(db: StoreDb): Promise<number> {
  const row = await db
    .selectFrom('import_batch')
    .select((eb) => eb.fn.max('rows_read').as('rows'))
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(row?.rows ?? 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabases)('import killed with SIGKILL on %s', (dialect) => {
  const clean = useCliStore(dialect, 'clean');
  const crashed = useCliStore(dialect, 'crashed');

  it('ends with exactly the data of a clean run', async () => {
    const reference = await runCli(clean.dataDir, importArgs(), clean.env());
    expect(reference.code, reference.stderr).toBe(0);
    const cleanResult = JSON.parse(reference.stdout) as { rows: number; inserted: number; rejected: number };
    expect(cleanResult.inserted).toBeGreaterThan(300);

    const db = await crashed.db();
    let kills = 0;
    // Kill at a random point after the first commit (and once before any), three times.
    for (const [attempt, waitAfterCommit] of [0, 150 + Math.random() * 300, 400 + Math.random() * 600].entries()) {
      const child = startCli(crashed.dataDir, importArgs(), crashed.env());
      const exited = collect(child);
      if (attempt > 0) {
        const deadline = Date.now() + 30_000;
        while ((await rowsWritten(db)) === 0 && Date.now() < deadline) {
          await sleep(10);
        }
      }
      await sleep(waitAfterCommit);
      child.kill('SIGKILL');
      const run = await exited;
      if (run.code === null) {
        kills += 1;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const stored = await db
      .selectFrom('enforcement_case')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBeLessThan(cleanResult.inserted);

    const final = await runCli(crashed.dataDir, importArgs(), crashed.env());
    expect(final.code, final.stderr).toBe(0);
    expect(JSON.parse(final.stdout)).toMatchObject({ rows: cleanResult.rows, rejected: cleanResult.rejected });

    expect(await snapshot(db)).toEqual(await snapshot(await clean.db()));
    const batches = await db.selectFrom('import_batch').select(['status']).orderBy('id').execute();
    expect(batches.at(-1)?.status).toBe('done');
    expect(batches.slice(0, -1).every((b) => b.status === 'interrupted')).toBe(true);
  }, 180_000);
});
