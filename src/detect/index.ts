/**
 * What other features may use of `detect`: the detectors by name (the same list the CLI and the engine use), the
 * individual algorithms with their full options, the CSV contract of `shanzhi detect`, and the emerging-word
 * detector (segmentation with the governance dictionary, weekly term counts, bursts, grouping into issues).
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
export {
  type BurstOptions,
  burstingTerms,
  DEFAULT_BURST_OPTIONS,
  flagBursts,
  type TermBurst,
  type TermTest,
  termTests,
} from './emerging/burst.js';
export { type EmergingIssue, type EmergingOptions, type EmergingText, emergingIssues } from './emerging/emerging.js';
export {
  createJieba,
  type DictionaryWord,
  governanceWords,
  parseUserWords,
} from './emerging/governance-dictionary.js';
export { type GroupOptions, groupTerms, type TermGroup, type TermTexts } from './emerging/group-terms.js';
export { createSegmenter, defaultSegmenter, type TermSegmenter, termsOf } from './emerging/segment.js';
export { countTerms, sumWeeks, type TermCounts, type WeekTerms } from './emerging/term-counts.js';
