import { invalidField } from '../core/errors.js';
import {
  addTally,
  changeOf,
  emptyTally,
  MEASURES,
  type MeasureName,
  measureValues,
  type Tally,
} from './stats.measures.js';
import { type Comparison, MAX_ROWS } from './stats.periods.js';
import { type KeyValue, OTHERS } from './stats.plan.js';
import type { StatsCompared, StatsValues } from './stats.schema.js';

/*
 * The answer's table from the summed cells, pure: top N of the first dimension with the rest as "others", every
 * period × every key kept (zeros where nothing was recorded), shares of the period's total, and comparisons with the
 * same period last year (同比) and the previous period (环比).
 */

/** Tallies by period code, then by key (see keyString). */
export type PeriodCells = Map<number, Map<string, Tally>>;

export const keyString = (key: readonly KeyValue[]): string => key.join('\u0001');

export interface TablePeriod {
  code: number;
  text: string;
  compared: Partial<Record<Comparison, { code: number; text: string }>>;
}

export interface TableInput {
  /** The asked periods, in order. */
  periods: readonly TablePeriod[];
  measures: readonly MeasureName[];
  dimensions: number;
  top?: number | undefined;
  share: boolean;
  compare: readonly Comparison[];
  /** Every period read (asked and compared). */
  cells: PeriodCells;
  /** The key values of every key string in `cells`. */
  keys: ReadonlyMap<string, readonly KeyValue[]>;
  /** Orders the values of dimension `index` (others are put last before this is asked). */
  order(index: number, a: KeyValue, b: KeyValue): number;
}

export interface TableRow {
  period: string;
  key: KeyValue[];
  values: StatsValues;
  share?: StatsValues;
  yoy?: StatsCompared;
  pop?: StatsCompared;
}
export type TableTotal = Omit<TableRow, 'key' | 'share'>;

function sumAll(tallies: Iterable<Tally>): Tally {
  const total = emptyTally();
  for (const tally of tallies) {
    addTally(total, tally);
  }
  return total;
}

/** The first dimension's values kept by top N, in rank order (first measure over the range, descending). */
export function rankFirst(input: TableInput): KeyValue[] {
  const sums = new Map<KeyValue, Tally>();
  for (const period of input.periods) {
    for (const [key, tally] of input.cells.get(period.code) ?? []) {
      const first = (input.keys.get(key) as KeyValue[])[0] as KeyValue;
      const sum = sums.get(first) ?? emptyTally();
      addTally(sum, tally);
      sums.set(first, sum);
    }
  }
  const measure = MEASURES[input.measures[0] as MeasureName];
  const ranked = [...sums].map(([value, tally]) => ({ value, score: measure.value(tally) }));
  ranked.sort((a, b) => {
    if (a.score !== b.score) {
      return a.score === null ? 1 : b.score === null ? -1 : b.score - a.score;
    }
    return input.order(0, a.value, b.value);
  });
  return ranked.map((entry) => entry.value);
}

/** The cells with the first dimension's values outside the top N merged into OTHERS. */
function withOthers(input: TableInput, kept: ReadonlySet<KeyValue>) {
  const cells: PeriodCells = new Map();
  const keys = new Map<string, KeyValue[]>();
  for (const [code, byKey] of input.cells) {
    const merged = new Map<string, Tally>();
    for (const [key, tally] of byKey) {
      const values = [...(input.keys.get(key) as KeyValue[])];
      if (!kept.has(values[0] as KeyValue)) {
        values[0] = OTHERS;
      }
      const mapped = keyString(values);
      keys.set(mapped, values);
      const sum = merged.get(mapped) ?? emptyTally();
      addTally(sum, tally);
      merged.set(mapped, sum);
    }
    cells.set(code, merged);
  }
  return { cells, keys };
}

/** The rows (every asked period × every key kept) and the totals of each period. */
export function buildTable(input: TableInput): { rows: TableRow[]; totals: TableTotal[] } {
  let { cells, keys } = input;
  let rank: Map<KeyValue, number> | undefined;
  if (input.top !== undefined && input.dimensions > 0) {
    const ranked = rankFirst(input);
    rank = new Map(ranked.map((value, i) => [value, i]));
    if (ranked.length > input.top) {
      ({ cells, keys } = withOthers(input, new Set(ranked.slice(0, input.top))));
      rank.set(OTHERS, ranked.length);
    }
  }
  const kept = new Map<string, KeyValue[]>();
  if (input.dimensions === 0) {
    kept.set('', []);
  }
  for (const period of input.periods) {
    for (const key of cells.get(period.code)?.keys() ?? []) {
      kept.set(key, keys.get(key) as KeyValue[]);
    }
  }
  if (input.periods.length * kept.size > MAX_ROWS) {
    throw invalidField(
      'by',
      `the answer would have ${input.periods.length * kept.size} rows (${input.periods.length} periods × ${kept.size} keys), over ${MAX_ROWS}: narrow the range or the filters, or use top`,
    );
  }
  const order = (a: KeyValue[], b: KeyValue[]): number => {
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i] as KeyValue, b[i] as KeyValue];
      if (x === y) {
        continue;
      }
      if (i === 0 && rank) {
        return (rank.get(x) ?? 0) - (rank.get(y) ?? 0);
      }
      return x === OTHERS ? 1 : y === OTHERS ? -1 : input.order(i, x, y);
    }
    return 0;
  };
  const sortedKeys = [...kept].sort((a, b) => order(a[1], b[1]));
  const totals = new Map([...cells].map(([code, byKey]) => [code, sumAll(byKey.values())]));
  const valuesAt = (code: number, key: string | null) =>
    measureValues((key === null ? totals.get(code) : cells.get(code)?.get(key)) ?? emptyTally(), input.measures);
  const compared = (period: TablePeriod, key: string | null, values: StatsValues) => {
    const out: Partial<Record<Comparison, StatsCompared>> = {};
    for (const comparison of input.compare) {
      const other = period.compared[comparison] as { code: number; text: string };
      const before = valuesAt(other.code, key);
      const change: StatsValues = {};
      for (const measure of input.measures) {
        change[measure] = changeOf(MEASURES[measure].kind, values[measure] ?? null, before[measure] ?? null);
      }
      out[comparison] = { period: other.text, values: before, change };
    }
    return out;
  };

  const rows: TableRow[] = [];
  const totalRows: TableTotal[] = [];
  for (const period of input.periods) {
    const total = valuesAt(period.code, null);
    totalRows.push({ period: period.text, values: total, ...compared(period, null, total) });
    for (const [key, values] of sortedKeys) {
      const own = valuesAt(period.code, key);
      const row: TableRow = { period: period.text, key: values, values: own };
      if (input.share) {
        row.share = shareOf(own, total, input.measures);
      }
      rows.push(Object.assign(row, compared(period, key, own)));
    }
  }
  return { rows, totals: totalRows };
}

/** Each count measure's share of the period's total; null when the total is 0. */
export function shareOf(values: StatsValues, total: StatsValues, measures: readonly MeasureName[]): StatsValues {
  const share: StatsValues = {};
  for (const measure of measures) {
    if (MEASURES[measure].kind === 'count') {
      const whole = total[measure] ?? 0;
      share[measure] = whole === 0 ? null : (values[measure] ?? 0) / whole;
    }
  }
  return share;
}
