import type { Locale } from '../../core/time/index.js';

/*
 * The look shared by every report chart: a calm palette of official blues with an amber, a grey and a brick red for
 * contrast, ordered so that neighbouring series also differ in lightness (they stay apart when printed in grey), plus
 * line dashes, marker shapes and bar decals that tell series apart without colour at all.
 */

/** Series colours, in the order series take them. */
export const PALETTE = [
  '#1f4e79',
  '#d08c2b',
  '#6e9fc9',
  '#5c5c5c',
  '#a23b3b',
  '#4f7f5f',
  '#b9a77a',
  '#2f2f5f',
] as const;

/** For "others", missing values and last year's line: recedes behind the real series. */
export const MUTED = '#9a9a9a';

/** Sequential fill for maps, light to dark (monotonic in lightness, so grey print keeps the order). */
export const SEQUENTIAL = ['#eef3f8', '#bcd0e4', '#7ea6cb', '#3f74a6', '#173d66'] as const;

/** Line dashes and markers, one per series, so lines differ in grey print too. */
export const LINE_TYPES = ['solid', 'dashed', 'dotted', [10, 4, 2, 4], [2, 2]] as const;
export const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'emptyCircle', 'emptyRect'] as const;

const DECAL_COLOR = 'rgba(0, 0, 0, 0.2)';

export interface Decal {
  color: string;
  symbol?: 'circle' | 'triangle';
  symbolSize?: number;
  dashArrayX: number[] | number[][];
  dashArrayY: number[];
  rotation?: number;
}

/**
 * Fill patterns for bars and slices (ECharts' default decal set), given explicitly per series or slice: ECharts'
 * automatic decals look patterns up by slice name in a plain object, which a name like "hasOwnProperty" breaks.
 */
export const DECALS: readonly Decal[] = [
  { color: DECAL_COLOR, dashArrayX: [1, 0], dashArrayY: [2, 5], symbolSize: 1, rotation: Math.PI / 6 },
  {
    color: DECAL_COLOR,
    symbol: 'circle',
    dashArrayX: [
      [8, 8],
      [0, 8, 8, 0],
    ],
    dashArrayY: [6, 0],
    symbolSize: 0.8,
  },
  { color: DECAL_COLOR, dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -Math.PI / 4 },
  {
    color: DECAL_COLOR,
    dashArrayX: [
      [6, 6],
      [0, 6, 6, 0],
    ],
    dashArrayY: [6, 0],
  },
  {
    color: DECAL_COLOR,
    dashArrayX: [
      [1, 0],
      [1, 6],
    ],
    dashArrayY: [1, 0, 6, 0],
    rotation: Math.PI / 4,
  },
  {
    color: DECAL_COLOR,
    symbol: 'triangle',
    dashArrayX: [
      [9, 9],
      [0, 9, 9, 0],
    ],
    dashArrayY: [7, 2],
    symbolSize: 0.75,
  },
];

/** The i-th decal as a fresh object (ECharts marks the decal objects it has processed). */
export function decal(i: number): Decal {
  return structuredClone(DECALS[i % DECALS.length] as Decal);
}

export const TEXT_COLOR = '#333333';
export const AXIS_COLOR = '#666666';
export const GRID_LINE_COLOR = '#e3e6ea';

/**
 * The font stack for charts shown in a browser (the HTML report). Server-side rendering replaces it with the one
 * font resvg was given (see render.ts).
 */
export const CHART_FONT_STACK =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Words the charts write themselves, zh-CN first. */
export const CHART_TEXT = {
  'zh-CN': {
    others: (count: number) => `其他（${count}项）`,
    noData: '暂无数据',
    total: '合计',
    week: (week: number) => `第${week}周`,
    year: (year: number) => `${year}年`,
    sameWeeksLastYear: (year: number) => `${year}年同期`,
    thisPeriod: '本期',
    lastYear: '上年同期',
    responseRate: '响应率',
    resolutionRate: '解决率',
    satisfactionRate: '满意率',
    hatchedNoData: '斜线：无数据',
  },
  'en-US': {
    others: (count: number) => `Others (${count})`,
    noData: 'No data',
    total: 'Total',
    week: (week: number) => `W${String(week).padStart(2, '0')}`,
    year: (year: number) => String(year),
    sameWeeksLastYear: (year: number) => `Same weeks ${year}`,
    thisPeriod: 'This period',
    lastYear: 'Same weeks last year',
    responseRate: 'Response rate',
    resolutionRate: 'Resolution rate',
    satisfactionRate: 'Satisfaction rate',
    hatchedNoData: 'Hatched: no data',
  },
} as const satisfies Record<Locale, unknown>;

export function textFor(locale: Locale | undefined) {
  return CHART_TEXT[locale ?? 'zh-CN'];
}
