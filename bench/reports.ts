/**
 * Benchmark: the three reports on a 10 M-record demo town (issue 8), as a running Shanzhi writes them (the server's
 * `POST /api/reports` and downloads, the scheduler): the document built from the stats and warnings services and
 * rendered as DOCX in this process, the median of `--rounds` runs, for the town's last complete week (the weekly case
 * bulletin, `weekly_docx_s`, bar < 2 s), month (the monthly enforcement advice, `monthly_docx_s`, reported) and
 * quarter (the quarterly governance portrait, `quarterly_docx_s`, bar < 10 s); the weekly bulletin as PDF, HTML and
 * XLSX (reported, against the DOCX); and each DOCX through the CLI, `shanzhi report <type> --no-archive` timed from
 * spawn to exit (`*_docx_cli_s`, reported: it adds the process start, about 3 s of loading TypeScript through tsx and
 * the modules). The warnings engine runs first for the week so the bulletin has its warnings (not timed).
 * Baseline, measured in the same run: the report's counts straight from the record tables with GROUP BY (category ×
 * place × department for the period, the one before and the same period a year before), in-process, without writing
 * any document — what a report would cost to read without the cube.
 *
 *   npx tsx bench/reports.ts [--records 10000000] [--seed shanzhi] [--rounds 3]
 *
 * The town is the one bench/stats.ts generates and keeps in bench/.cache/stats-<records>-<seed>/ (made here if
 * missing).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemActor } from '../src/auth/index.js';
import { loadConfig } from '../src/config.js';
import {
  addMonths,
  addQuarters,
  addWeeks,
  type Day,
  formatWeek,
  type IsoWeek,
  isoWeekOf,
  monthEnd,
  monthOf,
  monthStart,
  quarterEnd,
  quarterOf,
  quarterStart,
  weekEnd,
  weekStart,
} from '../src/core/time/index.js';
import { closePdfBrowser, type ReportFormat, renderReport } from '../src/reports/document/index.js';
import { reportType } from '../src/reports/report-types.js';
import { openStore } from '../src/store/open.js';
import { CACHE_DIR } from './import-files.js';
import { shanzhi } from './import-runs.js';
import { type Figure, printTable, round, writeResults } from './report.js';

const TOWN_CODE = '330782199';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '10000000' },
    seed: { type: 'string', default: 'shanzhi' },
    rounds: { type: 'string', default: '3' },
  },
});
const rounds = Math.max(1, Number(args.rounds));

const dir = join(CACHE_DIR, `stats-${args.records}-${args.seed}`);
const env = { SHANZHI_DATA_DIR: dir };
if (!existsSync(join(dir, 'shanzhi.db'))) {
  console.error(`shanzhi demo generate --records ${args.records} … (once, into ${dir})`);
  shanzhi(['demo', 'generate', '--records', String(args.records), '--seed', args.seed, '--json', '--no-warnings'], env);
}

/** Days, inclusive. */
interface Span {
  from: Day;
  to: Day;
}

/** The town's id and the last day with records. */
async function lastDay(): Promise<{ townId: number; day: Day }> {
  const store = await openStore(loadConfig({ ...env }));
  try {
    const town = await store.db
      .selectFrom('place')
      .select('id')
      .where('code', '=', TOWN_CODE)
      .executeTakeFirstOrThrow();
    const last = await store.db
      .selectFrom('complaint')
      .select(sql<string>`max(opened_day)`.as('day'))
      .where('town_id', '=', town.id)
      .executeTakeFirstOrThrow();
    return { townId: Number(town.id), day: last.day };
  } finally {
    await store.close();
  }
}

