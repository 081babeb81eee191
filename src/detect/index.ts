/**
 * What other features may use of `detect`: the detectors by name (the same list the CLI and the engine use), the
 * individual algorithms with their full options, and the CSV contract of `shanzhi detect`.
 */
export { type EarsOptions, earsC1, earsC2, earsC3 } from './algorithms/ears.js';
export {
  type FarringtonOptions,
  type FarringtonResult,
  farringtonFlexible,
  farringtonNoufaily,
  farringtonNoufailyMuan,
  farringtonOriginal,
  type ThresholdMethod,
} from './algorithms/farrington.js';
export { type BenjaminiHochbergResult, benjaminiHochberg } from './algorithms/fdr.js';
export { type GlrOptions, type GlrResult, glrNb, glrPois, glrPoisCases } from './algorithms/glr.js';
export { type MannKendallResult, mannKendall, type SeriesValue } from './algorithms/mann-kendall.js';
export {
  type DetectionMethod,
  type DetectionRow,
  defaultRange,
  detectionMethod,
  detectionMethods,
  isMethodName,
  type MethodName,
  methodNames,
} from './algorithms/methods.js';
export { type SenSlopeOptions, type SenSlopeResult, senSlope } from './algorithms/sen-slope.js';
export {
  type SeriesTrendResult,
  type TrendOptions,
  type TrendResult,
  trendAcrossSeries,
  trendTest,
} from './algorithms/trend.js';
export type { Alarm, DetectionResult, WeekRange } from './algorithms/types.js';
export { runDetectCsv } from './detect-csv.js';
