import { sql } from 'kysely';
import { systemActor } from '../src/auth/index.js';
import { addPeriods, formatPeriod, type Period, parseWeek, periodOf, weekEnd } from '../src/core/time/index.js';
import { getStats } from '../src/stats/index.js';
import type { Db } from '../src/store/database.js';
import { type RawQuery, rawStats } from './stats-raw.js';

/*
 * The fixed mix of 20 dashboard queries of bench/stats.ts, each as a stats API query and as the same question for the
 * raw baseline, and the timing of both.
 */

type StatsInput = Parameters<typeof getStats>[1];
/** The bench reads as the system, which reaches every town (no scope filter: the dashboards' fast path). */
const BENCH = systemActor('bench');

export interface MixQuery {
  name: string;
  stats: StatsInput;
  raw: RawQuery;
}

const COUNTS = new Set([
  'records',
  'difficult',
  'closed',
  'cancelled',
  'overdue',
  'responseDue',
  'responded',
  'resolutionDue',
  'resolved',
  'rated',
  'satisfied',
]);

/** The mix, anchored on the last week with data (the dashboard's "this week"). */
export async function dashboardMix(db: Db, townCode: string): Promise<MixQuery[]> {
  const town = await db.selectFrom('place').select(['id']).where('code', '=', townCode).executeTakeFirstOrThrow();
  const townId = Number(town.id);
  const { rows } = await sql<{
    week: number;
  }>`select max(opened_week) as week from complaint where town_id = ${townId}`.execute(db);
  const lastDay = weekEnd(parseWeek(String(rows[0]?.week)));
  const at = (kind: Period['kind'], back = 0) => formatPeriod(addPeriods(periodOf(kind, lastDay), -back));
  const village = await db
    .selectFrom('place')
    .select(['id', 'code'])
    .where('level', '=', 'village')
    .where('town_id', '=', townId)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const category = await db
    .selectFrom('category')
    .select(['id', 'code'])
    .where('code', '=', 'city_appearance')
    .executeTakeFirstOrThrow();
  const cat = { id: Number(category.id), level: 1 };

  const q = (
    name: string,
    period: RawQuery['period'],
    range: [string, string],
    measures: string[],
    extra: {
      by?: string[];
      compare?: ('yoy' | 'pop')[];
      top?: number;
      share?: boolean;
      category?: boolean;
      place?: boolean;
      kind?: 'complaint' | 'case';
    } = {},
  ): MixQuery => ({
    name,
    stats: {
      town: townCode,
      period,
      from: range[0],
      to: range[1],
      measures: measures.join(','),
      by: extra.by?.join(','),
      compare: extra.compare?.join(','),
      top: extra.top,
      share: extra.share,
      category: extra.category ? category.code : undefined,
      place: extra.place ? village.code : undefined,
      kind: extra.kind,
    } as StatsInput,
    raw: {
      townId,
      period,
      from: range[0],
      to: range[1],
      by: extra.by ?? [],
      measures,
      category: extra.category ? cat : undefined,
      placeId: extra.place ? Number(village.id) : undefined,
      kind: extra.kind,
      compare: extra.compare ?? [],
    },
  });
  const week = at('week');
  const month = at('month');
  const quarter = at('quarter');
  const rates = ['responseRate', 'resolutionRate', 'satisfactionRate'];
  return [
    q('this week, with 同比/环比', 'week', [week, week], ['records', 'closed', 'difficult', 'overdue'], {
      compare: ['yoy', 'pop'],
    }),
    q('12-week trend', 'week', [at('week', 11), week], ['records']),
    q('52-week trend of complaints', 'week', [at('week', 51), week], ['records'], { kind: 'complaint' }),
    q('this week by level-1 category, 环比, shares', 'week', [week, week], ['records'], {
      by: ['category1'],
      compare: ['pop'],
      share: true,
    }),
    q('this month, top 10 categories, 同比', 'month', [month, month], ['records'], {
      by: ['category1'],
      top: 10,
      compare: ['yoy'],
    }),
    q('this month by village', 'month', [month, month], ['records', 'difficult'], { by: ['village'] }),
    q('three rates by department, this month', 'month', [month, month], ['records', ...rates], { by: ['department'] }),
    q('three rates by village, this quarter', 'quarter', [quarter, quarter], rates, { by: ['village'] }),
    q('12-month trend', 'month', [at('month', 11), month], ['records', 'closed', 'overdue']),
    q('handling time by category, this quarter', 'quarter', [quarter, quarter], ['handlingMedian', 'handlingP90'], {
      by: ['category1'],
    }),
    q('this month by source, shares', 'month', [month, month], ['records'], { by: ['source'], share: true }),
    q('this month, top 10 level-2 categories', 'month', [month, month], ['records'], { by: ['category2'], top: 10 }),
    q('this week by village, one category', 'week', [week, week], ['records'], { by: ['village'], category: true }),
    q('this month, category × village', 'month', [month, month], ['records'], { by: ['category1', 'village'] }),
    q('this year by kind, 同比', 'year', [at('year'), at('year')], ['records', 'closed', 'difficult'], {
      by: ['kind'],
      compare: ['yoy'],
    }),
    q('6-month trend by category', 'month', [at('month', 5), month], ['records'], { by: ['category1'] }),
    q('8 weeks of one village by category', 'week', [at('week', 7), week], ['records'], {
      by: ['category1'],
      place: true,
    }),
    q('cases this month by source, median handling', 'month', [month, month], ['records', 'handlingMedian'], {
      by: ['source'],
      kind: 'case',
    }),
    q('4 quarters of the three rates', 'quarter', [at('quarter', 3), quarter], rates),
    q('one village this month by group', 'month', [month, month], ['records'], { by: ['group'], place: true }),
  ];
}

