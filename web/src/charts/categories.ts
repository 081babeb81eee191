import type { EChartsCoreOption } from 'echarts/core';
import type { StatsAnswer, StatsKey } from '../api/stats';

export interface CategoryBar {
  code: string | null;
  name: string;
  value: number;
}

/** The key the stats API sums the categories beyond the top N into. */
export const OTHERS = '_others';

/** The bars of a `by=category1&top=10` answer for one period, largest first ("others" last, as the API ranks it). */
export function categoryBars(answer: StatsAnswer, period: string, english: boolean, othersName: string): CategoryBar[] {
  return answer.rows
    .filter((row) => row.period === period)
    .map((row) => {
      const key = row.keys.category1 as StatsKey;
      // "Others" gets a name of its own: the taxonomy may hold a real category called 其他.
      const name = key.code === OTHERS ? othersName : (english && key.nameEn) || key.name;
      return { code: key.code, name, value: row.values.records ?? 0 };
    })
    .filter((bar) => bar.value > 0);
}

/** A horizontal bar chart, the largest category on top. */
export function categoryOption(bars: readonly CategoryBar[], seriesName: string): EChartsCoreOption {
  const top = [...bars].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((bar) => bar.name), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        data: top.map((bar) => ({ value: bar.value, code: bar.code })),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#1677ff' },
        barMaxWidth: 18,
      },
    ],
  };
}
