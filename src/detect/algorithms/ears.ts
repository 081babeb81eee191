/**
 * EARS C1, C2 and C3 (Hutwagner et al. 2005, "A simulation model for assessing aberration detection methods used in
 * public health surveillance for systems with limited baselines", Stat Med 24:543–550), exactly as coded in R
 * `surveillance` 1.20 `earsC` (R/earsC.R). Upper bounds only: R stores no expected value for EARS.
 */
import { qnorm } from './distributions.js';
import {
  type Alarm,
  checkCounts,
  checkRange,
  type DetectionResult,
  greaterThan,
  naToNull,
  rangeLength,
  type WeekRange,
} from './types.js';

export interface EarsOptions {
  range: WeekRange;
  /** Number of weeks in the baseline (R `baseline`, default 7). */
  baseline?: number;
  /** Floor of the baseline standard deviation (R `minSigma`, default 0). */
  minSigma?: number;
  /** One-sided level: z = Φ⁻¹(1 − alpha). Defaults 0.001 for C1/C2 and 0.025 for C3, as R when alpha is NULL. */
  alpha?: number;
}

interface BaselineStatistics {
  mean: number;
  sd: number;
}

/** Mean and sample standard deviation (n − 1) of counts[start..start+length−1], two-pass as R's `mean` and `sd`. */
function baselineStatistics(counts: readonly number[], start: number, length: number): BaselineStatistics {
  let sum = 0;
  for (let i = start; i < start + length; i++) {
    sum += counts[i];
  }
  let mean = sum / length;
  // R refines the mean with a second pass (summary.c, cov.c); for integer counts it changes nothing, kept for parity.
  let correction = 0;
  for (let i = start; i < start + length; i++) {
    correction += counts[i] - mean;
  }
  mean += correction / length;
  let squares = 0;
  for (let i = start; i < start + length; i++) {
    const deviation = counts[i] - mean;
    squares += deviation * deviation;
  }
  return { mean, sd: Math.sqrt(squares / (length - 1)) };
}

/**
 * Baseline statistics of week t (1-based) for C1 (lag 0: weeks t−b..t−1) or C2 (lag 2: weeks t−b−2..t−3).
 */
function laggedBaseline(counts: readonly number[], t: number, baseline: number, lag: number): BaselineStatistics {
  // 0-based first index of the baseline window: (t − lag − baseline) − 1.
  return baselineStatistics(counts, t - lag - baseline - 1, baseline);
}

function earsC1C2(counts: readonly number[], options: EarsOptions, lag: number, method: string): DetectionResult {
  const baseline = options.baseline ?? 7;
  const minSigma = options.minSigma ?? 0;
  const z = qnorm(1 - (options.alpha ?? 0.001));
  checkCounts(counts);
  checkRange(options.range, counts.length, baseline + lag + 1, method);
  const result = emptyResult(options.range);
  for (let t = options.range[0]; t <= options.range[1]; t++) {
    const { mean, sd } = laggedBaseline(counts, t, baseline, lag);
    const upperbound = mean + z * Math.max(sd, minSigma);
    const observed = counts[t - 1];
    result.observed.push(observed);
    result.upperbound.push(naToNull(upperbound));
    result.alarm.push(greaterThan(observed, upperbound));
  }
  return result;
}

function emptyResult(range: WeekRange): DetectionResult & { expected: null[] } {
  return {
    range,
    observed: [],
    expected: new Array<null>(rangeLength(range)).fill(null),
    upperbound: [],
    alarm: [] as Alarm[],
  };
}

/** EARS C1: U_t = mean(y_{t−7..t−1}) + z·sd (Hutwagner 2005; R surveillance earsC.R, method "C1"). */
export function earsC1(counts: readonly number[], options: EarsOptions): DetectionResult {
  return earsC1C2(counts, options, 0, 'EARS C1');
}

/** EARS C2: U_t = mean(y_{t−9..t−3}) + z·sd, a baseline lagged by two weeks (Hutwagner 2005; R earsC.R, "C2"). */
export function earsC2(counts: readonly number[], options: EarsOptions): DetectionResult {
  return earsC1C2(counts, options, 2, 'EARS C2');
}

/**
 * EARS C3 as R `surveillance` codes it (earsC.R, "C3"), which differs from its help page: with C2(u) = (y_u − m(u))/s(u)
 * on the C2 baseline, U_t = max(0, y_t + s(t)·(z − Σ_{u=t−2,t−1} max(0, C2(u) − 1))). So the alarm y_t > U_t holds
 * exactly when y_t > 0 and the two previous C2 excesses exceed z; C2(t) itself is not used. IEEE semantics are kept
 * (s = 0 gives ±Inf or NaN, NaN propagates to an NA bound and alarm) because R's reference output has them.
 */
export function earsC3(counts: readonly number[], options: EarsOptions): DetectionResult {
  const baseline = options.baseline ?? 7;
  const minSigma = options.minSigma ?? 0;
  const z = qnorm(1 - (options.alpha ?? 0.025));
  checkCounts(counts);
  checkRange(options.range, counts.length, baseline + 5, 'EARS C3');
  const result = emptyResult(options.range);
  const c2Excess = (u: number): number => {
    const { mean, sd } = laggedBaseline(counts, u, baseline, 2);
    const c2 = (counts[u - 1] - mean) / Math.max(sd, minSigma);
    // R's pmax(0, NaN) is NaN, and so is Math.max; no special case needed.
    return Math.max(0, c2 - 1);
  };
  for (let t = options.range[0]; t <= options.range[1]; t++) {
    const observed = counts[t - 1];
    const { sd } = laggedBaseline(counts, t, baseline, 2);
    // Same operation order as R: lag-2 part + lag-1 part, then y_t + s·(z − that).
    const upperbound = Math.max(0, observed + Math.max(sd, minSigma) * (z - (c2Excess(t - 2) + c2Excess(t - 1))));
    result.observed.push(observed);
    result.upperbound.push(naToNull(upperbound));
    result.alarm.push(greaterThan(observed, upperbound));
  }
  return result;
}
