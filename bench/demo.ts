/**
 * bench/demo.ts — the demo town into SQLite: records/s and peak RSS (issue "The demo town": 10 M records in < 5 min,
 * RSS < 500 MB). Baseline, measured in the same run: the same records written one by one through the records
 * services (createComplaint / createCase), on a sample.
 *
 *   npx tsx bench/demo.ts [--records 10000000] [--baseline-records 20000]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCipher } from '../src/core/pii/index.js';
import { createDemo, demoRecords } from '../src/demo/index.js';
import { writeDemoTown } from '../src/demo/store-writer.js';
import { createCase, createComplaint } from '../src/records/index.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { openStore } from '../src/store/open.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000000' },
    'baseline-records': { type: 'string', default: '20000' },
  },
});
const records = Number(values.records);
const baselineRecords = Number(values['baseline-records']);
const cipher = createCipher({ secret: 'bench-secret-bench-secret-bench-secret-bench-00' });

async function freshStore() {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-demo-'));
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

/** Baseline: the single-record services, one transaction per record. */
async function baseline(): Promise<number> {
  const { store, cleanup } = await freshStore();
  const demo = createDemo({ records: baselineRecords });
  await writeDemoTown({ db: store.db, cipher }, createDemo({ records: 0 }));
  const deps = { db: store.db, cipher };
  const started = performance.now();
  for (const draft of demoRecords(demo)) {
    if (draft.kind === 'complaint') {
      await createComplaint(deps, { ...draft, externalNo: `${draft.externalNo}` });
    } else {
      await createCase(deps, { ...draft, complaintId: undefined });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await cleanup();
  return baselineRecords / seconds;
}

async function fastPath(): Promise<{ perSecond: number; seconds: number }> {
  const { store, cleanup } = await freshStore();
  const demo = createDemo({ records });
  const started = performance.now();
  let next = 0.1;
  await writeDemoTown({ db: store.db, cipher }, demo, ({ done, total }) => {
    if (done / total >= next) {
      process.stderr.write(
        `  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
      next += 0.1;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  await cleanup();
  return { perSecond: records / seconds, seconds };
}

const base = await baseline();
const fast = await fastPath();
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const round = (x: number) => Math.round(x * 10) / 10;
const figures = [
  {
    metric: 'records_per_s',
    value: round(fast.perSecond),
    unit: 'records/s',
    baseline: `records services one by one (${baselineRecords} records)`,
    baseline_value: round(base),
    ratio: round(fast.perSecond / base),
    bar: '≥ 33334 records/s (10 M in < 5 min)',
  },
  {
    metric: 'total_s',
    value: round(fast.seconds),
    unit: 's',
    baseline: `${records} records`,
    baseline_value: null,
    ratio: null,
    bar: '< 300 at 10 M',
  },
  {
    metric: 'peak_rss_mb',
    value: round(peakRssMb),
    unit: 'MB',
    baseline: 'whole process, baseline run included',
    baseline_value: null,
    ratio: null,
    bar: '< 500',
  },
];
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/demo.json',
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version }, records, figures }, null, 2)}\n`,
);
console.table(figures);
