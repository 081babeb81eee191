/**
 * Benchmark: the demo town into the database (issue "The demo town": 10 M records into SQLite in under 5 minutes on a
 * 2-core machine, peak RSS under 500 MB).
 *
 *   npx tsx bench/demo.ts [--records 10000000] [--baseline-records 300000]
 *                         [--pg-records 300000] [--pg-baseline-records 100000] [--no-pg]
 *
 * Each run happens in a child process of its own, so that its peak RSS (the whole process, row workers included) is
 * its own: the fast path (writeDemoTown with row workers, bulk inserts, deferred indexes) and the baseline, the path
 * before it (rows built on the main thread, Kysely 500-row INSERTs, indexes kept up row by row), on a smaller sample
 * in the same run. SQLite goes to a fresh temporary file; PostgreSQL to a fresh schema of the test database
 * (SHANZHI_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), dropped afterwards. Writes
 * bench/results/demo.json and prints a table.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createProgress } from '../src/cli/progress.js';
import { createCipher } from '../src/core/pii/index.js';
import { createDemo } from '../src/demo/index.js';
import { writeDemoTown } from '../src/demo/store-writer.js';
import type { DialectName } from '../src/store/dialect.js';
import { openTestStore } from '../src/store/testing.js';
import { writeDemoTownBefore } from './demo-baseline.js';
import { type Figure, printTable, round, writeResults } from './report.js';

type Path = 'fast' | 'baseline';

interface RunResult {
  path: Path;
  dialect: DialectName;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
}

/** One run, in this process: generate the demo town into a fresh store, timed from generation to the last index. */
async function runOnce(path: Path, dialect: DialectName, records: number): Promise<RunResult> {
  const { store, cleanup } = await openTestStore(dialect);
  try {
    const secret = randomBytes(48).toString('base64');
    const cipher = createCipher({ secret });
    const progress = createProgress(`${path} ${dialect}`, records);
    const started = performance.now();
    const demo = createDemo({ records });
    const onProgress = ({ done }: { done: number }) => progress.update(done);
    if (path === 'fast') {
      await writeDemoTown({ db: store.db, cipher, secret }, demo, onProgress);
    } else {
      await writeDemoTownBefore({ db: store.db, cipher }, demo, onProgress);
    }
    const seconds = (performance.now() - started) / 1000;
    progress.finish();
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    return { path, dialect, records, seconds, recordsPerSecond: records / seconds, peakRssMb };
  } finally {
    await cleanup();
  }
}

/** Run one measurement in a child process (same loader and flags as this one) and read its result line. */
function runInChild(path: Path, dialect: DialectName, records: number): RunResult {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--child', path, '--dialect', dialect, '--records', String(records)];
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`the ${path} run on ${dialect} failed (exit ${child.status}): ${child.stdout}`);
  }
  return JSON.parse(last) as RunResult;
}

function figures(runs: Record<string, RunResult | undefined>): Figure[] {
  const { fast, baseline, pgFast, pgBaseline } = runs;
  if (!fast || !baseline) {
    throw new Error('the SQLite runs are missing');
  }
  const before = `previous path (rows built on the main thread, Kysely 500-row INSERTs, indexes kept up), ${baseline.records.toLocaleString('en-US')} records`;
  const list: Figure[] = [
    {
      metric: 'records_per_s',
      value: round(fast.recordsPerSecond),
      unit: `records/s (SQLite, ${fast.records.toLocaleString('en-US')} records)`,
      baseline: before,
      baseline_value: round(baseline.recordsPerSecond),
      ratio: round(fast.recordsPerSecond / baseline.recordsPerSecond, 2),
      bar: '≥ 33334 records/s (10 M in < 5 min)',
    },
    {
      metric: 'seconds',
      value: round(fast.seconds, 1),
      unit: `s for ${fast.records.toLocaleString('en-US')} records (SQLite)`,
      baseline: `${before}, projected to ${fast.records.toLocaleString('en-US')} at its rate`,
      baseline_value: round(fast.records / baseline.recordsPerSecond, 1),
      ratio: round(fast.seconds / (fast.records / baseline.recordsPerSecond), 3),
      bar: fast.records >= 10_000_000 ? '< 300' : '< 300 at 10 M (this run is smaller)',
    },
    {
      metric: 'peak_rss_mb',
      value: round(fast.peakRssMb),
      unit: 'MB (whole process, row workers included)',
      baseline: before,
      baseline_value: round(baseline.peakRssMb),
      ratio: round(fast.peakRssMb / baseline.peakRssMb, 2),
      bar: '< 500',
    },
  ];
  if (pgFast && pgBaseline) {
    list.push({
      metric: 'pg_records_per_s',
      value: round(pgFast.recordsPerSecond),
      unit: `records/s (PostgreSQL on the same machine, ${pgFast.records.toLocaleString('en-US')} records)`,
      baseline: `previous path on PostgreSQL, ${pgBaseline.records.toLocaleString('en-US')} records`,
      baseline_value: round(pgBaseline.recordsPerSecond),
      ratio: round(pgFast.recordsPerSecond / pgBaseline.recordsPerSecond, 2),
      bar: 'reported (the bar is for SQLite)',
    });
  }
  return list;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      dialect: { type: 'string', default: 'sqlite' },
      records: { type: 'string', default: '10000000' },
      'baseline-records': { type: 'string', default: '300000' },
      'pg-records': { type: 'string', default: '300000' },
      'pg-baseline-records': { type: 'string', default: '100000' },
      'no-pg': { type: 'boolean', default: false },
    },
  });
  const count = (text: string | undefined) => Number((text ?? '').replaceAll('_', ''));
  if (values.child) {
    const result = await runOnce(values.child as Path, values.dialect as DialectName, count(values.records));
    console.log(JSON.stringify(result));
    return;
  }
  const runs = {
    fast: runInChild('fast', 'sqlite', count(values.records)),
    baseline: runInChild('baseline', 'sqlite', count(values['baseline-records'])),
    pgFast: values['no-pg'] ? undefined : runInChild('fast', 'postgres', count(values['pg-records'])),
    pgBaseline: values['no-pg'] ? undefined : runInChild('baseline', 'postgres', count(values['pg-baseline-records'])),
  };
  const list = figures(runs);
  const out = writeResults('demo', { runs, figures: list });
  printTable(list);
  console.log(`\nwritten to ${out}`);
}

await main();
