/**
 * Generalised likelihood ratio (GLR) detectors for an upward shift of the intercept of a Poisson or negative binomial
 * count series (Höhle & Paul 2008, "Count data regression charts for the monitoring of surveillance time series",
 * CSDA 52:4357–4368), as R `surveillance` 1.20 `algo.glrnb` (R/algo_glrnb.R) with change = "intercept", M = −1 (no
 * window), Mtilde = 1, dir = "inc", and the C routines `glr_cusum` and `glr_nb_window` (src/surveillance.c).
 *
 * The in-control mean μ₀ comes from a GLM with one pair of harmonics fitted on the weeks before the range
 * (`estimateGLRNbHook`): Poisson `glm` for the Poisson chart, MASS `glm.nb` for the negative binomial chart (α = 1/θ).
 */
import { designRow, glmFit, logLinkInverse, poissonFamily } from './glm.js';
import { glmNb } from './glm-nb.js';
import { checkCounts, checkRange, type DetectionResult, rangeLength, type WeekRange } from './types.js';

export interface GlrOptions {
  range: WeekRange;
  /** Alarm threshold on the GLR statistic (R `c.ARL`, default 5). */
  cArl?: number;
  /** Period of the harmonics (R `sts@freq`, 52 for weekly data). */
  period?: number;
}

export interface GlrResult extends DetectionResult {
  /** Dispersion α of the in-control model: 0 for the Poisson chart, 1/θ of `glm.nb` for the negative binomial. */
  alpha: number;
}

/** Weeks of history the in-control GLM needs before the range (three coefficients, one more for a residual df). */
const MINIMUM_TRAINING_WEEKS = 4;

/** Design intercept, cos(2πt/p), sin(2πt/p) for weeks t (R builds `cos(2*1*pi/p*t)`; same operation order). */
function harmonicDesign(weeks: readonly number[], period: number): Float64Array {
  const n = weeks.length;
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const angle = ((2 * 1 * Math.PI) / period) * weeks[i];
    x[i] = 1;
    x[i + n] = Math.cos(angle);
    x[i + 2 * n] = Math.sin(angle);
  }
  return x;
}

interface InControlModel {
  mu0: number[];
  alpha: number;
}

/** μ₀ on the range from a GLM on weeks 1..from−1 (R `estimateGLRNbHook`, S = 1, no trend). */
function fitInControl(
  counts: readonly number[],
  range: WeekRange,
  period: number,
  negativeBinomial: boolean,
): InControlModel {
  const trainingWeeks = Array.from({ length: range[0] - 1 }, (_, i) => i + 1);
  const y = trainingWeeks.map((week) => counts[week - 1]);
  const x = harmonicDesign(trainingWeeks, period);
  const n = trainingWeeks.length;
  let coefficients: Float64Array;
  let alpha = 0;
  if (negativeBinomial) {
    const model = glmNb(x, n, 3, y);
    coefficients = model.fit.coefficients;
    alpha = 1 / model.theta;
  } else {
    coefficients = glmFit({ x, n, p: 3, y, family: poissonFamily }).coefficients;
  }
  const monitoredWeeks = Array.from({ length: rangeLength(range) }, (_, i) => range[0] + i);
  const prediction = harmonicDesign(monitoredWeeks, period);
  const mu0 = monitoredWeeks.map((_, i) => {
    const row = designRow(prediction, monitoredWeeks.length, 3, i);
    return logLinkInverse(row[0] * coefficients[0] + row[1] * coefficients[1] + row[2] * coefficients[2]);
  });
  return { mu0, alpha };
}

/**
 * Poisson GLR statistic at time n (0-based) of a segment starting at `start` (surveillance.c `glr`): max over k of
 * the log-likelihood ratio of x_k..x_n with the ML intercept shift κ = max(0, log(Σx/Σμ₀)), summed backwards from n
 * as the C code does.
 */
export function poissonGlr(x: readonly number[], mu0: readonly number[], start: number, n: number): number {
  let sumX = 0;
  let sumMu0 = 0;
  let maximum = -1e99;
  for (let k = n; k >= start; k--) {
    sumX += x[k];
    sumMu0 += mu0[k];
    const kappa = fmax0(Math.log(sumX / sumMu0));
    const ratio = kappa * sumX + (1 - Math.exp(kappa)) * sumMu0;
    if (ratio > maximum) {
      maximum = ratio;
    }
  }
  return maximum;
}

/** C's fmax(0, v): a NaN argument is ignored (returns 0), unlike Math.max. */
function fmax0(value: number): number {
  return Number.isNaN(value) ? 0 : Math.max(0, value);
}

/**
 * Negative binomial GLR statistic at time n (0-based) of a segment starting at `start` (surveillance.c
 * `glr_nb_window` with M = −1): for k = start..n,
 * κ̂ by Newton–Raphson started from the previous k's clipped estimate (0.5 for the first), stopping when the step is
 * ≤ 1e−6, κ ≤ −18 or after 1000 steps; then ℓ_{k,n} = Σ κx + (x + 1/α)·log((1+αμ₀)/(1+αμ₀e^κ)).
 */
