import {
  addStored,
  COUNT_MEASURES,
  type CountMeasure,
  emptyHistogram,
  type Histogram,
  quantile,
} from '../cube/index.js';

/*
 * The measures of the stats API, read from the cube's sums. A measure's definition (what a record counts for) is in
 * src/cube/fact.ts; here are the ratios and durations built from those sums, and the tally that sums cells.
 */

export const COUNT_NAMES = [
  'records',
  'difficult',
  'closed',
  'cancelled',
  'overdue',
  'reopened',
  'responseDue',
  'responded',
  'resolutionDue',
  'resolved',
  'rated',
  'satisfied',
  'handled',
] as const;
export const RATE_NAMES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
export const DURATION_NAMES = [
  'handlingMean',
  'workHandlingMean',
  'handlingMedian',
  'handlingP90',
  'workHandlingMedian',
  'workHandlingP90',
] as const;
export const MEASURE_NAMES = [...COUNT_NAMES, ...RATE_NAMES, ...DURATION_NAMES] as const;
export type MeasureName = (typeof MEASURE_NAMES)[number];
export type HistogramColumn = 'handling_hist' | 'work_hist';

/** The sums of a set of cells: counts in COUNT_MEASURES order, histograms only when a measure reads them. */
export interface Tally {
  counts: Float64Array;
  handling: Histogram | null;
  work: Histogram | null;
}

export function emptyTally(): Tally {
  return { counts: new Float64Array(COUNT_MEASURES.length), handling: null, work: null };
}

/** Add `from` into `into`. */
export function addTally(into: Tally, from: Tally): void {
  for (let i = 0; i < from.counts.length; i++) {
    into.counts[i] = (into.counts[i] as number) + (from.counts[i] as number);
  }
  if (from.handling) {
    into.handling = addHistogram(into.handling, from.handling);
  }
  if (from.work) {
    into.work = addHistogram(into.work, from.work);
  }
}

function addHistogram(into: Histogram | null, from: Histogram): Histogram {
  const sum = into ?? emptyHistogram();
  for (let i = 0; i < from.length; i++) {
    sum[i] = (sum[i] as number) + (from[i] as number);
  }
  return sum;
}

/** Add one cube row (sums by column name, histogram texts) into a tally. */
export function addCellRow(into: Tally, row: Record<string, unknown>, columns: readonly CountMeasure[]): void {
  for (const column of columns) {
    const i = COUNT_INDEX[column];
    into.counts[i] = (into.counts[i] as number) + Number(row[column] ?? 0);
  }
  if (typeof row.handling_hist === 'string') {
    into.handling ??= emptyHistogram();
    addStored(into.handling, row.handling_hist);
  }
  if (typeof row.work_hist === 'string') {
    into.work ??= emptyHistogram();
    addStored(into.work, row.work_hist);
  }
}

const COUNT_INDEX = Object.fromEntries(COUNT_MEASURES.map((name, i) => [name, i])) as Record<CountMeasure, number>;

const count = (t: Tally, column: CountMeasure): number => t.counts[COUNT_INDEX[column]] as number;
const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;
const orEmpty = (histogram: Histogram | null): Histogram => histogram ?? emptyHistogram();

export type MeasureKind = 'count' | 'rate' | 'duration';

export interface MeasureSpec {
  kind: MeasureKind;
  /** The cube columns it sums. */
  columns: readonly CountMeasure[];
  histogram?: HistogramColumn;
  value(t: Tally): number | null;
}

const countSpec = (column: CountMeasure): MeasureSpec => ({
  kind: 'count',
  columns: [column],
  value: (t) => count(t, column),
});
const rateSpec = (numerator: CountMeasure, denominator: CountMeasure): MeasureSpec => ({
  kind: 'rate',
  columns: [numerator, denominator],
  value: (t) => ratio(count(t, numerator), count(t, denominator)),
});
const meanSpec = (sum: CountMeasure): MeasureSpec => ({
  kind: 'duration',
  columns: [sum, 'handled'],
  value: (t) => ratio(count(t, sum), count(t, 'handled')),
});
const quantileSpec = (histogram: HistogramColumn, q: number): MeasureSpec => ({
  kind: 'duration',
  columns: [],
  histogram,
  value: (t) => quantile(orEmpty(histogram === 'handling_hist' ? t.handling : t.work), q),
});

/** Every measure: what it reads and how it is computed (docs/stats.md has the definitions). */
export const MEASURES: Record<MeasureName, MeasureSpec> = {
  records: countSpec('records'),
  difficult: countSpec('difficult'),
  closed: countSpec('closed'),
  cancelled: countSpec('cancelled'),
  overdue: countSpec('overdue'),
  reopened: countSpec('reopened'),
  responseDue: countSpec('response_due'),
  resolutionDue: countSpec('resolution_due'),
  responded: countSpec('responded'),
  resolved: countSpec('resolved'),
  rated: countSpec('rated'),
  satisfied: countSpec('satisfied'),
  handled: countSpec('handled'),
  /** 响应率: complaints answered within 24 hours of receipt, of all complaints. */
  responseRate: rateSpec('responded', 'response_due'),
  /** 解决率: complaints reported resolved, of closed complaints. */
  resolutionRate: rateSpec('resolved', 'resolution_due'),
  /** 满意率: satisfied or basically satisfied, of rated complaints. */
  satisfactionRate: rateSpec('satisfied', 'rated'),
  handlingMean: meanSpec('handling_ms_sum'),
  workHandlingMean: meanSpec('work_ms_sum'),
  handlingMedian: quantileSpec('handling_hist', 0.5),
  handlingP90: quantileSpec('handling_hist', 0.9),
  workHandlingMedian: quantileSpec('work_hist', 0.5),
  workHandlingP90: quantileSpec('work_hist', 0.9),
};

/** The measures' values of a tally, by name. */
export function measureValues(t: Tally, measures: readonly MeasureName[]): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const measure of measures) {
    values[measure] = MEASURES[measure].value(t);
  }
  return values;
}

/** What the cells must give for these measures: the count columns and the histograms. */
export function cellColumns(measures: readonly MeasureName[]): {
  counts: CountMeasure[];
  histograms: HistogramColumn[];
} {
  const counts = new Set<CountMeasure>();
  const histograms = new Set<HistogramColumn>();
  for (const measure of measures) {
    const spec = MEASURES[measure];
    for (const column of spec.columns) {
      counts.add(column);
    }
    if (spec.histogram) {
      histograms.add(spec.histogram);
    }
  }
  return {
    counts: COUNT_MEASURES.filter((column) => counts.has(column)),
    histograms: (['handling_hist', 'work_hist'] as const).filter((column) => histograms.has(column)),
  };
}

/**
 * The change from `previous` to `current`: relative ((c − p) / p) for counts and durations, null when p is 0 or
 * missing; the difference (c − p) for rates.
 */
export function changeOf(kind: MeasureKind, current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) {
    return null;
  }
  if (kind === 'rate') {
    return current - previous;
  }
  return previous === 0 ? null : (current - previous) / previous;
}
