import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_MEASURES, type CountMeasure, emptyHistogram, QUANTILE_RELATIVE_ERROR } from '../cube/index.js';
import { addTally, changeOf, emptyTally, measureValues, type Tally } from './stats.measures.js';
import { type KeyValue, OTHERS } from './stats.plan.js';
import { buildTable, keyString, type PeriodCells, type TableInput, type TablePeriod } from './stats.table.js';

function tally(counts: Partial<Record<CountMeasure, number>>, handlingMinutes: number[] = []): Tally {
  const t = emptyTally();
  for (const [column, value] of Object.entries(counts)) {
    t.counts[COUNT_MEASURES.indexOf(column as CountMeasure)] = value;
  }
  if (handlingMinutes.length > 0) {
    const histogram = emptyHistogram();
    for (const minutes of handlingMinutes) {
      // bucket of m minutes (m ≥ 1): 1 + floor(8 · log2 m)
      const bucket = 1 + Math.floor(8 * Math.log2(minutes));
      histogram[bucket] = (histogram[bucket] as number) + 1;
    }
    t.handling = histogram;
  }
  return t;
}

const period = (code: number, yoy?: number, pop?: number): TablePeriod => ({
  code,
  text: `P${code}`,
  compared: {
    ...(yoy === undefined ? {} : { yoy: { code: yoy, text: `P${yoy}` } }),
    ...(pop === undefined ? {} : { pop: { code: pop, text: `P${pop}` } }),
  },
});

/** Cells from [period, key values, tally] triples. */
function input(entries: [number, KeyValue[], Tally][], overrides: Partial<TableInput>): TableInput {
  const cells: PeriodCells = new Map();
  const keys = new Map<string, KeyValue[]>();
  for (const [code, key, t] of entries) {
    const byKey = cells.get(code) ?? new Map<string, Tally>();
    const sum = byKey.get(keyString(key)) ?? emptyTally();
    addTally(sum, t);
    byKey.set(keyString(key), sum);
    cells.set(code, byKey);
    keys.set(keyString(key), key);
  }
  return {
    periods: [period(1), period(2)],
    measures: ['records'],
    dimensions: entries[0]?.[1].length ?? 0,
    share: false,
    compare: [],
    cells,
    keys,
    order: (_, a, b) => String(a).localeCompare(String(b)),
    ...overrides,
  };
}

const summary = (rows: { period: string; key?: KeyValue[]; values: Record<string, number | null> }[]) =>
  rows.map((row) => `${row.period} ${row.key?.join('/') ?? ''} ${row.values.records}`.replace('  ', ' '));