/** Seconds to count the report's records by category × place × department over the spans, from the raw tables. */
async function rawCounts(townId: number, spans: readonly Span[]): Promise<number> {
  const store = await openStore(loadConfig({ ...env }));
  try {
    const started = performance.now();
    for (const span of spans) {
      for (const table of ['complaint', 'enforcement_case'] as const) {
        await store.db
          .selectFrom(table)
          .select([
            'category_id',
            'place_id',
            'department_id',
            sql<number>`count(*)`.as('n'),
            sql<number>`sum(difficult)`.as('difficult'),
            sql<number>`sum(case when closed_at is not null then 1 else 0 end)`.as('closed'),
          ])
          .where('town_id', '=', townId)
          .where('opened_day', '>=', span.from)
          .where('opened_day', '<=', span.to)
          .groupBy(['category_id', 'place_id', 'department_id'])
          .execute();
      }
    }
    return (performance.now() - started) / 1000;
  } finally {
    await store.close();
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const out = mkdtempSync(join(tmpdir(), 'shanzhi-bench-reports-'));

/** The median seconds, spawn to exit, of `shanzhi report <type>` writing a DOCX. */
function timeCli(type: string, period: string): number {
  const file = join(out, `${type}-${period}.docx`);
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const args = ['report', type, '--town', TOWN_CODE, '--period', period, '--output', file, '--no-archive'];
    times.push(shanzhi(args, env).seconds);
  }
  const seconds = median(times);
  console.error(`cli ${type} ${period}: ${seconds.toFixed(2)} s (${times.map((t) => t.toFixed(2)).join(', ')})`);
  return seconds;
}

/** The median seconds to build a report's document and render it in `format`, in this process. */
async function timeInProcess(type: string, period: string, format: ReportFormat): Promise<number> {
  const store = await openStore(loadConfig({ ...env }));
  const definition = reportType(type);
  if (definition === undefined) {
    throw new Error(`no report type ${type}`);
  }
  try {
    const deps = { db: store.db, actor: systemActor('bench') };
    const times: number[] = [];
    let bytes = 0;
    // One unmeasured run first: the process's first chart checks the font and parses its tables (0.3 s, once).
    for (let i = 0; i <= rounds; i += 1) {
      const started = performance.now();
      const doc = await definition.build(deps, { townCode: TOWN_CODE, period, locale: 'zh-CN' });
      bytes = (await renderReport(doc, format)).bytes.length;
      if (i > 0) {
        times.push((performance.now() - started) / 1000);
      }
    }
    const seconds = median(times);
    const kb = Math.round(bytes / 1024);
    console.error(
      `${type} ${period} ${format}: ${seconds.toFixed(2)} s, ${kb} KB (${times.map((t) => t.toFixed(2)).join(', ')})`,
    );
    return seconds;
  } finally {
    await store.close();
  }
}

const { townId, day } = await lastDay();
// The last complete week, month and quarter before the town's last day with records.
const week: IsoWeek = addWeeks(isoWeekOf(day), -1);
const month = addMonths(monthOf(day), -1);
const quarter = addQuarters(quarterOf(day), -1);

/** A span, the one before it and the same one a year before. */
function compared(span: (n: number) => Span, yearBack: number): Span[] {
  return [span(0), span(-1), span(yearBack)];
}

console.error(`shanzhi warnings run --week ${formatWeek(week)} (so the bulletin has the week's warnings; not timed)`);
shanzhi(['warnings', 'run', '--town', TOWN_CODE, '--week', String(week), '--json'], env);

const jobs = [
  {
    metric: 'weekly_docx_s',
    type: 'weekly',
    period: formatWeek(week),
    spans: compared((n) => ({ from: weekStart(addWeeks(week, n)), to: weekEnd(addWeeks(week, n)) }), -52),
    bar: '< 2 s',
  },
  {
    metric: 'monthly_docx_s',
    type: 'monthly',
    period: month,
    spans: compared((n) => ({ from: monthStart(addMonths(month, n)), to: monthEnd(addMonths(month, n)) }), -12),
    bar: 'reported',
  },
  {
    metric: 'quarterly_docx_s',
    type: 'quarterly',
    period: quarter,
    spans: compared(
      (n) => ({ from: quarterStart(addQuarters(quarter, n)), to: quarterEnd(addQuarters(quarter, n)) }),
      -4,
    ),
    bar: '< 10 s',
  },
];

const figures: Figure[] = [];
const cli: Figure[] = [];
for (const job of jobs) {
  const baseline = await rawCounts(townId, job.spans);
  const baselineText = `${job.type} ${job.period}: the report’s counts by GROUP BY over the raw records (the period, the one before, a year before), in-process, no document`;
  const seconds = await timeInProcess(job.type, job.period, 'docx');
  figures.push({
    metric: job.metric,
    value: round(seconds, 2),
    unit: 's',
    baseline: baselineText,
    baseline_value: round(baseline, 2),
    ratio: round(seconds / baseline, 2),
    bar: job.bar,
  });
  const spawned = timeCli(job.type, job.period);
  cli.push({
    metric: job.metric.replace('_docx_s', '_docx_cli_s'),
    value: round(spawned, 2),
    unit: 's',
    baseline: `${job.metric}: the same report in a running process`,
    baseline_value: round(seconds, 2),
    ratio: round(spawned / seconds, 2),
    bar: 'reported',
  });
}
const weeklyDocx = figures[0]?.value ?? Number.NaN;
for (const format of ['pdf', 'html', 'xlsx'] as const) {
  const seconds = await timeInProcess('weekly', formatWeek(week), format);
  figures.push({
    metric: `weekly_${format}_s`,
    value: round(seconds, 2),
    unit: 's',
    baseline: 'weekly_docx_s: the same bulletin as DOCX',
    baseline_value: weeklyDocx,
    ratio: round(seconds / weeklyDocx, 2),
    bar: 'reported',
  });
}
await closePdfBrowser();
figures.push(...cli);
rmSync(out, { recursive: true, force: true });
printTable(figures);
console.log(
  writeResults('reports', { records: Number(args.records), week: formatWeek(week), month, quarter, figures }),
);
