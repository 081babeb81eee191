/**
 * Farrington flexible (R `surveillance` 1.20 `farringtonFlexible`, R/farringtonFlexible.R): the original method of
 * Farrington et al. (1996, "A statistical algorithm for the early detection of outbreaks of infectious disease",
 * JRSS A 159:547–563) and its improvement by Noufaily et al. (2013, "An improved algorithm for outbreak detection in
 * multiple surveillance systems", Stat Med 32:1206–1222), for one series with `epochAsDate = FALSE`.
 *
 * For each monitored week k: quasi-Poisson GLM on the reference weeks (farrington-baseline.ts) with a linear trend,
 * reweighting by Anscombe residuals (farrington-fit.ts), the trend kept only if significant, b ≥ 3 and not
 * extrapolating beyond the largest baseline count, then a threshold (farrington-threshold.ts) and the low-count rule
 * (no bound unless ≥ limit54[0] cases in the last limit54[1] weeks).
 */
import { invalidField } from '../../core/errors.js';
import { pt, qnorm } from './distributions.js';
import { farringtonBaseline, firstMonitorableWeek } from './farrington-baseline.js';
import { type FarringtonModel, fitFarringtonModel, predictGrouped } from './farrington-fit.js';
import {
  deltaThreshold,
  negativeBinomialThreshold,
  type PowerTransform,
  type Threshold,
} from './farrington-threshold.js';
import { logLinkInverse } from './glm.js';
import { type Alarm, checkCounts, checkRange, type DetectionResult, naToNull, type WeekRange } from './types.js';

export type ThresholdMethod = 'delta' | 'nbPlugin' | 'muan';

/** Control of farringtonFlexible; defaults are R 1.20's installed defaults. */
export interface FarringtonOptions {
  range: WeekRange;
  /** Years back (default 5). */
  b?: number;
  /** Half-window in weeks (default 3). */
  w?: number;
  reweight?: boolean;
  /** Anscombe residual above which a point is down-weighted (default 2.58). */
  weightsThreshold?: number;
  /** One-sided level (default 0.05). */
  alpha?: number;
  trend?: boolean;
  /** The trend is kept only when its p-value is below this (default 0.05). */
  pThresholdTrend?: number;
  /** [cases, weeks]: no bound unless ≥ cases in the last `weeks` weeks (default [5, 4]). */
  limit54?: readonly [number, number];
  powertrans?: PowerTransform;
  /** Seasonal groups: 1 = Farrington 1996, 10 = Noufaily 2013 (default 1). */
  noPeriods?: number;
  /** Recent weeks left out of the baseline (default w). */
  pastWeeksNotIncluded?: number;
  thresholdMethod?: ThresholdMethod;
  /** Weeks per year (default 52). */
  freq?: number;
}

/** One entry per monitored week; R's `control` vectors alongside the bound. */
export interface FarringtonResult extends DetectionResult {
  /** R `control$phiVector`: the dispersion φ ≥ 1. */
  phi: (number | null)[];
  /** R `control$trend`: 1 if the final model has a trend, else 0. */
  trend: (0 | 1 | null)[];
  /** R `control$trendVector`: the trend coefficient per week when kept. */
  trendCoef: (number | null)[];
  score: (number | null)[];
  pvalue: (number | null)[];
  /**
   * R `control$mu0Vector`: exp(η̂₀) for nbPlugin, exp(η̂₀ + z·se(η̂₀)) for muan, and for delta R's artefact
   * exp(μ̂₀ + z·se(μ̂₀)) (the link-scale formula applied to response-scale values).
   */
  mu0: (number | null)[];
}

interface WeekOutcome {
  expected: number | null;
  upperbound: number | null;
  alarm: Alarm;
  phi: number | null;
  trend: 0 | 1 | null;
  trendCoef: number | null;
  score: number | null;
  pvalue: number | null;
  mu0: number | null;
}

type ResolvedOptions = Required<Omit<FarringtonOptions, 'range'>>;

