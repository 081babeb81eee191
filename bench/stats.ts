/**
 * Benchmark: the weekly cube and the stats API (issue 5). On a 10 M-record demo town:
 *   - p95 of a fixed mix of 20 dashboard queries through the stats service (getStats: validation, planning, the cube,
 *     names, comparisons), bar < 20 ms on SQLite, against the same questions answered with GROUP BY over the raw
 *     record tables (bench/stats-raw.ts) in the same run, bar ≥ 100 × faster; the raw answers' counts must equal the
 *     cube's (a full-size check of the cube);
 *   - a full rebuild of the cube (bar < 120 s);
 *   - upkeep: an import of the 12345 work-order CSV (bench/import-files.ts) with the cube kept, against the same import
 *     with a no-op roll-up hook, each into a fresh store of the town's reference data (bar: the cube < 30 % of the
 *     import's time);
 *   - with --pg, the same town in a PostgreSQL schema: its p95 (pg_p95_ms) and rebuild.
 *
 *   npx tsx bench/stats.ts [--records 10000000] [--rounds 10] [--raw-rounds 1] [--upkeep-rows 1000000] [--pg]
 *                          [--pg-records N] [--seed shanzhi]
 *
 * The SQLite town is generated once with `shanzhi demo generate` into bench/.cache/stats-<records>-<seed>/ and reused.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openStore, type Store } from '../src/store/open.js';
import { CACHE_DIR, workOrderCsv } from './import-files.js';
import { createPgSchema, hasPsql, shanzhi, timed } from './import-runs.js';
import { type Figure, printTable, round, writeResults } from './report.js';
import { dashboardMix, type MixQuery, runMix } from './stats-mix.js';

const TOWN_CODE = '330782199';
const UPKEEP_SCRIPT = fileURLToPath(new URL('./stats-upkeep.ts', import.meta.url));
const MAX_P95_MS = 20;
const MIN_SPEEDUP = 100;
const MAX_REBUILD_S = 120;
const MAX_UPKEEP_SHARE = 0.3;

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '10000000' },
    rounds: { type: 'string', default: '10' },
    'raw-rounds': { type: 'string', default: '1' },
    'upkeep-rows': { type: 'string', default: '1000000' },
    pg: { type: 'boolean', default: false },
    'pg-records': { type: 'string' },
    seed: { type: 'string', default: 'shanzhi' },
  },
});
const records = Number(args.records);
const rounds = Number(args.rounds);
const rawRounds = Number(args['raw-rounds']);
const upkeepRows = Number(args['upkeep-rows']);

function generate(env: NodeJS.ProcessEnv, count: number): void {
  console.error(`shanzhi demo generate --records ${count} …`);
  shanzhi(['demo', 'generate', '--records', String(count), '--seed', args.seed, '--json', '--no-warnings'], env);
}

async function withStore<T>(env: NodeJS.ProcessEnv, work: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...env });
  const store = await openStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** A full rebuild as a user runs it: `shanzhi cube rebuild`, timed from spawn to exit in its own process. */
function rebuildTown(env: NodeJS.ProcessEnv, label: string): Rebuild {
  console.error(`${label}: shanzhi cube rebuild …`);
  const run = shanzhi(['cube', 'rebuild', '--json'], env);
  const result = JSON.parse(run.stdout) as { records: number; cells: number };
  return { seconds: run.seconds, records: result.records, cells: result.cells };
}

interface Rebuild {
  seconds: number;
  records: number;
  cells: number;
}

async function measureTown(env: NodeJS.ProcessEnv, label: string, withRaw: boolean) {
  const rebuild = rebuildTown(env, label);
  return withStore(env, async (store) => {
    const mix: MixQuery[] = await dashboardMix(store.db, TOWN_CODE);
    console.error(
      `${label}: ${mix.length} queries × ${rounds} rounds on the cube${withRaw ? `, × ${rawRounds} raw` : ''} …`,
    );
    const result = await runMix(store.db, mix, { rounds, rawRounds: withRaw ? rawRounds : 0 });
    return { rebuild, ...result };
  });
}

