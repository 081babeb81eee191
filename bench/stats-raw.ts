import { sql } from 'kysely';
import { addPeriods, type Period, parsePeriod, periodRange } from '../src/core/time/index.js';
import { nearestRank } from '../src/cube/index.js';
import type { Db } from '../src/store/database.js';

/*
 * The baseline of bench/stats.ts: the same dashboard questions answered the way a system without the cube would, with
 * GROUP BY over the raw record tables (joined to the category and place tables), and, for handling-time quantiles, the
 * matching records' durations sorted in JavaScript. Written from the measure definitions in docs/stats.md, apart from
 * src/cube and src/stats, so its counts double as a check of the cube at full size.
 */

export interface RawQuery {
  townId: number;
  period: 'week' | 'month' | 'quarter' | 'year';
  from: string;
  to: string;
  by: readonly string[];
  measures: readonly string[];
  /** Category: id and level; place: a village's or group's id; kind. */
  category?: { id: number; level: number };
  placeId?: number;
  kind?: 'complaint' | 'case';
  /** Also the previous periods (环比) and the same periods a year earlier (同比). */
  compare: readonly ('yoy' | 'pop')[];
}

const PERIOD_EXPRESSIONS = {
  week: 'r.opened_week',
  month: 'substr(r.opened_day, 1, 7)',
  quarter: "substr(r.opened_day, 1, 4) || 'Q' || ((cast(substr(r.opened_day, 6, 2) as integer) + 2) / 3)",
  year: 'substr(r.opened_day, 1, 4)',
} as const;

const DIMENSION_EXPRESSIONS: Record<string, string> = {
  category1: 'c.level1_id',
  category2: 'coalesce(c.level2_id, c.level1_id)',
  category3: 'r.category_id',
  village: "coalesce(case when p.level = 'group' then p.parent_id else p.id end, 0)",
  group: 'coalesce(r.place_id, 0)',
  department: 'coalesce(r.department_id, 0)',
  source: 'r.source',
  kind: 'r.kind',
};

function countExpressions(asOf: number): Record<string, string> {
  const closedBy = `case when r.closed_at is not null and r.closed_at < ${asOf} then r.closed_at else ${asOf} end`;
  return {
    records: 'count(*)',
    difficult: 'sum(r.difficult)',
    closed: "sum(case when r.status = 'closed' then 1 else 0 end)",
    cancelled: "sum(case when r.status = 'cancelled' then 1 else 0 end)",
    overdue: `sum(case when r.status <> 'cancelled' and r.deadline_at < ${closedBy} then 1 else 0 end)`,
    responseDue: "sum(case when r.kind = 'complaint' then 1 else 0 end)",
    responded:
      "sum(case when r.kind = 'complaint' and r.first_response_at - r.opened_at <= 86400000 then 1 else 0 end)",
    resolutionDue: "sum(case when r.kind = 'complaint' and r.status = 'closed' then 1 else 0 end)",
    resolved: 'sum(case when r.resolved = 1 then 1 else 0 end)',
    rated: 'sum(case when r.satisfaction is not null then 1 else 0 end)',
    satisfied: "sum(case when r.satisfaction in ('satisfied', 'basically_satisfied') then 1 else 0 end)",
  };
}

const RATES: Record<string, [string, string]> = {
  responseRate: ['responded', 'responseDue'],
  resolutionRate: ['resolved', 'resolutionDue'],
  satisfactionRate: ['satisfied', 'rated'],
};
const QUANTILES: Record<string, [string, number]> = {
  handlingMedian: ['handling_ms', 0.5],
  handlingP90: ['handling_ms', 0.9],
  workHandlingMedian: ['handling_work_ms', 0.5],
  workHandlingP90: ['handling_work_ms', 0.9],
};

const RECORDS = `(
  select 'complaint' as kind, town_id, category_id, place_id, department_id, opened_at, opened_day, opened_week,
    deadline_at, first_response_at, closed_at, difficult, handling_ms, handling_work_ms, status, channel as source,
    resolved, satisfaction
  from complaint where town_id = :town and opened_day between :from and :to
  union all
  select 'case', town_id, category_id, place_id, department_id, opened_at, opened_day, opened_week, deadline_at,
    first_response_at, closed_at, difficult, handling_ms, handling_work_ms, status, source, null, null
  from enforcement_case where town_id = :town and opened_day between :from and :to
)`;