export function negativeBinomialGlr(
  x: readonly number[],
  mu0: readonly number[],
  alpha: number,
  start: number,
  n: number,
): number {
  let maximum = -1e99;
  let kappaMl = 0.5;
  for (let k = start; k <= n; k++) {
    let kappaOld = 0.4;
    let kappaNew = kappaMl;
    let iteration = 0;
    while (kappaNew > -18 && Math.abs(kappaNew - kappaOld) > 1e-6 && iteration < 1000) {
      iteration += 1;
      kappaOld = kappaNew;
      const expKappa = Math.exp(kappaOld);
      let score = 0;
      let fisher = 0;
      for (let i = k; i <= n; i++) {
        const denominator = 1 + alpha * expKappa * mu0[i];
        score += (x[i] - expKappa * mu0[i]) / denominator;
        fisher += (mu0[i] * (alpha * x[i] + 1)) / (denominator * denominator);
      }
      kappaNew = kappaOld + score / (expKappa * fisher);
    }
    kappaMl = fmax0(kappaNew);
    const expKappa = Math.exp(kappaMl);
    let ratio = 0;
    for (let i = k; i <= n; i++) {
      ratio += kappaMl * x[i] + (x[i] + 1 / alpha) * Math.log((1 + alpha * mu0[i]) / (1 + alpha * mu0[i] * expKappa));
    }
    if (ratio > maximum) {
      maximum = ratio;
    }
  }
  return maximum;
}

type Statistic = (x: readonly number[], start: number, n: number) => number;

/**
 * Runs the chart over the monitored weeks: the statistic restarts after each alarm (GLR_n ≥ c.ARL) from the next
 * week, with no memory, as algo.glrnb's outer loop does. `bound` gives the upper bound reported for week n.
 */
function runChart(
  x: readonly number[],
  statistic: Statistic,
  cArl: number,
  bound: (start: number, n: number, value: number) => number,
): { upperbound: number[]; alarm: (0 | 1)[] } {
  const upperbound: number[] = [];
  const alarm: (0 | 1)[] = [];
  let start = 0;
  for (let n = 0; n < x.length; n++) {
    const value = statistic(x, start, n);
    const reported = bound(start, n, value);
    // R sets NA and negative bounds to 0 after the run (also what an unreachable case count becomes).
    upperbound.push(Number.isNaN(reported) || reported < 0 ? 0 : reported);
    if (value >= cArl) {
      alarm.push(1);
      start = n + 1;
    } else {
      alarm.push(0);
    }
  }
  return { upperbound, alarm };
}

/**
 * Number of cases at week n that would make the Poisson GLR reach c.ARL: the smallest integer c ≥ 0 with GLR_n ≥
 * c.ARL when x_n := c (C `glr_cusum` with ret = 2, which counts up from 0). Every ℓ_{k,n} is non-decreasing in x_n
 * (its derivative is κ ≥ 0), hence so is their maximum, and a doubling-then-bisection search finds the same integer
 * in O(log c) evaluations instead of c, which matters for large counts.
 */
function casesToAlarm(x: readonly number[], mu0: readonly number[], cArl: number, start: number, n: number): number {
  const changed = x.slice();
  const reaches = (cases: number): boolean => {
    changed[n] = cases;
    return poissonGlr(changed, mu0, start, n) >= cArl;
  };
  if (reaches(0)) {
    return 0;
  }
  let below = 0;
  let above = 1;
  while (!reaches(above)) {
    below = above;
    above *= 2;
    if (above > Number.MAX_SAFE_INTEGER) {
      // No count does it, e.g. when μ₀ overflowed to Inf (R's C loop would never end here).
      return Number.NaN;
    }
  }
  while (above - below > 1) {
    const middle = Math.floor((below + above) / 2);
    if (reaches(middle)) {
      above = middle;
    } else {
      below = middle;
    }
  }
  return above;
}

function glrChart(
  counts: readonly number[],
  options: GlrOptions,
  model: 'poisson' | 'poisson-cases' | 'negbin',
): GlrResult {
  const cArl = options.cArl ?? 5;
  const period = options.period ?? 52;
  checkCounts(counts);
  checkRange(options.range, counts.length, MINIMUM_TRAINING_WEEKS + 1, model === 'negbin' ? 'glrnb' : 'glrpois');
  const { mu0, alpha } = fitInControl(counts, options.range, period, model === 'negbin');
  const x = counts.slice(options.range[0] - 1, options.range[1]);
  const statistic: Statistic =
    model === 'negbin'
      ? (values, start, n) => negativeBinomialGlr(values, mu0, alpha, start, n)
      : (values, start, n) => poissonGlr(values, mu0, start, n);
  const bound =
    model === 'poisson-cases'
      ? (start: number, n: number) => casesToAlarm(x, mu0, cArl, start, n)
      : (_start: number, _n: number, value: number) => value;
  const { upperbound, alarm } = runChart(x, statistic, cArl, bound);
  return { range: options.range, observed: x, expected: mu0, upperbound, alarm, alpha };
}

/**
 * Poisson GLR chart for an intercept increase; upper bound = the GLR statistic (Höhle & Paul 2008; R `algo.glrpois`,
 * ret = "value", surveillance.c `glr_cusum`).
 */
export function glrPois(counts: readonly number[], options: GlrOptions): GlrResult {
  return glrChart(counts, options, 'poisson');
}

/**
 * Poisson GLR chart for an intercept increase; upper bound = the number of cases that week would need to raise an
 * alarm (Höhle & Paul 2008; R `algo.glrpois`, ret = "cases", surveillance.c `glr_cusum`).
 */
export function glrPoisCases(counts: readonly number[], options: GlrOptions): GlrResult {
  return glrChart(counts, options, 'poisson-cases');
}

/**
 * Negative binomial GLR chart for an intercept increase with α = 1/θ from MASS `glm.nb`; upper bound = the GLR
 * statistic (Höhle & Paul 2008; R `algo.glrnb` with alpha = NULL, surveillance.c `glr_nb_window`).
 */
export function glrNb(counts: readonly number[], options: GlrOptions): GlrResult {
  return glrChart(counts, options, 'negbin');
}
