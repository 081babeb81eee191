import { describe, expect, it } from 'vitest';
import {
  departmentRatesChart,
  indicatorRadarChart,
  rankingChart,
  shareDonutChart,
  weeklyTrendChart,
} from './charts.js';
import { decodePng, inkIn, makeVillages, xmlProblem } from './charts.testing.js';
import { placesFeatureCollection } from './geo.js';
import { villageMapChart } from './map-chart.js';
import { renderChart, renderChartSvg } from './render.js';
import type { ChartSpec } from './spec.js';

const weeks = [202501, 202502, 202503, 202504, 202505, 202506];
const size = { width: 480, height: 300 };

/** Every builder once, with the words its SVG must show. */
const samples: [string, ChartSpec, string[]][] = [
  [
    'weekly trend with last year',
    weeklyTrendChart({
      title: '投诉举报周趋势',
      weeks,
      thisYear: [12, 15, 11, 18, 22, 19],
      lastYear: [10, 9, null, 14, 15, 13],
      unit: '件',
    }),
    ['投诉举报周趋势', '第1周', '2025年', '2024年同期', '件'],
  ],
  [
    'ranking with others',
    rankingChart({
      title: '事项类别排名',
      top: 3,
      items: [
        { name: '占道经营', value: 30 },
        { name: '噪声扰民', value: 25 },
        { name: '环境卫生', value: 5 },
        { name: '违章搭建', value: 20 },
        { name: '油烟污染', value: 2 },
      ],
    }),
    ['事项类别排名', '占道经营', '违章搭建', '其他（2项）'],
  ],
  [
    'donut of shares',
    shareDonutChart({
      title: '投诉来源构成',
      items: [
        { name: '12345热线', value: 60 },
        { name: '网络平台', value: 30 },
        { name: '来访', value: 10 },
      ],
    }),
    ['投诉来源构成', '12345热线', '60%', '合计', '100'],
  ],
  [
    'radar of indicators',
    indicatorRadarChart({
      title: '基层治理综合画像',
      indicators: [{ name: '办结率', max: 100 }, { name: '满意度', max: 100 }, { name: '响应及时率' }],
      series: [
        { name: '全镇·本季度', values: [90, 85, 92] },
        { name: '苏华村·本季度', values: [70, 88, 60] },
      ],
    }),
    ['基层治理综合画像', '办结率', '响应及时率', '全镇·本季度', '苏华村·本季度'],
  ],
  [
    'three rates by department',
    departmentRatesChart({
      title: '各部门三率',
      departments: [
        { name: '综合行政执法队', responseRate: 0.96, resolutionRate: 0.881, satisfactionRate: 0.9 },
        { name: '市场监管所', responseRate: 0.9, resolutionRate: null, satisfactionRate: 0.75 },
      ],
    }),
    ['各部门三率', '综合行政执法队', '响应率', '解决率', '满意率', '88.1%'],
  ],
  [
    'village map',
    villageMapChart({
      title: '各村投诉量',
      geo: makeVillages(4, ['苏华村', '溪口村', '锦园社区', '新屋村']),
      values: [
        { code: 'v01', value: 40 },
        { code: 'v02', value: 10 },
        { code: 'v03', value: 25 },
      ],
      unit: '件',
    }),
    ['各村投诉量', '苏华村', '锦园社区', '新屋村', '斜线：无数据'],
  ],
];

