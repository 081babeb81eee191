import { invalidField } from '../../core/errors.js';
import { type IsoWeek, parseWeek, weekParts } from '../../core/time/index.js';
import {
  axisLabel,
  type ChartText,
  count,
  emptyChart,
  finite,
  frame,
  gridBox,
  label,
  legend,
  list,
  type NamedValue,
  niceMax,
  splitLine,
  titleSpace,
  topWithOthers,
} from './chart-parts.js';
import type { ChartSpec } from './spec.js';
import { decal, LINE_TYPES, MUTED, PALETTE, SYMBOLS, TEXT_COLOR, textFor } from './theme.js';

/*
 * Option builders for the report charts: pure functions from plain data to a ChartSpec (JSON only, no functions), in
 * zh-CN or en-US. Each checks its input and names the bad field; a chart with nothing to plot comes out as the title
 * with "暂无数据" rather than an empty frame. The village map is in map-chart.ts.
 */

export interface WeeklyTrendInput extends ChartText {
  /** The weeks shown, oldest first (ISO weeks `YYYYWW`). */
  weeks: readonly IsoWeek[];
  /** This year's value for each week. */
  thisYear: readonly number[];
  /** The value of the same week one year earlier (同比), null where unknown. */
  lastYear: readonly (number | null)[];
  /** Unit written above the value axis, e.g. 件. */
  unit?: string;
}

/** Weekly line of this year with the same weeks of last year overlaid (solid vs dashed, circles vs squares). */
export function weeklyTrendChart(input: WeeklyTrendInput): ChartSpec {
  const weeks = list(input.weeks, 'weeks').map((week, i) => parseWeek(week, `weeks.${i}`));
  const thisYear = list(input.thisYear, 'thisYear').map((value, i) => finite(value, `thisYear.${i}`));
  const lastYear = list(input.lastYear, 'lastYear').map((value, i) =>
    value === null ? '-' : finite(value, `lastYear.${i}`),
  );
  for (const [field, values] of [
    ['thisYear', thisYear],
    ['lastYear', lastYear],
  ] as const) {
    if (values.length !== weeks.length) {
      throw invalidField(field, `must have one value per week (${weeks.length}), got ${values.length}`);
    }
  }
  if (weeks.length === 0) {
    return emptyChart(input);
  }
  const text = textFor(input.locale);
  const years = [...new Set(weeks.map((week) => weekParts(week).year))];
  const oneYear = years.length === 1 ? (years[0] as number) : null;
  const option = frame(input);
  option.tooltip = { trigger: 'axis' };
  option.legend = { ...legend };
  option.grid = gridBox(input, true);
  option.xAxis = {
    type: 'category',
    boundaryGap: false,
    data: weeks.map((week) => {
      const parts = weekParts(week);
      return oneYear === null ? `${parts.year}W${String(parts.week).padStart(2, '0')}` : text.week(parts.week);
    }),
    axisLabel: { ...axisLabel },
  };
  option.yAxis = {
    type: 'value',
    min: 0,
    ...(input.unit && { name: input.unit, nameTextStyle: { ...axisLabel } }),
    axisLabel: { ...axisLabel },
    splitLine,
  };
  option.series = [
    {
      type: 'line',
      name: oneYear === null ? text.thisPeriod : text.year(oneYear),
      data: thisYear,
      color: PALETTE[0],
      lineStyle: { width: 2.5, type: 'solid' },
      symbol: 'circle',
      symbolSize: 6,
      z: 3,
    },
    {
      type: 'line',
      name: oneYear === null ? text.lastYear : text.sameWeeksLastYear(oneYear - 1),
      data: lastYear,
      color: PALETTE[1],
      lineStyle: { width: 2, type: 'dashed' },
      symbol: 'emptyRect',
      symbolSize: 6,
      z: 2,
    },
  ];
  return { option };
}

export interface RankingInput extends ChartText {
  items: readonly NamedValue[];
  /** How many items keep their own bar; the rest are summed into "others". 10 by default. */
  top?: number;
  unit?: string;
}