function resolve(options: FarringtonOptions): ResolvedOptions {
  const w = options.w ?? 3;
  return {
    b: options.b ?? 5,
    w,
    reweight: options.reweight ?? true,
    weightsThreshold: options.weightsThreshold ?? 2.58,
    alpha: options.alpha ?? 0.05,
    trend: options.trend ?? true,
    pThresholdTrend: options.pThresholdTrend ?? 0.05,
    limit54: options.limit54 ?? [5, 4],
    powertrans: options.powertrans ?? '2/3',
    noPeriods: options.noPeriods ?? 1,
    pastWeeksNotIncluded: options.pastWeeksNotIncluded ?? w,
    thresholdMethod: options.thresholdMethod ?? 'delta',
    freq: options.freq ?? 52,
  };
}

/**
 * Whether the trend passes R's test `summary.glm(model)$coefficients["wtime", 4] < pThresholdTrend` (two-sided
 * t-test, dispersion estimated). With pThresholdTrend = 1 (Noufaily) that holds whenever t ≠ 0: in R the p-value
 * 2·pt(−|t|) drops below 1 as soon as |t| exceeds ~7e-17, so only a slope that is zero up to rounding noise can fail,
 * and there the outcome depends on the noise of R's QR (e.g. ha_sts lich week 281, R slope −4.3e-18). Treating any
 * non-zero t as significant is what R does for all but the tiniest noise, and what Noufaily et al. intend.
 */
function trendIsSignificant(model: FarringtonModel, pThresholdTrend: number): boolean {
  const { fit } = model;
  const standardError = Math.sqrt(model.dispersionForInference / fit.withinGroupWeekSquares);
  const t = fit.slope / standardError;
  if (Number.isNaN(t)) {
    return false;
  }
  if (pThresholdTrend >= 1) {
    return pThresholdTrend > 1 || t !== 0;
  }
  return 2 * pt(-Math.abs(t), fit.dfResidual) < pThresholdTrend;
}

/** One monitored week k (1-based), following `farringtonFlexible` and `algo.farrington.glm`. */
function monitorWeek(counts: readonly number[], k: number, options: ResolvedOptions): WeekOutcome {
  const data = farringtonBaseline(counts, k, options);
  const currentGroup = options.noPeriods - 1;
  const fitWith = (trend: boolean) => fitFarringtonModel(data, trend, options.reweight, options.weightsThreshold);
  let model = fitWith(options.trend);
  let doTrend = false;
  if (model?.fit.trend) {
    const prediction = predictGrouped(model.fit, currentGroup, k);
    let maximum = 0;
    for (let i = 0; i < data.counts.length; i++) {
      maximum = Math.max(maximum, data.counts[i]);
    }
    const significant = trendIsSignificant(model, options.pThresholdTrend);
    const noExtrapolation = logLinkInverse(prediction.eta) <= maximum;
    doTrend = options.b >= 3 && significant && noExtrapolation;
    if (!doTrend) {
      model = fitWith(false);
    }
  }
  if (model === null) {
    // R: "The model could not converge with nor without time trend"; it leaves `expected` at its initial 0, which
    // would read as a real expectation, so it is reported as not available here.
    return {
      expected: null,
      upperbound: null,
      alarm: null,
      phi: null,
      trend: null,
      trendCoef: null,
      score: null,
      pvalue: null,
      mu0: null,
    };
  }
  const observed = counts[k - 1];
  const { eta, unscaledVariance } = predictGrouped(model.fit, currentGroup, k);
  const seEta = Math.sqrt(model.dispersionForInference * unscaledVariance);
  let threshold: Threshold;
  let expectedIfBound: number;
  let mu0: number;
  if (options.thresholdMethod === 'delta') {
    // predict.glm(type = "response"): μ̂₀ = linkinv(η̂₀) and se(μ̂₀) = se(η̂₀)·dμ/dη.
    const mu0Response = logLinkInverse(eta);
    const seResponse = seEta * Math.abs(logLinkInverse(eta));
    threshold = deltaThreshold(mu0Response, seResponse, model.phi, options.alpha, observed, options.powertrans);
    expectedIfBound = mu0Response;
    // R stores exp(qnorm(1 − α, μ̂₀, se(μ̂₀))), the link-scale formula applied to response-scale values.
    mu0 = Math.exp(qnorm(1 - options.alpha, mu0Response, seResponse));
  } else {
    const nb = negativeBinomialThreshold(eta, seEta, model.phi, options.alpha, observed, options.thresholdMethod);
    threshold = nb;
    expectedIfBound = Math.exp(eta);
    mu0 = options.thresholdMethod === 'nbPlugin' ? Math.exp(eta) : Math.exp(qnorm(1 - options.alpha, eta, seEta));
  }
  const [limitCases, limitWeeks] = options.limit54;
  let recentCases = 0;
  for (let t = Math.max(1, k - limitWeeks + 1); t <= k; t++) {
    recentCases += counts[t - 1];
  }
  const enoughCases = recentCases >= limitCases;
  const upperAvailable = !Number.isNaN(threshold.upper);
  return {
    expected: upperAvailable && enoughCases ? expectedIfBound : null,
    upperbound: enoughCases ? naToNull(threshold.upper) : null,
    alarm: enoughCases && !Number.isNaN(threshold.score) && threshold.score > 1 && observed !== 0 ? 1 : 0,
    phi: model.phi,
    trend: doTrend ? 1 : 0,
    trendCoef: doTrend ? model.fit.slope : null,
    score: naToNull(threshold.score),
    pvalue: naToNull(threshold.pvalue),
    mu0: naToNull(mu0),
  };
}