function p95Figures(prefix: string, town: Awaited<ReturnType<typeof measureTown>>, size: number): Figure[] {
  const figures: Figure[] = [
    {
      metric: `${prefix}p95_ms`,
      value: round(town.cubeP95, 2),
      unit: 'ms',
      baseline: `GROUP BY over the raw record tables, same 20 queries, ${size.toLocaleString('en-US')} records`,
      baseline_value: round(town.rawP95, 1),
      ratio: round(town.rawP95 / town.cubeP95, 1),
      bar: `< ${MAX_P95_MS} ms and ratio ≥ ${MIN_SPEEDUP}`,
    },
    {
      metric: `${prefix}rebuild_s`,
      value: round(town.rebuild.seconds, 1),
      unit: 's',
      baseline: `${town.rebuild.records.toLocaleString('en-US')} records → ${town.rebuild.cells.toLocaleString('en-US')} cells`,
      baseline_value: town.rebuild.records,
      ratio: round(town.rebuild.records / town.rebuild.seconds),
      bar: `< ${MAX_REBUILD_S} s`,
    },
  ];
  return figures;
}

/**
 * Import the work-order CSV into a fresh store of the town's reference data, with or without the cube, in a process
 * of its own (bench/stats-upkeep.ts) so that neither run inherits the other's heap or caches.
 */
function importSeconds(file: string, withCube: boolean): { seconds: number; rows: number } {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-upkeep-'));
  const env = { SHANZHI_DATA_DIR: dir };
  try {
    shanzhi(['demo', 'generate', '--records', '0', '--json'], env);
    const run = timed(process.execPath, ['--import', 'tsx', UPKEEP_SCRIPT, file, withCube ? 'cube' : 'no-cube'], {
      env: { ...process.env, ...env },
    });
    return JSON.parse(run.stdout) as { seconds: number; rows: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dir = join(CACHE_DIR, `stats-${records}-${args.seed}`);
  const env = { SHANZHI_DATA_DIR: dir };
  if (!existsSync(join(dir, 'shanzhi.db'))) {
    generate(env, records);
  }
  const sqlite = await measureTown(env, 'sqlite', true);
  const figures = p95Figures('', sqlite, records);

  let pg: Awaited<ReturnType<typeof measureTown>> | undefined;
  if (args.pg) {
    if (!hasPsql()) {
      throw new Error('--pg needs psql on the PATH');
    }
    const pgRecords = Number(args['pg-records'] ?? records);
    const schema = createPgSchema('stats');
    try {
      const pgEnv = {
        DATABASE_URL: schema.url,
        SHANZHI_DATA_DIR: dir,
        SHANZHI_SECRET: randomBytes(36).toString('base64'),
      };
      generate(pgEnv, pgRecords);
      pg = await measureTown(pgEnv, 'postgres', true);
      figures.push(...p95Figures('pg_', pg, pgRecords));
    } finally {
      schema.drop();
    }
  }

  const file = await workOrderCsv(upkeepRows, args.seed);
  console.error(`upkeep: importing ${upkeepRows.toLocaleString('en-US')} rows with and without the cube …`);
  const without = importSeconds(file.path, false);
  const withCube = importSeconds(file.path, true);
  const share = (withCube.seconds - without.seconds) / withCube.seconds;
  figures.push({
    metric: 'upkeep_share',
    value: round(share, 3),
    unit: 'share of import time',
    baseline: `import of ${upkeepRows.toLocaleString('en-US')} 12345 rows without the cube (s)`,
    baseline_value: round(without.seconds, 1),
    ratio: round(withCube.seconds / without.seconds, 3),
    bar: `< ${MAX_UPKEEP_SHARE}`,
  });

  printTable(figures);
  const out = writeResults('stats', {
    figures,
    runs: {
      sqlite: { records, rebuild: sqlite.rebuild, queries: sqlite.queries },
      pg: pg ? { rebuild: pg.rebuild, queries: pg.queries } : undefined,
      upkeep: { rows: upkeepRows, withoutCubeSeconds: without.seconds, withCubeSeconds: withCube.seconds },
    },
  });
  console.error(`wrote ${out}`);
}

await main();