/** Horizontal bars, largest on top, the tail summed into a grey "others (n)" bar. */
export function rankingChart(input: RankingInput): ChartSpec {
  const items = namedValues(input.items, 'items', false);
  const top = count(input.top, 10, 'top');
  if (items.length === 0) {
    return emptyChart(input);
  }
  const { kept, others } = topWithOthers(items, top);
  const bars = [
    ...kept.map((item) => ({ name: item.name, value: item.value })),
    ...(others
      ? [{ name: textFor(input.locale).others(others.count), value: others.value, itemStyle: { color: MUTED } }]
      : []),
  ];
  const option = frame(input);
  option.tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } };
  option.grid = { ...gridBox(input, false), right: 56 };
  option.yAxis = {
    type: 'category',
    inverse: true,
    data: bars.map((bar) => bar.name),
    axisLabel: { ...axisLabel, color: TEXT_COLOR, width: 150, overflow: 'truncate' },
    axisTick: { show: false },
  };
  option.xAxis = {
    type: 'value',
    min: 0,
    ...(input.unit && { name: input.unit, nameLocation: 'end', nameTextStyle: { ...axisLabel } }),
    axisLabel: { ...axisLabel },
    splitLine,
  };
  option.series = [
    {
      type: 'bar',
      data: bars,
      color: PALETTE[0],
      barMaxWidth: 22,
      label: { show: true, position: 'right', color: TEXT_COLOR, fontSize: 11 },
    },
  ];
  return { option };
}

export interface ShareInput extends ChartText {
  items: readonly NamedValue[];
  /** How many items keep their own slice; the rest become "others". 7 by default. */
  top?: number;
}

/** A donut of shares with the total in the middle; slices carry name and percentage, and a decal for grey print. */
export function shareDonutChart(input: ShareInput): ChartSpec {
  const items = namedValues(input.items, 'items', true).filter((item) => item.value > 0);
  const slices = count(input.top, 7, 'top');
  if (items.length === 0) {
    return emptyChart(input);
  }
  const text = textFor(input.locale);
  const { kept, others } = topWithOthers(items, slices);
  const total = items.reduce((sum, item) => sum + item.value, 0);
  const top = titleSpace(input);
  const option = frame(input);
  option.tooltip = { trigger: 'item', formatter: '{b}: {c} ({d}%)' };
  const centre = `${50 + top / 20}%`;
  option.title = [
    ...(option.title ? [option.title as object] : []),
    {
      text: formatTotal(total),
      subtext: text.total,
      left: 'center',
      top: centre,
      textVerticalAlign: 'middle',
      itemGap: 2,
      textStyle: { fontSize: 18, fontWeight: 'bold', color: TEXT_COLOR },
      subtextStyle: { fontSize: 11, color: MUTED },
    },
  ];
  option.series = [
    {
      type: 'pie',
      radius: ['40%', '64%'],
      center: ['50%', centre],
      avoidLabelOverlap: true,
      itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
      label: { formatter: '{b}\n{d}%', color: TEXT_COLOR, fontSize: 11, width: 120, overflow: 'truncate' },
      labelLine: { length: 10, length2: 10 },
      // Colours and patterns are given per slice: ECharts would otherwise look them up by slice name in a plain
      // object, and a name such as "hasOwnProperty" breaks that lookup.
      data: [
        ...kept.map((item, i) => ({
          name: item.name,
          value: item.value,
          itemStyle: { color: PALETTE[i % PALETTE.length], decal: decal(i) },
        })),
        ...(others
          ? [
              {
                name: text.others(others.count),
                value: others.value,
                itemStyle: { color: MUTED, decal: decal(kept.length) },
              },
            ]
          : []),
      ],
    },
  ];
  return { option };
}

export interface RadarInput extends ChartText {
  /** The axes; `max` defaults to a round number above every series' value on that axis. */
  indicators: readonly { name: string; max?: number }[];
  /** E.g. town this quarter, town last quarter, village this quarter …; one value per indicator each. */
  series: readonly { name: string; values: readonly number[] }[];
}

