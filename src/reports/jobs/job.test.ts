import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../auth/index.js';
import { makeComplaintInput, seedRecordWorld, world } from '../../records/record.testing.js';
import { writeRecords } from '../../stats/stats.testing.js';
import type { Db } from '../../store/database.js';
import type { DialectName } from '../../store/dialect.js';
import { migrateToLatest } from '../../store/migrate.js';
import { openStore, type Store } from '../../store/open.js';
import { TEST_PG_URL, testDatabases } from '../../store/testing.js';
import { listReportJobs } from './index.js';
import { BACKOFF_MS, claimJob, LEASE_MS, MAX_ATTEMPTS, runClaimedJob, runDueReports } from './job.service.js';

/** Processes sharing one database: N stores (SQLite connections to one file, or PostgreSQL pools on one schema). */
function useSharedStores(dialect: DialectName, n: number): { readonly stores: Store[] } {
  const stores: Store[] = [];
  let cleanup = async () => {};
  beforeAll(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'shanzhi-jobs-'));
      for (let i = 0; i < n; i += 1) {
        stores.push(await openStore({ dataDir: dir }));
      }
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      // Named like the harness's schemas, so a killed run's schema is swept by the next one.
      const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
      for (let i = 0; i < n; i += 1) {
        stores.push(await openStore({ databaseUrl: TEST_PG_URL, dataDir: '', schema, poolSize: 2 }));
      }
      cleanup = async () => {
        const client = new pg.Client({ connectionString: TEST_PG_URL });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      };
    }
    const first = stores[0] as Store;
    await migrateToLatest(first.db);
    await seedRecordWorld(first.db);
    await writeRecords(first.db, [{ kind: 'complaint', input: makeComplaintInput() }]);
  });
  afterAll(async () => {
    for (const store of stores) {
      await store.close();
    }
    await cleanup();
  });
  return { stores };
}

const at = (local: string) => Date.parse(`${local}+08:00`);
const MONDAY = at('2025-06-09T08:05:00');

async function townId(db: Db, code: string): Promise<number> {
  const row = await db.selectFrom('place').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return Number(row.id);
}

