/**
 * Benchmark: the warnings engine on a 10 M-record demo town (issue 7, `engine_10m_s`, bar < 30 s). `shanzhi warnings
 * run` for the town's last week, timed from spawn to exit in its own process: reading the base cuboid's weekly series
 * (about 2,900 series of 272 weeks), every detector, emerging words over 27 weeks of complaint texts, overdue
 * backlogs, de-duplication, advice and storing. The weekly run as a town has it (`engine_10m_s`) follows the previous
 * week's run, which segmented the complaint texts of the weeks before (the terms cache); the first run of all
 * (`engine_cold_10m_s`, that previous week's, on an empty cache) segments 27 weeks of texts. Then the week's run again
 * (`engine_rerun_10m_s`: nothing changes). Warnings, runs and the terms cache are emptied first.
 * Baseline, measured in the same run: summing the same series straight from the record tables with GROUP BY — what
 * the engine would have to read without the cube.
 *
 *   npx tsx bench/detect-engine.ts [--records 10000000] [--seed shanzhi]
 *
 * The town is the one bench/stats.ts generates and keeps in bench/.cache/stats-<records>-<seed>/ (made here if
 * missing). Figures are merged into bench/results/detect.json beside bench/detect.ts's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { prepareStore } from '../src/cli/context.js';
import { loadConfig } from '../src/config.js';
import { addWeeks } from '../src/core/time/index.js';
import { openStore } from '../src/store/open.js';
import { CACHE_DIR } from './import-files.js';
import { shanzhi } from './import-runs.js';
import { type Figure, mergeResults, printTable, round } from './report.js';

const TOWN_CODE = '330782199';
const MAX_ENGINE_S = 30;
/** Weeks the engine reads (five years for Farrington, its window, the monitored weeks): engine.service.ts. */
const HISTORY_WEEKS = 272;

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '10000000' },
    seed: { type: 'string', default: 'shanzhi' },
  },
});

const dir = join(CACHE_DIR, `stats-${args.records}-${args.seed}`);
const env = { SHANZHI_DATA_DIR: dir };
if (!existsSync(join(dir, 'shanzhi.db'))) {
  console.error(`shanzhi demo generate --records ${args.records} … (once, into ${dir})`);
  shanzhi(['demo', 'generate', '--records', String(args.records), '--seed', args.seed, '--json', '--no-warnings'], env);
}

/** The town's last week with records, and how long GROUP BY over the raw records takes to make its series. */
async function rawSeries(): Promise<{ week: number; seconds: number; groups: number }> {
  const store = await openStore(loadConfig({ ...env }));
  try {
    const town = await store.db
      .selectFrom('place')
      .select('id')
      .where('code', '=', TOWN_CODE)
      .executeTakeFirstOrThrow();
    const last = await store.db
      .selectFrom('cube_cell')
      .select(sql<number>`max(week)`.as('week'))
      .where('town_id', '=', town.id)
      .executeTakeFirstOrThrow();
    const week = Number(last.week);
    const from = addWeeks(week, -(HISTORY_WEEKS - 1));
    const started = performance.now();
    let groups = 0;
    for (const table of ['complaint', 'enforcement_case'] as const) {
      const rows = await store.db
        .selectFrom(table)
        .select(['opened_week', 'category_id', 'place_id', sql<number>`count(*)`.as('n')])
        .where('town_id', '=', town.id)
        .where('opened_week', '>=', from)
        .where('opened_week', '<=', week)
        .groupBy(['opened_week', 'category_id', 'place_id'])
        .execute();
      groups += rows.length;
    }
    return { week, seconds: (performance.now() - started) / 1000, groups };
  } finally {
    await store.close();
  }
}

/** Empty what earlier runs of the engine left in the cached town, so that the cold run is cold. */
async function resetEngine(): Promise<void> {
  const store = await openStore(loadConfig({ ...env }));
  try {
    await prepareStore(store);
    for (const table of [
      'complaint_terms',
      'warning_village',
      'warning_event',
      'monthly_problem',
      'warning',
      'warning_run',
    ] as const) {
      await store.db.deleteFrom(table).execute();
    }
  } finally {
    await store.close();
  }
}

await resetEngine();
const raw = await rawSeries();
console.error(`baseline: the series by GROUP BY over the records: ${raw.seconds.toFixed(1)} s (${raw.groups} groups)`);
const engineRun = (label: string, week: number) => {
  console.error(`${label}: shanzhi warnings run --week ${week} …`);
  const run = shanzhi(['warnings', 'run', '--town', TOWN_CODE, '--week', String(week), '--json'], env);
  const [result] = JSON.parse(run.stdout) as {
    series: number;
    found: Record<string, number>;
    created: number[];
    updated: number[];
    unchanged: number[];
    ms: number;
  }[];
  if (result === undefined) {
    throw new Error(`no run result: ${run.stdout.slice(0, 300)}`);
  }
  return { seconds: run.seconds, result };
};
const cold = engineRun('the first run (cold)', addWeeks(raw.week, -1));
const first = engineRun('the weekly run', raw.week);
const again = engineRun('the same week again', raw.week);

const figure = (metric: string, seconds: number): Figure => ({
  metric,
  value: round(seconds, 1),
  unit: 's',
  baseline: 'GROUP BY over the raw record tables for the same series (reading only), same run',
  baseline_value: round(raw.seconds, 1),
  ratio: round(raw.seconds / seconds, 2),
  bar: `< ${MAX_ENGINE_S} s`,
});
const figures = [
  figure('engine_10m_s', first.seconds),
  { ...figure('engine_cold_10m_s', cold.seconds), bar: 'reported' },
  figure('engine_rerun_10m_s', again.seconds),
];
printTable(figures);
const out = mergeResults('detect', 'detect-engine', figures, {
  records: Number(args.records),
  week: raw.week,
  rawGroups: raw.groups,
  cold: { seconds: cold.seconds, ...cold.result },
  first: { seconds: first.seconds, ...first.result },
  again: { seconds: again.seconds, ...again.result },
});
console.error(`wrote ${out}`);
const missed = figures.filter((f) => f.bar !== 'reported' && f.value >= MAX_ENGINE_S);
if (missed.length > 0) {
  console.error(`bar missed: ${missed.map((f) => `${f.metric} ${f.value} s`).join(', ')}`);
}