describe('the stats table', () => {
  it('gives every period × every key, with zeros where nothing was recorded', () => {
    const table = buildTable(
      input(
        [
          [1, ['a'], tally({ records: 2 })],
          [2, ['b'], tally({ records: 3 })],
        ],
        {},
      ),
    );
    expect(summary(table.rows)).toEqual(['P1 a 2', 'P1 b 0', 'P2 a 0', 'P2 b 3']);
    expect(summary(table.totals)).toEqual(['P1 2', 'P2 3']);
    const empty = buildTable(input([], { dimensions: 0 }));
    expect(summary(empty.rows)).toEqual(['P1 0', 'P2 0']);
  });

  it('keeps the top N of the first dimension by the first measure over the range, the rest as others', () => {
    const table = buildTable(
      input(
        [
          [1, ['c', 'x'], tally({ records: 1 })],
          [1, ['a', 'x'], tally({ records: 4 })],
          [2, ['a', 'y'], tally({ records: 1 })],
          [2, ['b', 'x'], tally({ records: 3 })],
          [2, ['d', 'y'], tally({ records: 1 })],
          [2, ['e', 'y'], tally({ records: 2 })],
        ],
        { top: 2, periods: [period(1), period(2)] },
      ),
    );
    expect(summary(table.rows)).toEqual([
      'P1 a/x 4',
      'P1 a/y 0',
      'P1 b/x 0',
      `P1 ${OTHERS}/x 1`,
      `P1 ${OTHERS}/y 0`,
      'P2 a/x 0',
      'P2 a/y 1',
      'P2 b/x 3',
      `P2 ${OTHERS}/x 0`,
      `P2 ${OTHERS}/y 3`,
    ]);
    // N at least the number of keys: no others, rank order.
    const all = buildTable(
      input(
        [
          [1, ['a'], tally({ records: 1 })],
          [1, ['b'], tally({ records: 2 })],
        ],
        { top: 5 },
      ),
    );
    expect(summary(all.rows)).toEqual(['P1 b 2', 'P1 a 1', 'P2 b 0', 'P2 a 0']);
  });

  it('ranks by a rate with nulls last and ties by the key order', () => {
    const table = buildTable(
      input(
        [
          [1, ['a'], tally({ records: 1, resolution_due: 0 })],
          [1, ['b'], tally({ records: 1, resolution_due: 2, resolved: 1 })],
          [1, ['c'], tally({ records: 1, resolution_due: 1, resolved: 1 })],
          [1, ['d'], tally({ records: 1, resolution_due: 2, resolved: 1 })],
        ],
        { top: 3, measures: ['resolutionRate', 'records'], periods: [period(1)] },
      ),
    );
    expect(table.rows.map((row) => [row.key.join(), row.values.resolutionRate])).toEqual([
      ['c', 1],
      ['b', 0.5],
      ['d', 0.5],
      [OTHERS, null],
    ]);
  });

  it('gives each count measure its share of the period total', () => {
    const table = buildTable(
      input(
        [
          [1, ['a'], tally({ records: 1, closed: 1 })],
          [1, ['b'], tally({ records: 3, closed: 0 })],
        ],
        { share: true, measures: ['records', 'closed', 'resolutionRate'] },
      ),
    );
    expect(table.rows.map((row) => row.share)).toEqual([
      { records: 0.25, closed: 1 },
      { records: 0.75, closed: 0 },
      { records: null, closed: null },
      { records: null, closed: null },
    ]);
  });

  it('compares with the same period last year and the previous one', () => {
    const table = buildTable(
      input(
        [
          [0, ['a'], tally({ records: 4, response_due: 4, responded: 2 })],
          [1, ['a'], tally({ records: 2, response_due: 2, responded: 2 })],
          [2, ['a'], tally({ records: 3, response_due: 4, responded: 3 })],
          [-1, ['a'], tally({ records: 0 })],
        ],
        {
          periods: [period(1, -1, 0), period(2, 0, 1)],
          compare: ['yoy', 'pop'],
          measures: ['records', 'responseRate'],
        },
      ),
    );
    const [first, second] = table.rows;
    expect(first?.pop).toEqual({
      period: 'P0',
      values: { records: 4, responseRate: 0.5 },
      change: { records: -0.5, responseRate: 0.5 },
    });
    expect(first?.yoy).toEqual({
      period: 'P-1',
      values: { records: 0, responseRate: null },
      change: { records: null, responseRate: null },
    });
    expect(second?.pop?.change.records).toBeCloseTo(0.5);
    expect(second?.pop?.change.responseRate).toBeCloseTo(0.75 - 1);
    expect(table.totals[1]?.pop?.values.records).toBe(2);
  });

  it('refuses an answer of more than 20,000 rows, naming by', () => {
    const entries: [number, KeyValue[], Tally][] = [];
    for (let i = 0; i < 10_001; i++) {
      entries.push([1, [i], tally({ records: 1 })]);
    }
    expect(() => buildTable(input(entries, {}))).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        details: { issues: [expect.objectContaining({ path: 'by' })] },
      }),
    );
    expect(buildTable(input(entries, { top: 10 })).rows.length).toBe(22);
  });

  it('computes rates, means and quantiles from the sums, null when nothing is counted', () => {
    const t = tally({ handled: 3, handling_ms_sum: 3 * 3_600_000, rated: 4, satisfied: 3 }, [10, 60, 120]);
    const values = measureValues(t, [
      'satisfactionRate',
      'handlingMean',
      'handlingMedian',
      'handlingP90',
      'workHandlingP90',
    ]);
    expect(values.satisfactionRate).toBe(0.75);
    expect(values.handlingMean).toBe(3_600_000);
    expect(Math.abs((values.handlingMedian as number) / 3_600_000 - 1)).toBeLessThanOrEqual(QUANTILE_RELATIVE_ERROR);
    expect(Math.abs((values.handlingP90 as number) / 7_200_000 - 1)).toBeLessThanOrEqual(QUANTILE_RELATIVE_ERROR);
    expect(values.workHandlingP90).toBeNull();
    expect(measureValues(emptyTally(), ['responseRate', 'handlingMean', 'handlingMedian'])).toEqual({
      responseRate: null,
      handlingMean: null,
      handlingMedian: null,
    });
  });

  it('takes relative change for counts and durations and the difference for rates', () => {
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: 0, max: 1e9, noNaN: true })),
        fc.option(fc.double({ min: 0, max: 1e9, noNaN: true })),
        (c, p) => {
          const relative = changeOf('count', c, p);
          const difference = changeOf('rate', c, p);
          if (c === null || p === null) {
            expect([relative, difference]).toEqual([null, null]);
          } else {
            expect(difference).toBe(c - p);
            expect(relative).toBe(p === 0 ? null : (c - p) / p);
          }
        },
      ),
    );
  });
});