/** Rows keyed `period|key…` with the measures asked, over [from, to] and the compared ranges. */
export async function rawStats(db: Db, q: RawQuery, asOf: number): Promise<Map<string, Record<string, number | null>>> {
  const ranges: [Period, Period][] = [[parsePeriod(q.from), parsePeriod(q.to)]];
  const span = ranges[0] as [Period, Period];
  if (q.compare.includes('pop')) {
    ranges.push([addPeriods(span[0], -1), addPeriods(span[1], -1)]);
  }
  if (q.compare.includes('yoy')) {
    const shift = q.period === 'week' ? -52 : q.period === 'month' ? -12 : q.period === 'quarter' ? -4 : -1;
    ranges.push([addPeriods(span[0], shift), addPeriods(span[1], shift)]);
  }
  const out = new Map<string, Record<string, number | null>>();
  for (const [from, to] of ranges) {
    for (const [key, values] of await rawRange(db, q, asOf, periodRange(from).fromDay, periodRange(to).toDay)) {
      out.set(key, values);
    }
  }
  return out;
}

async function rawRange(db: Db, q: RawQuery, asOf: number, fromDay: string, toDay: string) {
  const counts = countExpressions(asOf);
  const wanted = new Set<string>();
  for (const measure of q.measures) {
    if (counts[measure]) {
      wanted.add(measure);
    }
    for (const part of RATES[measure] ?? []) {
      wanted.add(part);
    }
  }
  const keys = [PERIOD_EXPRESSIONS[q.period], ...q.by.map((dimension) => DIMENSION_EXPRESSIONS[dimension] as string)];
  const where: string[] = [];
  if (q.category) {
    where.push(`c.level${q.category.level}_id = ${q.category.id}`);
  }
  if (q.placeId !== undefined) {
    where.push(`r.place_id in (select descendant_id from place_closure where ancestor_id = ${q.placeId})`);
  }
  if (q.kind) {
    where.push(`r.kind = '${q.kind}'`);
  }
  const from = `${RECORDS} r join category c on c.id = r.category_id left join place p on p.id = r.place_id
    ${where.length > 0 ? `where ${where.join(' and ')}` : ''}`;
  const selectKeys = keys.map((expression, i) => `${expression} as k${i}`).join(', ');
  const groupBy = keys.map((_, i) => `k${i}`).join(', ');
  const measures = [...wanted].map((m) => `${counts[m]} as "${m}"`);
  const bind = (text: string) =>
    text.replaceAll(':town', String(q.townId)).replaceAll(':from', `'${fromDay}'`).replaceAll(':to', `'${toDay}'`);
  const out = new Map<string, Record<string, number | null>>();
  const keyOf = (row: Record<string, unknown>) => keys.map((_, i) => String(row[`k${i}`])).join('|');
  if (measures.length > 0) {
    const { rows } = await sql<Record<string, unknown>>`${sql.raw(
      bind(`select ${selectKeys}, ${measures.join(', ')} from ${from} group by ${groupBy}`),
    )}`.execute(db);
    for (const row of rows) {
      const values: Record<string, number | null> = {};
      for (const m of wanted) {
        values[m] = Number(row[m] ?? 0);
      }
      for (const measure of q.measures) {
        const rate = RATES[measure];
        if (rate) {
          const [num, den] = rate.map((part) => values[part] as number) as [number, number];
          values[measure] = den === 0 ? null : num / den;
        }
      }
      out.set(keyOf(row), values);
    }
  }
  for (const measure of q.measures) {
    const quantile = QUANTILES[measure];
    if (!quantile) {
      continue;
    }
    const [column, p] = quantile;
    const { rows } = await sql<Record<string, unknown>>`${sql.raw(
      bind(`select ${selectKeys}, r.${column} as ms from ${from}
        ${where.length > 0 ? 'and' : 'where'} r.status = 'closed' and r.handling_ms is not null and r.handling_work_ms is not null`),
    )}`.execute(db);
    const groups = new Map<string, number[]>();
    for (const row of rows) {
      const key = keyOf(row);
      let list = groups.get(key);
      if (!list) {
        list = [];
        groups.set(key, list);
      }
      list.push(Number(row.ms));
    }
    for (const [key, list] of groups) {
      list.sort((a, b) => a - b);
      const values = out.get(key) ?? {};
      values[measure] = list[nearestRank(p, list.length) - 1] ?? null;
      out.set(key, values);
    }
  }
  return out;
}
