import type { EChartsCoreOption } from 'echarts/core';
import { type Dimension, type Measure, measureKind, type StatsAnswer, type StatsKey } from '../api/stats';

/*
 * The analysis page's chart, chosen from the pivot's shape: over time (several periods, no dimension or one) a line
 * per key; a breakdown (one period, or two dimensions) horizontal bars for the range's last period, the second
 * dimension as the bars' series. One measure at a time, in its unit (rates in %, durations in hours).
 */

export interface PivotChartLabels {
  /** The measure's name (series name without a dimension). */
  measure: string;
  /** "others" (the API's `_others` key) under a name of its own. */
  others: string;
  /** Last year's line (同比), drawn without a dimension when the query compares yoy. */
  lastYear: string;
}

export interface PivotChartSpec {
  by: readonly Dimension[];
  measure: Measure;
  english: boolean;
  labels: PivotChartLabels;
}

/** At most this many lines (the largest keys); more would be unreadable. */
export const MAX_LINES = 10;
/** At most this many series of the second dimension in the bars. */
export const MAX_STACKS = 12;

export type PivotChartKind = 'line' | 'bar';

/** Lines over time for no dimension or one over several periods; bars otherwise. */
export function pivotChartKind(answer: StatsAnswer, by: readonly Dimension[]): PivotChartKind {
  return by.length === 0 || (by.length === 1 && answer.periods.length > 1) ? 'line' : 'bar';
}

/** A value in the unit the chart draws: % for rates, hours for durations, rounded to two decimals. */
export function chartValue(measure: Measure, value: number | null | undefined): number | null {
  if (value === null || value === undefined) {
    return null;
  }
  const kind = measureKind(measure);
  const scaled = kind === 'rate' ? value * 100 : kind === 'duration' ? value / 3_600_000 : value;
  return Math.round(scaled * 100) / 100;
}

const unitOf = (measure: Measure) => {
  const kind = measureKind(measure);
  return kind === 'rate' ? '%' : kind === 'duration' ? 'h' : '';
};

const name = (key: StatsKey | undefined, spec: PivotChartSpec) =>
  !key ? '' : key.code === '_others' ? spec.labels.others : (spec.english && key.nameEn) || key.name;
const codeOf = (key: StatsKey | undefined) => `${key?.code ?? '_none'}`;

/** The chart's option for an answer (a pure function of it; the page draws it with <EChart>). */
export function pivotOption(answer: StatsAnswer, spec: PivotChartSpec): EChartsCoreOption {
  const { measure, by } = spec;
  const unit = unitOf(measure);
  const tooltip = {
    trigger: 'axis',
    axisPointer: { type: pivotChartKind(answer, by) === 'bar' ? 'shadow' : 'line' },
    valueFormatter: (value: number | null) => (value === null || value === undefined ? '—' : `${value}${unit}`),
  };
  const valueAxis = {
    type: 'value',
    minInterval: measureKind(measure) === 'count' ? 1 : undefined,
    axisLabel: { formatter: `{value}${unit}` },
  };

  if (by.length === 0) {
    const current = answer.totals.map((row) => chartValue(measure, row.values[measure]));
    const lastYear = answer.totals.map((row) => (row.yoy ? chartValue(measure, row.yoy.values[measure]) : undefined));
    const withYoy = lastYear.some((value) => value !== undefined);
    return {
      tooltip,
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: answer.totals.map((row) => row.period) },
      yAxis: valueAxis,
      series: [
        { name: spec.labels.measure, type: 'line', data: current, symbolSize: 6, areaStyle: { opacity: 0.08 } },
        ...(withYoy
          ? [
              {
                name: spec.labels.lastYear,
                type: 'line',
                data: lastYear.map((value) => value ?? null),
                symbol: 'none',
                lineStyle: { type: 'dashed', width: 1.5 },
                itemStyle: { color: '#9aa4b2' },
              },
            ]
          : []),
      ],
    };
  }

  const first = by[0] as Dimension;
  if (pivotChartKind(answer, by) === 'line') {
    // One line per key of the dimension, the largest (summed over the range) first.
    const keys = new Map<string, { key: StatsKey | undefined; size: number; values: Map<string, number | null> }>();
    for (const row of answer.rows) {
      const code = codeOf(row.keys[first]);
      const entry = keys.get(code) ?? { key: row.keys[first], size: 0, values: new Map() };
      const value = row.values[measure] ?? null;
      entry.size += Math.abs(value ?? 0);
      entry.values.set(row.period, value);
      keys.set(code, entry);
    }
    const shown = [...keys.values()].sort((a, b) => b.size - a.size).slice(0, MAX_LINES);
    return {
      tooltip,
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: answer.periods },
      yAxis: valueAxis,
      series: shown.map((entry) => ({
        name: name(entry.key, spec),
        type: 'line',
        symbolSize: 5,
        data: answer.periods.map((period) => chartValue(measure, entry.values.get(period))),
      })),
    };
  }

  // Bars of the last period: the first dimension's keys on the axis (the first on top), the second as series.
  const period = answer.periods.at(-1);
  const rows = answer.rows.filter((row) => row.period === period);
  const axisKeys: StatsKey[] = [];
  for (const row of rows) {
    const key = row.keys[first];
    if (key && !axisKeys.some((known) => codeOf(known) === codeOf(key))) {
      axisKeys.push(key);
    }
  }
  axisKeys.reverse();
  const axis = {
    type: 'category',
    data: axisKeys.map((key) => name(key, spec)),
    axisLabel: { width: 120, overflow: 'truncate' },
  };
  const barValue = (key: StatsKey, second?: StatsKey) =>
    chartValue(
      measure,
      rows.find(
        (row) =>
          codeOf(row.keys[first]) === codeOf(key) &&
          (second === undefined || codeOf(row.keys[by[1] as Dimension]) === codeOf(second)),
      )?.values[measure],
    );
  const base = {
    tooltip,
    grid: { left: 8, right: 40, top: by.length > 1 ? 36 : 8, bottom: 8, containLabel: true },
    xAxis: valueAxis,
    yAxis: axis,
  };
  if (by.length === 1) {
    return {
      ...base,
      series: [
        {
          name: spec.labels.measure,
          type: 'bar',
          data: axisKeys.map((key) => barValue(key)),
          label: { show: axisKeys.length <= 30, position: 'right' },
          itemStyle: { color: '#1677ff' },
          barMaxWidth: 18,
        },
      ],
    };
  }
  const second = by[1] as Dimension;
  const seriesKeys: StatsKey[] = [];
  for (const row of rows) {
    const key = row.keys[second];
    if (key && !seriesKeys.some((known) => codeOf(known) === codeOf(key))) {
      seriesKeys.push(key);
    }
  }
  // Counts stack to the first key's total; rates and durations do not add up, so they stand side by side.
  const stack = measureKind(measure) === 'count' ? 'total' : undefined;
  return {
    ...base,
    legend: { top: 0, type: 'scroll' },
    series: seriesKeys.slice(0, MAX_STACKS).map((key) => ({
      name: name(key, spec),
      type: 'bar',
      stack,
      data: axisKeys.map((axisKey) => barValue(axisKey, key)),
      barMaxWidth: 18,
    })),
  };
}
