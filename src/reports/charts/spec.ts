import type {
  BarSeriesOption,
  LineSeriesOption,
  MapSeriesOption,
  PieSeriesOption,
  RadarSeriesOption,
} from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  RadarComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { VillageFeatureCollection } from './geo.js';

/** An ECharts option made of the parts the report charts use (render.ts registers exactly these). */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | PieSeriesOption
  | RadarSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TitleComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/**
 * A chart as the builders return it: plain JSON (no functions), so the HTML report can embed it as is and hand it to
 * ECharts in the browser, after `echarts.registerMap(name, geoJson)` for each entry of `maps`.
 */
export interface ChartSpec {
  option: ChartOption;
  /** GeoJSON the option's map series refer to, by the map name they use. */
  maps?: Record<string, VillageFeatureCollection>;
}
