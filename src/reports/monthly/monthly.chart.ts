import { invalidField } from '../../core/errors.js';
import { type Locale, type Month, monthParts } from '../../core/time/index.js';
import { CHART_FONT_STACK, type ChartSpec, PALETTE } from '../charts/index.js';

/*
 * The monthly trend line: the last 12 months against the same months a year earlier. The charts folder draws weeks
 * only (weeklyTrendChart); this small builder draws months in the same look (solid line with dots for this year,
 * dashed with open squares for the year before, so it reads in grey print). Plain JSON, no functions.
 */

export interface MonthTrendInput {
  months: readonly Month[];
  thisYear: readonly number[];
  /** The same month a year earlier; null where unknown. */
  lastYear: readonly (number | null)[];
  unit: string;
  locale: Locale;
}

const AXIS = { color: '#595959', fontSize: 11 } as const;

/** A line chart of counts by month with the year before overlaid. Bad input is invalid_input naming the field. */
export function monthTrendChart(input: MonthTrendInput): ChartSpec {
  const { months, thisYear, lastYear, locale } = input;
  for (const [field, values] of [
    ['thisYear', thisYear],
    ['lastYear', lastYear],
  ] as const) {
    if (values.length !== months.length) {
      throw invalidField(field, `must have one value per month (${months.length}), got ${values.length}`);
    }
    values.forEach((v, i) => {
      if (v !== null && !Number.isFinite(v)) {
        throw invalidField(`${field}.${i}`, `must be a finite number, got ${String(v)}`);
      }
    });
  }
  const en = locale === 'en-US';
  const labels = months.map((m) => {
    const { year, month } = monthParts(m);
    return en ? `${year}-${String(month).padStart(2, '0')}` : `${String(year).slice(2)}年${month}月`;
  });
  return {
    option: {
      animation: false,
      backgroundColor: '#ffffff',
      color: [...PALETTE],
      textStyle: { fontFamily: CHART_FONT_STACK, color: '#262626' },
      tooltip: { trigger: 'axis' },
      legend: { bottom: 6, itemWidth: 22, itemHeight: 12 },
      grid: { left: 12, right: 24, top: 28, bottom: 38, outerBoundsMode: 'same', outerBoundsContain: 'all' },
      xAxis: { type: 'category', boundaryGap: false, data: labels, axisLabel: { ...AXIS } },
      yAxis: {
        type: 'value',
        min: 0,
        name: input.unit,
        nameTextStyle: { ...AXIS },
        axisLabel: { ...AXIS },
        splitLine: { lineStyle: { color: '#e5e5e5' } },
      },
      series: [
        {
          type: 'line',
          name: en ? 'Last 12 months' : '近12个月',
          data: [...thisYear],
          color: PALETTE[0],
          lineStyle: { width: 2.5, type: 'solid' },
          symbol: 'circle',
          symbolSize: 6,
          z: 3,
        },
        {
          type: 'line',
          name: en ? 'Same months a year earlier' : '上年同期',
          data: lastYear.map((v) => (v === null ? '-' : v)),
          color: PALETTE[1],
          lineStyle: { width: 2, type: 'dashed' },
          symbol: 'emptyRect',
          symbolSize: 6,
          z: 2,
        },
      ],
    },
  };
}
