import { describe, expect, it } from 'vitest';
import type { StatsAnswer } from '../api/stats';
import { categoryBars, categoryOption } from './categories';
import { trendOption, withoutTrailingEmptyWeeks } from './trend';
import { villageMapOption, villageValues } from './villageMap';

const key = (code: string | null, name: string) => ({ id: 1, code, name, nameEn: code ? `${name}-en` : null });
const answer = (rows: StatsAnswer['rows'], totals: StatsAnswer['totals'] = []): StatsAnswer => ({
  asOf: null,
  asOfMs: null,
  periods: [],
  rows,
  totals,
});

describe('chart options', () => {
  it('draws the trend up to the last week with records, last year from the yoy comparison', () => {
    const weeks = answer(
      [],
      [
        {
          period: '2026W46',
          keys: {},
          values: { records: 4 },
          yoy: { period: '2025W46', values: { records: 3 }, change: {} },
        },
        { period: '2026W47', keys: {}, values: { records: 6 } },
        { period: '2026W48', keys: {}, values: { records: 0 } },
      ],
    );
    expect(withoutTrailingEmptyWeeks(weeks).map((row) => row.period)).toEqual(['2026W46', '2026W47']);
    const option = trendOption(weeks, { thisYear: '本期', lastYear: '去年同期' }) as {
      xAxis: { data: string[] };
      series: { data: (number | null)[] }[];
    };
    expect(option.xAxis.data).toEqual(['2026W46', '2026W47']);
    expect(option.series[0]?.data).toEqual([4, 6]);
    expect(option.series[1]?.data).toEqual([3, null]);
  });

  it('names "others" apart from a real category called 其他 and puts the largest bar on top', () => {
    const bars = categoryBars(
      answer([
        { period: 'p', keys: { category1: key('a', '市容环境') }, values: { records: 9 } },
        { period: 'p', keys: { category1: key('z', '其他') }, values: { records: 2 } },
        { period: 'p', keys: { category1: key('_others', '其他') }, values: { records: 5 } },
        { period: 'q', keys: { category1: key('a', '市容环境') }, values: { records: 1 } },
      ]),
      'p',
      false,
      '其余类别',
    );
    expect(bars.map((bar) => bar.name)).toEqual(['市容环境', '其他', '其余类别']);
    const option = categoryOption(bars, '记录数') as { yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(['其余类别', '其他', '市容环境']);
  });

  it('colours villages by code and leaves the unknown place off the map', () => {
    const values = villageValues(
      answer([
        { period: 'p', keys: { village: key('v1', '苏华村') }, values: { records: 7 } },
        { period: 'p', keys: { village: key(null, '未知地点') }, values: { records: 3 } },
      ]),
      'p',
      true,
    );
    expect(values).toEqual([{ code: 'v1', name: '苏华村-en', value: 7 }]);
    const geo = {
      type: 'FeatureCollection' as const,
      features: [
        {
          type: 'Feature' as const,
          properties: { code: 'v1', name: '苏华村', nameEn: null },
          geometry: {
            type: 'Polygon' as const,
            coordinates: [
              [
                [120, 29],
                [120.1, 29],
                [120, 29.1],
                [120, 29],
              ],
            ],
          },
        },
      ],
    };
    const option = villageMapOption('town-x', geo, values, '记录数', false) as {
      visualMap: { max: number };
      series: { nameProperty: string; data: { name: string; value: number }[] }[];
    };
    expect(option.visualMap.max).toBe(7);
    expect(option.series[0]?.nameProperty).toBe('code');
    expect(option.series[0]?.data).toEqual([{ name: 'v1', value: 7 }]);
  });
});