/**
 * Farrington flexible with explicit control (R surveillance `farringtonFlexible`, R/farringtonFlexible.R); the named
 * variants below fix the parameters of the anchors README.
 */
export function farringtonFlexible(counts: readonly number[], options: FarringtonOptions): FarringtonResult {
  const resolved = resolve(options);
  checkCounts(counts);
  checkRange(options.range, counts.length, firstMonitorableWeek(resolved), 'Farrington');
  if (
    !Number.isInteger(resolved.noPeriods) ||
    resolved.noPeriods < 1 ||
    resolved.noPeriods > resolved.freq - 2 * resolved.w
  ) {
    throw invalidField('noPeriods', `must be an integer from 1 to ${resolved.freq - 2 * resolved.w}`);
  }
  const result: FarringtonResult = {
    range: options.range,
    observed: [],
    expected: [],
    upperbound: [],
    alarm: [],
    phi: [],
    trend: [],
    trendCoef: [],
    score: [],
    pvalue: [],
    mu0: [],
  };
  for (let k = options.range[0]; k <= options.range[1]; k++) {
    const week = monitorWeek(counts, k, resolved);
    result.observed.push(counts[k - 1]);
    result.expected.push(week.expected);
    result.upperbound.push(week.upperbound);
    result.alarm.push(week.alarm);
    result.phi.push(week.phi);
    result.trend.push(week.trend);
    result.trendCoef.push(week.trendCoef);
    result.score.push(week.score);
    result.pvalue.push(week.pvalue);
    result.mu0.push(week.mu0);
  }
  return result;
}

/** The monitored weeks; the years back when the series holds fewer than five; a stricter level if wanted. */
type VariantOptions = Pick<FarringtonOptions, 'range' | 'b' | 'alpha'>;

const originalControl = {
  weightsThreshold: 1,
  pThresholdTrend: 0.05,
  noPeriods: 1,
  pastWeeksNotIncluded: 3,
  thresholdMethod: 'delta',
} as const;

const noufailyControl = {
  weightsThreshold: 2.58,
  pThresholdTrend: 1,
  noPeriods: 10,
  pastWeeksNotIncluded: 26,
  thresholdMethod: 'nbPlugin',
} as const;

/** Farrington et al. (1996) as configured in the anchors: 35 reference weeks, weights threshold 1, delta method. */
export function farringtonOriginal(counts: readonly number[], options: VariantOptions): FarringtonResult {
  return farringtonFlexible(counts, { ...originalControl, ...options });
}

/** Noufaily et al. (2013): 10 seasonal groups, 26 recent weeks left out, NB plug-in threshold, trend always tried. */
export function farringtonNoufaily(counts: readonly number[], options: VariantOptions): FarringtonResult {
  return farringtonFlexible(counts, { ...noufailyControl, ...options });
}

/** Noufaily et al. (2013) with the "muan" threshold: the NB quantile at exp(η̂₀ + z·se(η̂₀)). */
export function farringtonNoufailyMuan(counts: readonly number[], options: VariantOptions): FarringtonResult {
  return farringtonFlexible(counts, { ...noufailyControl, thresholdMethod: 'muan', ...options });
}
