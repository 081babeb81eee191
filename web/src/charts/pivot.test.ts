import { describe, expect, it } from 'vitest';
import type { StatsAnswer, StatsRow } from '../api/stats';
import { chartValue, MAX_LINES, pivotChartKind, pivotOption } from './pivot';

const key = (code: string | null, name: string) => ({ id: 1, code, name, nameEn: code ? `${name}-en` : null });
const labels = { measure: '记录数', others: '其余', lastYear: '去年同期' };
const answer = (periods: string[], rows: StatsRow[], totals: StatsRow[] = []): StatsAnswer => ({
  asOf: null,
  asOfMs: 1,
  periods,
  rows,
  totals,
});

interface Option {
  xAxis: { type: string; data?: string[] };
  yAxis: { type: string; data?: string[]; axisLabel?: { formatter?: string } };
  series: { name: string; type: string; data: (number | null)[]; stack?: string }[];
}

describe('the pivot chart', () => {
  it('draws lines over time without a dimension, last year dashed from the yoy comparison, rates in %', () => {
    const weeks = answer(
      ['2026-10', '2026-11'],
      [],
      [
        {
          period: '2026-10',
          keys: {},
          values: { responseRate: 0.8123 },
          yoy: { period: '2025-10', values: { responseRate: 0.5 }, change: {} },
        },
        { period: '2026-11', keys: {}, values: { responseRate: null } },
      ],
    );
    expect(pivotChartKind(weeks, [])).toBe('line');
    const option = pivotOption(weeks, { by: [], measure: 'responseRate', english: false, labels }) as unknown as Option;
    expect(option.xAxis.data).toEqual(['2026-10', '2026-11']);
    expect(option.series.map((s) => s.data)).toEqual([
      [81.23, null],
      [50, null],
    ]);
    expect(option.yAxis.axisLabel?.formatter).toBe('{value}%');
  });

  it('draws one line per key over several periods, the largest first, at most MAX_LINES', () => {
    const periods = ['2026-10', '2026-11'];
    const rows: StatsRow[] = [];
    for (let i = 0; i < MAX_LINES + 3; i += 1) {
      for (const period of periods) {
        rows.push({ period, keys: { village: key(`v${i}`, `村${i}`) }, values: { records: i } });
      }
    }
    const data = answer(periods, rows);
    expect(pivotChartKind(data, ['village'])).toBe('line');
    const option = pivotOption(data, {
      by: ['village'],
      measure: 'records',
      english: true,
      labels,
    }) as unknown as Option;
    expect(option.series).toHaveLength(MAX_LINES);
    expect(option.series[0]).toMatchObject({ name: `村${MAX_LINES + 2}-en`, data: [MAX_LINES + 2, MAX_LINES + 2] });
  });

  it('draws bars of the last period for a breakdown, "others" named apart, durations in hours', () => {
    const data = answer(
      ['2026-11'],
      [
        { period: '2026-11', keys: { category1: key('a', '市容') }, values: { handlingMedian: 7_200_000 } },
        { period: '2026-11', keys: { category1: key('_others', '其他') }, values: { handlingMedian: 3_600_000 } },
      ],
    );
    expect(pivotChartKind(data, ['category1'])).toBe('bar');
    const option = pivotOption(data, {
      by: ['category1'],
      measure: 'handlingMedian',
      english: false,
      labels,
    }) as unknown as Option;
    // The first key on top: a category axis draws from the bottom.
    expect(option.yAxis.data).toEqual(['其余', '市容']);
    expect(option.series[0]?.data).toEqual([1, 2]);
  });

  it('stacks counts of a second dimension, and sets rates side by side', () => {
    const rows: StatsRow[] = [
      {
        period: '2026-10',
        keys: { village: key('v1', '甲村'), kind: key('complaint', '投诉') },
        values: { records: 9, responseRate: 1 },
      },
      {
        period: '2026-11',
        keys: { village: key('v1', '甲村'), kind: key('complaint', '投诉') },
        values: { records: 2, responseRate: 0.5 },
      },
      {
        period: '2026-11',
        keys: { village: key('v1', '甲村'), kind: key('case', '案件') },
        values: { records: 3, responseRate: null },
      },
      {
        period: '2026-11',
        keys: { village: key('v2', '乙村'), kind: key('complaint', '投诉') },
        values: { records: 4, responseRate: 0.25 },
      },
      {
        period: '2026-11',
        keys: { village: key('v2', '乙村'), kind: key('case', '案件') },
        values: { records: 0, responseRate: null },
      },
    ];
    const data = answer(['2026-10', '2026-11'], rows);
    expect(pivotChartKind(data, ['village', 'kind'])).toBe('bar');
    const counts = pivotOption(data, {
      by: ['village', 'kind'],
      measure: 'records',
      english: false,
      labels,
    }) as unknown as Option;
    expect(counts.yAxis.data).toEqual(['乙村', '甲村']);
    expect(counts.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['投诉', 'total', [4, 2]],
      ['案件', 'total', [0, 3]],
    ]);
    const rates = pivotOption(data, {
      by: ['village', 'kind'],
      measure: 'responseRate',
      english: false,
      labels,
    }) as unknown as Option;
    expect(rates.series.every((s) => s.stack === undefined)).toBe(true);
    expect(rates.series[0]?.data).toEqual([25, 50]);
  });

  it('scales values to the unit drawn', () => {
    expect(chartValue('records', 12)).toBe(12);
    expect(chartValue('satisfactionRate', 0.91234)).toBe(91.23);
    expect(chartValue('workHandlingP90', 5_400_000)).toBe(1.5);
    expect(chartValue('records', null)).toBeNull();
  });
});
