import { expect } from 'vitest';
import {
  addPeriods,
  dayOf,
  formatPeriod,
  parsePeriod,
  periodOf,
  previousPeriod,
  samePeriodLastYear,
} from '../core/time/index.js';
import { QUANTILE_RELATIVE_ERROR } from '../cube/index.js';
import type { RecordDeps } from '../records/index.js';
import { MEASURES, type MeasureName } from './stats.measures.js';
import type { Stats, StatsKey } from './stats.schema.js';
import { getStats } from './stats.service.js';
import { type OracleFact, type OracleWorld, oracleValues } from './stats-oracle.testing.js';
import { listStatsRecords } from './stats-records.service.js';

/*
 * Checks one stats answer against the oracle: the periods, the rectangular rows, every value, the top-N choice, the
 * others, the shares, the comparisons and the totals; and, for a few rows, the records behind a count.
 */

export interface PropertyQuery {
  period: 'week' | 'month' | 'quarter' | 'year';
  from?: string;
  to?: string;
  measures: string;
  by: string;
  compare?: string;
  top?: number;
  share?: boolean;
  town?: string;
  category?: string;
  place?: string;
  department?: string;
  source?: string;
  kind?: 'complaint' | 'case';
}

/** How many non-zero numbers were compared (a check that compares nothing proves nothing). */
export const checked = { values: 0, records: 0 };

function matches(world: OracleWorld, fact: OracleFact, q: PropertyQuery): boolean {
  const code = (id: number | null) => (id === null ? undefined : world.places.get(id));
  const town = code(fact.townId);
  if (q.town !== undefined && town?.code !== q.town) {
    return false;
  }
  if (q.category !== undefined && !fact.categoryChain.some((id) => world.categories.get(id)?.code === q.category)) {
    return false;
  }
  if (q.place !== undefined) {
    const place = code(fact.placeId);
    const parent = code(place?.parentId ?? null);
    const city = code(town?.parentId ?? null);
    if (![town?.code, city?.code, place?.code, place?.level === 'group' ? parent?.code : undefined].includes(q.place)) {
      return false;
    }
  }
  if (q.department !== undefined && fact.departmentCode !== q.department) {
    return false;
  }
  return (q.source === undefined || fact.source === q.source) && (q.kind === undefined || fact.kind === q.kind);
}

/** A key as the oracle names it: ids for categories, places and departments (0 unknown), codes otherwise. */
const keyValue = (dimension: string, key: StatsKey): number | string =>
  key.code === '_others'
    ? '_others'
    : dimension === 'source' || dimension === 'kind'
      ? String(key.code)
      : Number(key.id);

function expectValue(measure: string, actual: number | null | undefined, expected: number | null, where: string): void {
  if (expected === null || actual === null || actual === undefined) {
    expect(actual ?? null, where).toBe(expected);
    return;
  }
  if (/Median|P90/.test(measure)) {
    const bound = expected < 60_000 ? 30_000 : expected * QUANTILE_RELATIVE_ERROR;
    expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(bound * (1 + 1e-9));
  } else {
    expect(actual, where).toBeCloseTo(expected, 9);
  }
  if (expected !== 0) {
    checked.values += 1;
  }
}

