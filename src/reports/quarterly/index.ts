/** The quarterly governance portrait (基层治理综合画像): a ReportDocument written from the stats service. */
export { quarterlyQueries, quarterWeeks } from './quarterly.data.js';
export {
  INDICATOR_AREAS,
  INDICATORS,
  type Indicator,
  type PlaceQuarter,
  type References,
  referencesOf,
  type Scores,
  scorePlace,
} from './quarterly.indicators.js';
export {
  parseQuarterlyInput,
  type QuarterlyDeps,
  type QuarterlyPortraitInput,
  quarterlyPortraitSchema,
} from './quarterly.schema.js';
export { buildQuarterlyPortrait } from './quarterly.service.js';
