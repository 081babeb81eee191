import type { EChartsCoreOption } from 'echarts/core';
import type { WarningSeries } from '../api/warnings';

export interface WarningSeriesLabels {
  observed: string;
  expected: string;
  upperBound: string;
  band: string;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** `202647` → `W47` on the axis (the tooltip shows the whole week). */
const weekOf = (week: number) => `${Math.floor(week / 100)}W${String(week % 100).padStart(2, '0')}`;

/**
 * The band between the expected count and the alarm threshold (the upper bound), week by week: its base and its
 * height, for two stacked series of which only the second is filled. A week without either has no band.
 */
export function thresholdBand(series: WarningSeries): { base: (number | null)[]; height: (number | null)[] } {
  const base: (number | null)[] = [];
  const height: (number | null)[] = [];
  series.weeks.forEach((_, i) => {
    const expected = series.expected[i] ?? null;
    const upper = series.upperBound[i] ?? null;
    if (expected === null || upper === null) {
      base.push(null);
      height.push(null);
    } else {
      base.push(round(Math.min(expected, upper)));
      height.push(round(Math.abs(upper - expected)));
    }
  });
  return { base, height };
}

/** The weeks whose count is above the threshold, as points to mark red. */
export function exceedances(series: WarningSeries): { index: number; value: number }[] {
  return series.weeks.flatMap((_, i) => {
    const observed = series.observed[i] ?? null;
    const upper = series.upperBound[i] ?? null;
    return observed !== null && upper !== null && observed > upper ? [{ index: i, value: observed }] : [];
  });
}

/**
 * The warning's chart: the weekly count observed, the expected count, the threshold (upper bound) dashed, and the
 * band between expected and threshold shaded; weeks above the threshold marked red.
 */
export function warningSeriesOption(series: WarningSeries, labels: WarningSeriesLabels): EChartsCoreOption {
  const { base, height } = thresholdBand(series);
  const over = new Set(exceedances(series).map((point) => point.index));
  const weeks = series.weeks.map(weekOf);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.observed, labels.expected, labels.upperBound, labels.band], top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 32 },
    xAxis: {
      type: 'category',
      data: weeks,
      boundaryGap: false,
      axisLabel: { formatter: (week: string) => week.replace(/^\d{4}W/, 'W') },
    },
    yAxis: { type: 'value', minInterval: 1, min: 0 },
    series: [
      {
        name: 'band-base',
        type: 'line',
        stack: 'band',
        data: base,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: labels.band,
        type: 'line',
        stack: 'band',
        data: height,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(250, 173, 20, 0.22)' },
        itemStyle: { color: 'rgba(250, 173, 20, 0.6)' },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: labels.expected,
        type: 'line',
        data: series.expected.map((value) => (value === null ? null : round(value))),
        // A symbol, so a week whose neighbours have no figure still shows.
        symbolSize: 4,
        lineStyle: { type: 'dashed', width: 1.5 },
        itemStyle: { color: '#8c8c8c' },
      },
      {
        name: labels.upperBound,
        type: 'line',
        data: series.upperBound.map((value) => (value === null ? null : round(value))),
        // A short bar marks the threshold of a week whose neighbours have none.
        symbol: 'rect',
        symbolSize: [12, 2],
        lineStyle: { type: 'dotted', width: 1.5 },
        itemStyle: { color: '#fa8c16' },
      },
      {
        name: labels.observed,
        type: 'line',
        data: series.observed.map((value, i) =>
          over.has(i) ? { value, itemStyle: { color: '#f5222d' }, symbolSize: 9 } : value,
        ),
        symbolSize: 6,
        itemStyle: { color: '#1677ff' },
        lineStyle: { width: 2 },
      },
    ],
  };
}