export async function checkStats(deps: RecordDeps, world: OracleWorld, all: OracleFact[], q: PropertyQuery) {
  const stats: Stats = await getStats({ db: deps.db, actor: deps.actor }, q);
  const where = JSON.stringify(q);
  const measures = q.measures.split(',') as MeasureName[];
  const by = q.by === '' ? [] : q.by.split(',');
  // Periods: as asked, or the 12 ending with the one holding the (earliest) as_of of the towns asked.
  let periods: string[];
  if (q.from !== undefined) {
    periods = [q.from];
    while (periods.at(-1) !== q.to) {
      periods.push(formatPeriod(addPeriods(parsePeriod(periods.at(-1)), 1)));
    }
  } else {
    const last = periodOf(q.period, dayOf(stats.asOfMs ?? Date.now()));
    periods = Array.from({ length: 12 }, (_, i) => formatPeriod(addPeriods(last, i - 11)));
  }
  expect(stats.periods, where).toEqual(periods);
  const facts = all.filter((fact) => matches(world, fact, q));
  const inPeriod = (period: string) => facts.filter((fact) => fact.periods[q.period] === period);
  const inRange = facts.filter((fact) => periods.includes(fact.periods[q.period]));

  // Top N: the kept first keys are a true top N by the first measure over the range; the rest are "others".
  const firstValues = [...new Set(inRange.map((fact) => fact.dims[by[0] as string] as number | string))];
  let kept = new Set(firstValues);
  if (q.top !== undefined && by.length > 0) {
    const score = (value: number | string) =>
      oracleValues(
        inRange.filter((fact) => fact.dims[by[0] as string] === value),
        [measures[0] as string],
      )[measures[0] as string] ?? Number.NEGATIVE_INFINITY;
    kept = new Set(stats.rows.map((row) => keyValue(by[0] as string, row.keys[by[0] as string] as StatsKey)));
    const others = kept.delete('_others');
    expect(kept.size, where).toBe(Math.min(q.top, firstValues.length));
    expect(others, where).toBe(firstValues.length > q.top);
    const lowest = Math.min(...[...kept].map(score));
    for (const value of firstValues.filter((v) => !kept.has(v))) {
      expect(score(value), where).toBeLessThanOrEqual(lowest);
    }
  }
  const keyOf = (fact: OracleFact) =>
    by.map((d, i) => (i === 0 && !kept.has(fact.dims[d] as number | string) ? '_others' : fact.dims[d])).join('|');
  const keys = by.length === 0 ? new Set(['']) : new Set(inRange.map(keyOf));
  expect(stats.rows.length, where).toBe(periods.length * keys.size);

  for (const row of stats.rows) {
    const key = by.map((d) => keyValue(d, row.keys[d] as StatsKey)).join('|');
    expect(keys.has(key), `${where} ${row.period} ${key}`).toBe(true);
    const own = (period: string) => inPeriod(period).filter((fact) => keyOf(fact) === key);
    const at = `${where} ${row.period} ${key}`;
    const expected = oracleValues(own(row.period), measures);
    for (const measure of measures) {
      expectValue(measure, row.values[measure], expected[measure] ?? null, `${at} ${measure}`);
    }
    const total = oracleValues(inPeriod(row.period), measures);
    for (const measure of measures.filter((m) => q.share && MEASURES[m].kind === 'count')) {
      const whole = total[measure] as number;
      expect(row.share?.[measure], at).toBe(whole === 0 ? null : (expected[measure] as number) / whole);
    }
    checkCompared(q, row, (period) => oracleValues(own(period), measures), measures, at);
    await checkRecords(deps, q, row, by, measures, at);
  }
  for (const total of stats.totals) {
    const at = `${where} total ${total.period}`;
    const expected = oracleValues(inPeriod(total.period), measures);
    for (const measure of measures) {
      expectValue(measure, total.values[measure], expected[measure] ?? null, `${at} ${measure}`);
    }
    checkCompared(q, total, (period) => oracleValues(inPeriod(period), measures), measures, at);
  }
}

function checkCompared(
  q: PropertyQuery,
  row: Stats['totals'][number],
  valuesOf: (period: string) => Record<string, number | null>,
  measures: MeasureName[],
  at: string,
): void {
  for (const comparison of (q.compare ?? '').split(',').filter(Boolean) as ('yoy' | 'pop')[]) {
    const period = parsePeriod(row.period);
    const other = formatPeriod(comparison === 'yoy' ? samePeriodLastYear(period) : previousPeriod(period));
    const compared = row[comparison];
    expect(compared?.period, at).toBe(other);
    const expected = valuesOf(other);
    for (const m of measures) {
      expectValue(m, compared?.values[m], expected[m] ?? null, `${at} ${comparison} ${m}`);
      const [c, p] = [row.values[m] ?? null, compared?.values[m] ?? null];
      const change =
        c === null || p === null ? null : MEASURES[m].kind === 'rate' ? c - p : p === 0 ? null : (c - p) / p;
      expect(compared?.change[m], `${at} ${comparison} change ${m}`).toBe(change);
    }
  }
}

let sampled = 0;
const FLAGS = [
  'difficult',
  'closed',
  'cancelled',
  'overdue',
  'reopened',
  'responded',
  'resolved',
  'rated',
  'satisfied',
  'handled',
];

/** The records behind a row's counts are as many as the counts say (for the first few rows with a count). */
async function checkRecords(
  deps: RecordDeps,
  q: PropertyQuery,
  row: Stats['rows'][number],
  by: string[],
  measures: MeasureName[],
  at: string,
) {
  const measure = measures.find((m) => m === 'records' || FLAGS.includes(m));
  const count = measure === undefined ? 0 : (row.values[measure] ?? 0);
  const keys = Object.entries(row.keys);
  if (count === 0 || keys.some(([, key]) => key.code === '_others')) {
    return;
  }
  // A department key names one town's department; without a town its code would match every town's.
  if (by.includes('department') && q.town === undefined) {
    return;
  }
  sampled += 1;
  if (sampled % 4 !== 0) {
    return;
  }
  const { measures: _m, by: _b, compare: _c, top: _t, share: _s, ...filters } = q;
  const params: Record<string, string> = { ...(filters as Record<string, string>), from: row.period, to: row.period };
  for (const [dimension, key] of keys) {
    params[dimension] = key.code ?? (dimension === 'department' ? '_none' : '_unknown');
  }
  if (measure !== 'records') {
    params.flag = measure as string;
  }
  const page = await listStatsRecords(deps, { ...params, limit: 500 });
  expect(page.items.length, `${at} records ${measure}`).toBe(count);
  checked.records += 1;
}