/** A radar of composite indicators; series differ by colour, dash and marker, the first one filled lightly. */
export function indicatorRadarChart(input: RadarInput): ChartSpec {
  const indicators = list(input.indicators, 'indicators');
  const series = list(input.series, 'series').map((one, i) => ({
    name: label(one?.name, `series.${i}.name`),
    values: list(one?.values, `series.${i}.values`).map((value, j) => finite(value, `series.${i}.values.${j}`)),
  }));
  series.forEach((one, i) => {
    if (one.values.length !== indicators.length) {
      throw invalidField(
        `series.${i}.values`,
        `must have one value per indicator (${indicators.length}), got ${one.values.length}`,
      );
    }
  });
  const axes = indicators.map((indicator, j) => {
    const values = series.map((one) => one.values[j] as number);
    const max =
      indicator?.max === undefined ? niceMax(Math.max(0, ...values)) : finite(indicator.max, `indicators.${j}.max`);
    const min = Math.min(0, ...values);
    return { name: label(indicator?.name, `indicators.${j}.name`), max: max > min ? max : min + 1, min };
  });
  if (axes.length === 0 || series.length === 0) {
    return emptyChart(input);
  }
  const top = titleSpace(input);
  const option = frame(input);
  option.tooltip = { trigger: 'item' };
  // Legend keys with each series' marker, so the key still works in grey print.
  option.legend = { ...legend, data: series.map((one, i) => ({ name: one.name, icon: SYMBOLS[i % SYMBOLS.length] })) };
  option.radar = {
    indicator: axes,
    center: ['50%', `${50 + top / 20}%`],
    radius: '58%',
    axisName: { color: TEXT_COLOR, fontSize: 12, width: 96, overflow: 'truncate' },
    splitArea: { show: false },
    splitLine: { lineStyle: { color: '#d5d9de' } },
    axisLine: { lineStyle: { color: '#c4c9cf' } },
  };
  option.series = [
    {
      type: 'radar',
      data: series.map((one, i) => ({
        name: one.name,
        value: one.values,
        symbol: SYMBOLS[i % SYMBOLS.length],
        symbolSize: 6,
        itemStyle: { color: PALETTE[i % PALETTE.length] },
        lineStyle: { width: 2, type: lineType(i) },
        ...(i === 0 && { areaStyle: { opacity: 0.12 } }),
      })),
    },
  ];
  return { option };
}

export interface DepartmentRates {
  name: string;
  /** Shares in 0…1 as the stats API gives them (null when the denominator was 0). */
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export interface DepartmentRatesInput extends ChartText {
  departments: readonly DepartmentRates[];
}

const RATE_KEYS = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;

/** Grouped bars of the three rates (响应率, 解决率, 满意率) per department, in percent, decals for grey print. */
export function departmentRatesChart(input: DepartmentRatesInput): ChartSpec {
  const departments = list(input.departments, 'departments').map((department, i) => ({
    name: label(department?.name, `departments.${i}.name`),
    rates: RATE_KEYS.map((key) => {
      const value = department[key];
      if (value === null) {
        return '-';
      }
      const rate = finite(value, `departments.${i}.${key}`);
      if (rate < 0 || rate > 1) {
        throw invalidField(`departments.${i}.${key}`, `must be a share between 0 and 1, got ${rate}`);
      }
      return Math.round(rate * 1000) / 10;
    }),
  }));
  if (departments.length === 0) {
    return emptyChart(input);
  }
  const text = textFor(input.locale);
  const crowded = departments.length > 6;
  const option = frame(input);
  option.tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } };
  option.legend = { ...legend };
  option.grid = gridBox(input, true);
  option.xAxis = {
    type: 'category',
    data: departments.map((department) => department.name),
    axisLabel: {
      ...axisLabel,
      color: TEXT_COLOR,
      interval: 0,
      rotate: crowded ? 30 : 0,
      width: 90,
      overflow: 'truncate',
    },
    axisTick: { alignWithLabel: true },
  };
  option.yAxis = { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel, formatter: '{value}%' }, splitLine };
  option.series = RATE_KEYS.map((key, k) => ({
    type: 'bar' as const,
    name: text[key],
    data: departments.map((department) => department.rates[k] as number | string),
    color: PALETTE[k],
    itemStyle: { decal: decal(k) },
    barMaxWidth: 26,
    barGap: '10%',
    label: { show: !crowded, position: 'top' as const, formatter: '{c}%', fontSize: 10, color: TEXT_COLOR },
  }));
  return { option };
}

function namedValues(items: readonly NamedValue[] | undefined, path: string, nonNegative: boolean): NamedValue[] {
  return list(items, path).map((item, i) => {
    const value = finite(item?.value, `${path}.${i}.value`);
    if (nonNegative && value < 0) {
      throw invalidField(`${path}.${i}.value`, `must not be negative for a share, got ${value}`);
    }
    return { name: label(item?.name, `${path}.${i}.name`), value };
  });
}

function lineType(i: number): 'solid' | 'dashed' | 'dotted' | number[] {
  const type = LINE_TYPES[i % LINE_TYPES.length] ?? 'solid';
  return typeof type === 'string' ? type : [...type];
}

/** A total as people read it: thousands separated, at most two decimals. */
function formatTotal(total: number): string {
  return Math.abs(total) < 1e15 ? total.toLocaleString('en-US', { maximumFractionDigits: 2 }) : total.toPrecision(4);
}
