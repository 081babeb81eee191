/**
 * The composite indicators of the quarterly governance portrait (基层治理综合画像): pure functions from a place's
 * quarter figures (read through getStats) to 0–100 scores. The method is documented in docs/reports.md
 * ("Quarterly governance portrait"); every constant it uses is here.
 */
import { invalidField } from '../../core/errors.js';

/** The six indicators, in the order tables and radar charts show them. */
export const INDICATORS = ['safety', 'environment', 'marketOrder', 'labour', 'service', 'satisfaction'] as const;
export type Indicator = (typeof INDICATORS)[number];

/** The indicators scored from a problem load: the records of some top-level categories. */
export const LOAD_INDICATORS = ['safety', 'environment', 'marketOrder', 'labour'] as const;
export type LoadIndicator = (typeof LOAD_INDICATORS)[number];

/**
 * The top-level categories (codes of the default taxonomy, src/taxonomy/default-taxonomy.ts) whose records make each
 * problem load. Areas in none of them (traffic, housing, public facilities, social security, other) count only in
 * the records total and the service figures.
 */
export const INDICATOR_AREAS: Record<LoadIndicator, readonly string[]> = {
  safety: ['fire_safety', 'work_safety', 'food_safety', 'disputes'],
  environment: ['environment', 'city_appearance', 'noise', 'illegal_construction'],
  marketOrder: ['market_order'],
  labour: ['labour'],
};

/** Every score key: the six indicators and their mean. */
export type ScoreKey = Indicator | 'composite';
export const SCORE_KEYS: readonly ScoreKey[] = [...INDICATORS, 'composite'];
export type Scores = Record<ScoreKey, number | null>;

/** The percentile of village-quarter loads used as the load reference (the 90th: robust to one bad village). */
export const LOAD_PERCENTILE = 0.9;
/** The least load reference: below one record a quarter, one record is already the town's worst. */
export const MIN_LOAD_REFERENCE = 1;
/** The least handling-time reference, one hour, so a town handling everything in minutes still divides sensibly. */
export const MIN_HANDLING_REFERENCE_MS = 3_600_000;

/** What one place did in one quarter, from getStats. */
export interface PlaceQuarter {
  /** All records (cases and complaints). With none, the place has no data that quarter and no score. */
  records: number;
  /** Records of each load indicator's categories; for the town, per village (its total over its villages). */
  loads: Record<LoadIndicator, number>;
  overdue: number;
  /** Share of complaints answered within 24 h (null: no complaint). */
  responseRate: number | null;
  /** Median handling time in milliseconds (null: nothing handled). */
  handlingMedian: number | null;
  /** Share of rated complaints satisfied or basically satisfied (null: none rated). */
  satisfactionRate: number | null;
}

/** The yardsticks the scores are measured against: one set per report, from the four quarters ending with it. */
export interface References {
  loads: Record<LoadIndicator, number>;
  handlingMedian: number;
}

/** One decimal, as the document shows scores (rounding keeps order: equal shown scores rank equal). */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The nearest-rank quantile: the k-th smallest value, k = ⌈q·n⌉ (at least 1); null for no values. */
export function nearestRank(values: readonly number[], q: number): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[k - 1] as number;
}

/**
 * The references from the village-quarters of the window (each village in view, each of the four quarters ending
 * with the report's, those with records only): for each load the 90th percentile of the loads (at least 1 record);
 * for handling time twice the median of the medians (at least one hour), so a village as fast as the typical one
 * scores 50.
 */
export function referencesOf(window: readonly PlaceQuarter[]): References {
  const seen = window.filter((pq) => pq.records > 0);
  const loads = {} as Record<LoadIndicator, number>;
  for (const indicator of LOAD_INDICATORS) {
    const p = nearestRank(
      seen.map((pq) => pq.loads[indicator]),
      LOAD_PERCENTILE,
    );
    loads[indicator] = Math.max(MIN_LOAD_REFERENCE, p ?? 0);
  }
  const medians = seen.flatMap((pq) => (pq.handlingMedian === null ? [] : [pq.handlingMedian]));
  const typical = nearestRank(medians, 0.5);
  return { loads, handlingMedian: Math.max(MIN_HANDLING_REFERENCE_MS, 2 * (typical ?? 0)) };
}

function checkAmount(x: number, field: string): void {
  if (!Number.isFinite(x) || x < 0) {
    throw invalidField(field, `must be a finite number ≥ 0, got ${x}`);
  }
}

/** A load against its reference: 100 × (1 − load / reference), clipped to 0–100, one decimal. */
export function loadScore(load: number, reference: number): number {
  checkAmount(load, 'load');
  checkAmount(reference, 'reference');
  if (reference === 0) {
    return load === 0 ? 100 : 0;
  }
  return round1(100 * Math.min(1, Math.max(0, 1 - load / reference)));
}

/** A share in 0…1 as a score (null stays null: nothing to measure). */
export function rateScore(rate: number | null): number | null {
  if (rate === null) {
    return null;
  }
  if (!Number.isFinite(rate)) {
    throw invalidField('rate', `must be a finite number, got ${rate}`);
  }
  return round1(100 * Math.min(1, Math.max(0, rate)));
}

/** The mean of the values that are there, one decimal; null when none is. */
export function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : round1(present.reduce((a, b) => a + b, 0) / present.length);
}

/** The three parts of service efficiency: answered within 24 h, not overdue, handling time against its reference. */
export function serviceParts(
  pq: PlaceQuarter,
  refs: References,
): { response: number | null; onTime: number | null; handling: number | null } {
  checkAmount(pq.overdue, 'overdue');
  return {
    response: rateScore(pq.responseRate),
    onTime: pq.records === 0 ? null : rateScore(1 - Math.min(pq.overdue, pq.records) / pq.records),
    handling: pq.handlingMedian === null ? null : loadScore(pq.handlingMedian, refs.handlingMedian),
  };
}

/**
 * A place's scores in one quarter: each load indicator against its reference, service efficiency as the mean of its
 * three parts, satisfaction as the satisfaction rate, and the composite as the mean of the indicators present. A
 * place-quarter without any record has no scores (no data is not a perfect record).
 */
export function scorePlace(pq: PlaceQuarter, refs: References): Scores {
  checkAmount(pq.records, 'records');
  const none = Object.fromEntries(SCORE_KEYS.map((k) => [k, null])) as Scores;
  if (pq.records === 0) {
    return none;
  }
  const scores = { ...none };
  for (const indicator of LOAD_INDICATORS) {
    scores[indicator] = loadScore(pq.loads[indicator], refs.loads[indicator]);
  }
  const parts = serviceParts(pq, refs);
  scores.service = meanOf([parts.response, parts.onTime, parts.handling]);
  scores.satisfaction = rateScore(pq.satisfactionRate);
  scores.composite = meanOf(INDICATORS.map((indicator) => scores[indicator]));
  return scores;
}

/** The change of a score in points, one decimal; null when either is missing. */
export function scoreChange(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : round1(now - before);
}

/** Competition ranks (1, 2, 2, 4) by score, highest first; places without a score have no rank. */
export function ranksOf<K>(items: readonly { key: K; score: number | null }[]): Map<K, number> {
  const scored = items.filter((i): i is { key: K; score: number } => i.score !== null);
  const ranks = new Map<K, number>();
  for (const item of scored) {
    ranks.set(item.key, 1 + scored.filter((other) => other.score > item.score).length);
  }
  return ranks;
}