describe('chart builders', () => {
  const blank = renderChart({}, size).then(({ png }) => decodePng(png));

  it.each(samples)('%s: renders with its Chinese words, at 2× in the PNG, not blank', async (_, spec, words) => {
    const { svg, png } = await renderChart(spec, size);
    expect(xmlProblem(svg)).toBeNull();
    for (const word of words) {
      expect(svg).toContain(`>${word}`);
    }
    const image = decodePng(png);
    expect([image.width, image.height]).toEqual([960, 600]);
    expect(inkIn(image)).toBeGreaterThan(inkIn(await blank) + 2000);
  });

  it.each(samples)('%s: the spec is plain JSON (the HTML report embeds it as is)', (_, spec) => {
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(spec.option.animation).toBe(false);
  });

  it('writes English words in en-US', () => {
    const trend = weeklyTrendChart({
      locale: 'en-US',
      weeks,
      thisYear: [1, 2, 3, 4, 5, 6],
      lastYear: weeks.map(() => 1),
    });
    const svg = renderChartSvg(trend, size);
    expect(svg).toContain('>W01<');
    expect(svg).toContain('>2025<');
    expect(svg).toContain('>Same weeks 2024<');
    const ranking = rankingChart({
      locale: 'en-US',
      top: 1,
      items: [1, 2, 3].map((value) => ({ name: `c${value}`, value })),
    });
    expect(renderChartSvg(ranking, size)).toContain('>Others (2)<');
  });

  it('labels weeks with their year when the weeks span two years', () => {
    const spec = weeklyTrendChart({ weeks: [202452, 202501], thisYear: [1, 2], lastYear: [1, 1] });
    expect(spec.option.xAxis).toMatchObject({ data: ['2024W52', '2025W01'] });
    expect(spec.option.series).toMatchObject([{ name: '本期' }, { name: '上年同期' }]);
  });

  it('ranks by value, keeps the top N and sums the rest into "others"', () => {
    const spec = rankingChart({
      top: 2,
      items: [
        { name: 'a', value: 1 },
        { name: 'b', value: 9 },
        { name: 'c', value: 4 },
        { name: 'd', value: 3 },
      ],
    });
    const [axis] = [spec.option.yAxis] as { data: string[] }[];
    expect(axis?.data).toEqual(['b', 'c', '其他（2项）']);
    expect(spec.option.series).toMatchObject([{ data: [{ value: 9 }, { value: 4 }, { value: 4 }] }]);
  });

  it('leaves zero shares out of the donut and shows the total', () => {
    const spec = shareDonutChart({
      items: [
        { name: 'a', value: 3 },
        { name: 'zero', value: 0 },
        { name: 'b', value: 1234.5 },
      ],
    });
    expect(JSON.stringify(spec.option.series)).not.toContain('zero');
    expect(JSON.stringify(spec.option.title)).toContain('1,237.5');
  });

  it('rounds radar axes up to a round maximum', () => {
    const spec = indicatorRadarChart({
      indicators: [{ name: 'x' }, { name: 'y' }, { name: 'z' }],
      series: [{ name: 's', values: [87, 0, 0.3] }],
    });
    expect(spec.option.radar).toMatchObject({ indicator: [{ max: 100 }, { max: 1 }, { max: 0.5 }] });
  });

  it('gives the map its outlines under a name derived from them, names duplicated villages apart', () => {
    const geo = makeVillages(3, ['新村', '新村', '东村']);
    const spec = villageMapChart({ geo, values: [{ code: 'v01', value: 1 }] });
    const again = villageMapChart({ geo, values: [{ code: 'v02', value: 5 }] });
    const other = villageMapChart({ geo: makeVillages(3), values: [] });
    const [name] = Object.keys(spec.maps ?? {});
    expect(name).toMatch(/^shanzhi-villages-[0-9a-f]{16}$/);
    expect(Object.keys(again.maps ?? {})).toEqual([name]);
    expect(Object.keys(other.maps ?? {})).not.toEqual([name]);
    expect(spec.option.series).toMatchObject([{ type: 'map', map: name }]);
    const regions = spec.maps?.[name as string]?.features.map((feature) => feature.properties.name);
    expect(regions).toEqual(['新村（v01）', '新村（v02）', '东村']);
  });

  it('builds the map outlines from place rows, boundary as GeoJSON text or object', () => {
    const [feature] = makeVillages(1).features;
    const geo = placesFeatureCollection([
      { code: 'a', name: '甲村', boundary: JSON.stringify(feature?.geometry) },
      { code: 'b', name: '乙村', nameEn: 'Yi', boundary: feature?.geometry ?? null },
      { code: 'c', name: '丙村', boundary: null },
    ]);
    expect(geo.features.map((f) => f.properties)).toEqual([
      { code: 'a', name: '甲村', nameEn: null },
      { code: 'b', name: '乙村', nameEn: 'Yi' },
    ]);
    const svg = renderChartSvg(villageMapChart({ locale: 'en-US', geo, values: [{ code: 'b', value: 2 }] }), size);
    expect(svg).toContain('>Yi<');
  });

  it.each([
    ['no weeks', weeklyTrendChart({ title: '周趋势', weeks: [], thisYear: [], lastYear: [] })],
    ['no items', rankingChart({ title: '排名', items: [] })],
    ['only zeros', shareDonutChart({ title: '构成', items: [{ name: 'a', value: 0 }] })],
    ['no indicators', indicatorRadarChart({ title: '画像', indicators: [], series: [] })],
    ['no departments', departmentRatesChart({ title: '三率', departments: [] })],
    ['no villages', villageMapChart({ title: '分布', geo: makeVillages(0), values: [] })],
  ])('draws the title and "暂无数据" when there is nothing to plot (%s)', (_, spec) => {
    const svg = renderChartSvg(spec, size);
    expect(svg).toContain('>暂无数据<');
    expect(spec.maps).toBeUndefined();
  });

  it.each([
    [
      'lastYear',
      () => weeklyTrendChart({ weeks: [202501, 202502], thisYear: [1, 2], lastYear: [1] }),
      'lastYear: must have one value per week (2), got 1',
    ],
    [
      'thisYear.1',
      () => weeklyTrendChart({ weeks: [202501, 202502], thisYear: [1, Number.NaN], lastYear: [1, 1] }),
      'thisYear.1',
    ],
    ['weeks.0', () => weeklyTrendChart({ weeks: [202554], thisYear: [1], lastYear: [1] }), 'weeks.0'],
    ['top', () => rankingChart({ items: [], top: 0 }), 'top'],
    ['items.0.value', () => shareDonutChart({ items: [{ name: 'a', value: -1 }] }), 'items.0.value'],
    [
      'series.0.values',
      () => indicatorRadarChart({ indicators: [{ name: 'a' }], series: [{ name: 's', values: [1, 2] }] }),
      'series.0.values',
    ],
    [
      'departments.0.satisfactionRate',
      () =>
        departmentRatesChart({
          departments: [{ name: 'd', responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 96 }],
        }),
      'departments.0.satisfactionRate: must be a share between 0 and 1',
    ],
    [
      'values.0.code',
      () => villageMapChart({ geo: makeVillages(1), values: [{ code: 'x', value: 1 }] }),
      'values.0.code',
    ],
    [
      'geo',
      () => villageMapChart({ geo: { type: 'Feature' } as never, values: [] }),
      'geo: must be a GeoJSON FeatureCollection',
    ],
    [
      'geo.features.0.geometry',
      () =>
        villageMapChart({
          geo: {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', properties: { code: 'a', name: 'b' }, geometry: { type: 'Point' } as never }],
          },
          values: [],
        }),
      'geo.features.0.geometry',
    ],
  ])('names the bad field (%s)', (_, build, message) => {
    expect(build).toThrow(
      expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining(message) }),
    );
  });
});
