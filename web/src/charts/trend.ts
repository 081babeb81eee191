import type { EChartsCoreOption } from 'echarts/core';
import type { StatsAnswer, StatsRow } from '../api/stats';

export interface TrendLabels {
  thisYear: string;
  lastYear: string;
}

/**
 * The weeks up to the last one with records: the week holding the cube's as-of has often just begun (or the data
 * ends earlier), and a line falling to zero there would read as a collapse.
 */
export function withoutTrailingEmptyWeeks(answer: StatsAnswer): StatsRow[] {
  let end = answer.totals.length;
  while (end > 0 && (answer.totals[end - 1]?.values.records ?? 0) === 0) {
    end -= 1;
  }
  return answer.totals.slice(0, end);
}

/**
 * The weekly trend with last year overlaid: one line per year over the asked weeks, last year's values read from
 * each week's 同比 comparison (so week 53 meets week 52, as the stats API pairs them).
 */
export function trendOption(answer: StatsAnswer, labels: TrendLabels): EChartsCoreOption {
  const rows = withoutTrailingEmptyWeeks(answer);
  const weeks = rows.map((row) => row.period);
  const current = rows.map((row) => row.values.records ?? 0);
  const lastYear = rows.map((row) => row.yoy?.values.records ?? null);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.thisYear, labels.lastYear], top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: weeks, axisLabel: { formatter: (week: string) => week.replace(/^\d{4}W/, 'W') } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.thisYear, type: 'line', data: current, smooth: true, symbolSize: 6, areaStyle: { opacity: 0.08 } },
      {
        name: labels.lastYear,
        type: 'line',
        data: lastYear,
        smooth: true,
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1.5 },
        itemStyle: { color: '#9aa4b2' },
      },
    ],
  };
}