function p95(timings: readonly number[]): number {
  const sorted = [...timings].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
}

/** The raw baseline's row key for a stats row: `period|key ids…` as the raw GROUP BY writes them. */
function rawKey(
  period: string,
  keys: Record<string, { id: number | null; code: string | null }>,
  by: readonly string[],
): string {
  const week = /^(\d{4})W(\d{2})$/.exec(period);
  return [week ? `${week[1]}${week[2]}` : period, ...by.map((d) => String(keys[d]?.id ?? keys[d]?.code))].join('|');
}

/** Every count the cube gives equals the raw GROUP BY's (rows with no records are absent from the raw answer). */
function compare(
  query: MixQuery,
  stats: Awaited<ReturnType<typeof getStats>>,
  raw: Map<string, Record<string, number | null>>,
): number {
  if (query.raw.by.length > 0 && query.stats.top !== undefined) {
    return 0; // "others" has no raw row; the top keys are checked by the queries without top.
  }
  let checked = 0;
  for (const row of stats.rows.length > 0 && query.raw.by.length > 0 ? stats.rows : stats.totals) {
    const key = rawKey(
      row.period,
      (row as { keys?: Record<string, { id: number | null; code: string | null }> }).keys ?? {},
      query.raw.by,
    );
    const expected = raw.get(key);
    for (const measure of query.raw.measures.filter((m) => COUNTS.has(m))) {
      const got = (row.values as Record<string, number | null>)[measure] ?? 0;
      const want = expected?.[measure] ?? 0;
      if (got !== want) {
        throw new Error(`${query.name}: ${measure} of ${key} is ${got} in the cube, ${want} in the records`);
      }
      checked += 1;
    }
  }
  return checked;
}

export async function runMix(db: Db, mix: readonly MixQuery[], options: { rounds: number; rawRounds: number }) {
  const cubeTimings: number[] = [];
  const rawTimings: number[] = [];
  const queries: { name: string; cubeMs: number[]; rawMs: number[]; countsChecked: number }[] = [];
  for (const query of mix) {
    await getStats({ db, actor: BENCH }, query.stats); // warm: names, statements, pages
    queries.push({ name: query.name, cubeMs: [], rawMs: [], countsChecked: 0 });
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, query] of mix.entries()) {
      const started = performance.now();
      await getStats({ db, actor: BENCH }, query.stats);
      const ms = performance.now() - started;
      cubeTimings.push(ms);
      queries[i]?.cubeMs.push(Number(ms.toFixed(2)));
    }
  }
  for (let round = 0; round < options.rawRounds; round++) {
    for (const [i, query] of mix.entries()) {
      const stats = await getStats({ db, actor: BENCH }, query.stats);
      const asOf = stats.asOfMs ?? Date.now();
      const started = performance.now();
      const raw = await rawStats(db, query.raw, asOf);
      const ms = performance.now() - started;
      rawTimings.push(ms);
      const entry = queries[i] as (typeof queries)[number];
      entry.rawMs.push(Number(ms.toFixed(1)));
      if (round === 0) {
        entry.countsChecked = compare(query, stats, raw);
      }
    }
  }
  return { cubeP95: p95(cubeTimings), rawP95: p95(rawTimings), queries };
}
