/** Report charts: option builders (zh-CN / en-US) and server-side rendering to SVG and PNG (see docs/reports.md). */

export type { ChartText, NamedValue } from './chart-parts.js';
export {
  type DepartmentRates,
  type DepartmentRatesInput,
  departmentRatesChart,
  indicatorRadarChart,
  type RadarInput,
  type RankingInput,
  rankingChart,
  type ShareInput,
  shareDonutChart,
  type WeeklyTrendInput,
  weeklyTrendChart,
} from './charts.js';
export { type CjkFont, cjkFont, DEBIAN_NOTO_CJK, FONT_ENV, findCjkFont } from './font.js';
export {
  type PlaceOutline,
  placesFeatureCollection,
  type VillageFeature,
  type VillageFeatureCollection,
} from './geo.js';
export { type VillageMapInput, villageMapChart } from './map-chart.js';
export { type RenderedChart, type RenderOptions, renderChart, renderChartSvg, svgToPng } from './render.js';
export type { ChartOption, ChartSpec } from './spec.js';
export { CHART_FONT_STACK, PALETTE } from './theme.js';