describe.each(testDatabases)('scheduled report runs on %s', (dialect) => {
  const N = 8;
  const shared = useSharedStores(dialect, N);
  const db = () => (shared.stores[0] as Store).db;

  it(`lets exactly one of ${N} concurrent claimers take each run`, async () => {
    const town = await townId(db(), world.town);
    for (const period of ['2030W01', '2030W02', '2030W03']) {
      const key = { townId: town, type: 'weekly' as const, period };
      const claims = await Promise.all(
        shared.stores.map((store, i) => claimJob({ db: store.db, worker: `w${i}`, now: () => MONDAY }, key)),
      );
      const winners = claims.filter((claim) => claim !== undefined);
      expect(winners.length).toBe(1);
      expect(winners[0]).toMatchObject({ status: 'running', attempts: 1, claimed_at: MONDAY });
      const rows = await db().selectFrom('report_job').selectAll().where('period', '=', period).execute();
      expect(rows.length).toBe(1);
      expect(rows[0]?.claimed_by).toBe(winners[0]?.claimed_by);
    }
  });

  it('retries a failed run after 1, 5, 30 and 30 minutes and gives up after the fifth failure', async () => {
    const town = await townId(db(), world.town);
    const key = { townId: town, type: 'weekly' as const, period: '2031W01' };
    // A run whose town code resolves to nothing fails in the archive: a stand-in for any failure.
    const run = { ...key, townCode: 'no-such-town', dueAt: MONDAY };
    let now = MONDAY;
    const deps = () => ({ db: db(), worker: 'retrier', now: () => now });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const job = await claimJob(deps(), key);
      expect(job?.attempts, `attempt ${attempt}`).toBe(attempt);
      const outcome = await runClaimedJob(deps(), job as NonNullable<typeof job>, run);
      expect(outcome).toMatchObject({ status: 'failed', attempts: attempt });
      expect(outcome.error).toMatch(/no-such-town/);
      const wait = BACKOFF_MS[attempt - 1];
      if (wait !== undefined) {
        now += wait - 1;
        expect(await claimJob(deps(), key), `too early for attempt ${attempt + 1}`).toBeUndefined();
        now += 1;
      }
    }
    now += 365 * 24 * 3_600_000;
    expect(await claimJob(deps(), key)).toBeUndefined();
    const jobs = await listReportJobs({ db: db(), actor: systemActor('test') }, { town: world.town, status: 'failed' });
    expect(jobs.items.find((j) => j.period === '2031W01')).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      reportId: null,
      lastError: expect.stringMatching(/no-such-town/),
      town: { code: world.town, name: '苏溪镇' },
    });
  });

  it('takes over a run whose process died once its lease has expired', async () => {
    const town = await townId(db(), world.town);
    const key = { townId: town, type: 'weekly' as const, period: '2032W01' };
    const first = await claimJob({ db: db(), worker: 'dies', now: () => MONDAY }, key);
    expect(first?.claimed_by).toBe('dies');
    expect(await claimJob({ db: db(), worker: 'next', now: () => MONDAY + LEASE_MS - 1 }, key)).toBeUndefined();
    const second = await claimJob({ db: db(), worker: 'next', now: () => MONDAY + LEASE_MS + 1 }, key);
    expect(second).toMatchObject({ claimed_by: 'next', attempts: 2 });
  });

  it('builds what is due once: the week, month and quarter that ended, archived, the jobs done; a second call skips them', async () => {
    const runs = await runDueReports({ db: db(), worker: 'solo', now: () => MONDAY });
    // Monday 2025-06-09 08:00: the week 2025W23 has just ended; May's and Q1's runs (due 2025-06-03, 2025-04-01)
    // are the most recent of their types, caught up.
    expect(runs).toEqual([
      expect.objectContaining({ town: world.town, type: 'weekly', period: '2025W23', status: 'done' }),
      expect.objectContaining({ town: world.town, type: 'monthly', period: '2025-05', status: 'done' }),
      expect.objectContaining({ town: world.town, type: 'quarterly', period: '2025Q1', status: 'done' }),
    ]);
    const again = await runDueReports({ db: db(), worker: 'other', now: () => MONDAY + 60_000 });
    expect(again.map((r) => [r.period, r.status])).toEqual([
      ['2025W23', 'skipped'],
      ['2025-05', 'skipped'],
      ['2025Q1', 'skipped'],
    ]);
    const reports = await db()
      .selectFrom('report')
      .selectAll()
      .where('period', '=', '2025W23')
      .where('trigger', '=', 'schedule')
      .execute();
    expect(reports.length).toBe(1);
    expect(reports[0]).toMatchObject({ created_by: 'schedule', locale: 'zh-CN', version: 1 });
    const jobs = await listReportJobs({ db: db(), actor: systemActor('test') }, { status: 'done' });
    expect(jobs.items.find((j) => j.period === '2025W23')).toMatchObject({
      reportId: Number(reports[0]?.id),
      attempts: 1,
      lastError: null,
    });
  });

  if (dialect === 'postgres') {
    // SQLite's several processes are real processes in test/report-cli.test.ts: one process cannot hold two
    // SQLite writers' transactions open at once without blocking itself.
    it(`builds one report per run when ${N} processes run what is due at the same time`, async () => {
      const tuesday = at('2025-06-17T09:00:00');
      const outcomes = await Promise.all(
        shared.stores.map((store, i) => runDueReports({ db: store.db, worker: `p${i}`, now: () => tuesday })),
      );
      const done = outcomes.flat().filter((o) => o.status === 'done');
      expect(done.length).toBe(1);
      expect(outcomes.flat().filter((o) => o.status === 'failed')).toEqual([]);
      const reports = await db().selectFrom('report').select('id').where('period', '=', '2025W24').execute();
      expect(reports.length).toBe(1);
    });
  }
});
