/**
 * Poisson and negative binomial distribution functions and quantiles, agreeing with R's nmath (ppois, pnbinom, qpois,
 * qnbinom).
 *
 * - Upper tails P(Y ≥ y) come from the regularised incomplete gamma (Poisson) and beta (negative binomial), computed
 *   for the tail itself, as R does (ppois → pgamma, pnbinom → pbeta).
 * - Quantiles are the smallest integer u with P(Y ≤ u) ≥ p·(1 − 8ε), R's left-continuity fuzz (qDiscrete_search.h).
 *   For moderate spread the distribution function is summed term by term from 12 sd below the mean (the mass below is
 *   < 1e-30); for a large spread (sd > 1e4) of a nearly normal law with a large mean (skewness < 1e-3, mean > 1e7,
 *   e.g. the "muan" mean of a fit with a huge standard error) R's Cornish–Fisher value itself is returned, within
 *   about one unit, i.e. < 1e-7 relative (R refines only to a relative 1e-15 for huge values as well); otherwise
 *   (large spread, skewed) the quantile is bracketed from the Cornish–Fisher value and bisected with the incomplete
 *   gamma or beta function, which converge fast when a shape parameter is small.
 * - Probabilities use Loader's saddle-point formulas (R dpois_raw, dbinom_raw), accurate at any magnitude.
 */
import { qnorm } from './distributions.js';
import { binomialLogDensity, incompleteBetaBoth, incompleteGammaBoth, poissonLogDensity } from './special-functions.js';

const DBL_EPSILON = 2.220446049250313e-16;
const WINDOW_SDS = 12;
const MAX_SUMMED_SD = 1e4;
/**
 * Cornish–Fisher is trusted for a nearly normal law with a large mean: its error is then about one unit (the next
 * Edgeworth terms are O(γ²·sd) and the continuity correction ½), under 1e-7 of the quantile.
 */
const MAX_CORNISH_FISHER_SKEWNESS = 1e-3;
const MIN_CORNISH_FISHER_MEAN = 1e7;

/** A law on 0, 1, 2, …: what the quantile search needs. */
interface DiscreteLaw {
  mean: number;
  sd: number;
  /** R's Cornish–Fisher skewness term γ (qpois.c, qnbinom.c). */
  gamma: number;
  logProbability(j: number): number;
  /** log P(j) − log P(j − 1), j ≥ 1. */
  logRatio(j: number): number;
  /** P(Y ≤ u) from the incomplete gamma or beta function. */
  distribution(u: number): number;
}

function poissonLaw(lambda: number): DiscreteLaw {
  const logLambda = Math.log(lambda);
  const sd = Math.sqrt(lambda);
  return {
    mean: lambda,
    sd,
    gamma: 1 / sd,
    logProbability: (j) => poissonLogDensity(j, lambda),
    logRatio: (j) => logLambda - Math.log(j),
    // P(Y ≤ u) = Q(u + 1, λ).
    distribution: (u) => incompleteGammaBoth(u + 1, lambda)[1],
  };
}

/** NegBin(size, prob): P(j) = Γ(j+size)/(Γ(size) j!) prob^size (1−prob)^j, mean size(1−prob)/prob. */
function negativeBinomialLaw(size: number, prob: number): DiscreteLaw {
  const logQ = Math.log1p(-prob);
  const inverseProb = 1 / prob;
  const oddsRatio = (1 - prob) * inverseProb;
  const sd = Math.sqrt(size * oddsRatio * inverseProb);
  return {
    mean: size * oddsRatio,
    sd,
    gamma: (inverseProb + oddsRatio) / sd,
    // R dnbinom: size/(size + j) · dbinom_raw(size, j + size, prob, 1 − prob).
    logProbability: (j) =>
      j === 0
        ? size * Math.log(prob)
        : Math.log(size / (size + j)) + binomialLogDensity(size, j + size, prob, 1 - prob),
    logRatio: (j) => Math.log((j - 1 + size) / j) + logQ,
    // P(Y ≤ u) = I_prob(size, u + 1).
    distribution: (u) => incompleteBetaBoth(prob, size, u + 1, 1 - prob)[0],
  };
}

/** R's Cornish–Fisher starting value of the discrete quantile search. */
function cornishFisher(p: number, law: DiscreteLaw): number {
  const z = qnorm(p);
  return Math.max(0, Math.round(law.mean + law.sd * (z + (law.gamma * (z * z - 1)) / 6)));
}

/**
 * Smallest integer u with P(Y ≤ u) ≥ target, for a large spread: bracket it from R's Cornish–Fisher value with
 * doubling steps, then bisect, each probe one evaluation of the incomplete gamma or beta function.
 */
function searchWithDistribution(target: number, law: DiscreteLaw): number {
  const reaches = (u: number): boolean => law.distribution(u) >= target;
  const start = cornishFisher(target, law);
  let low: number;
  let high: number;
  let step = Math.max(1, Math.round(law.sd / 16));
  if (reaches(start)) {
    high = start;
    low = start - step;
    while (low >= 0 && reaches(low)) {
      high = low;
      step *= 2;
      low = high - step;
    }
    if (low < 0) {
      if (reaches(0)) {
        return 0;
      }
      low = 0;
    }
  } else {
    low = start;
    high = start + step;
    while (!reaches(high)) {
      low = high;
      step *= 2;
      high = low + step;
    }
  }
  // Invariant: P(Y ≤ low) < target ≤ P(Y ≤ high).
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reaches(middle)) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return high;
}

/** Smallest integer u with P(Y ≤ u) ≥ p·(1 − 8ε) (R qDiscrete_search.h). */
function discreteQuantile(p: number, law: DiscreteLaw): number {
  if (law.sd > MAX_SUMMED_SD && law.gamma < MAX_CORNISH_FISHER_SKEWNESS && law.mean > MIN_CORNISH_FISHER_MEAN) {
    return cornishFisher(p, law);
  }
  const target = p * (1 - 8 * DBL_EPSILON);
  if (law.sd > MAX_SUMMED_SD) {
    return searchWithDistribution(target, law);
  }
  let j = Math.max(0, Math.floor(law.mean - WINDOW_SDS * law.sd));
  let logProbability = law.logProbability(j);
  let cumulative = Math.exp(logProbability);
  while (cumulative < target) {
    j += 1;
    logProbability += law.logRatio(j);
    const term = Math.exp(logProbability);
    if (term === 0 && j > law.mean) {
      // Rounding left the sum a hair below p·(1 − 8ε) and every further term is zero.
      return j;
    }
    cumulative += term;
  }
  return j;
}

/** P(Y ≥ y) for Y ~ Poisson(λ): R `ppois(y − 1, λ, lower.tail = FALSE)`, i.e. the lower incomplete gamma P(y, λ). */
export function poissonUpperTail(y: number, lambda: number): number {
  if (Number.isNaN(y) || Number.isNaN(lambda) || lambda < 0) {
    return Number.NaN;
  }
  if (y <= 0) {
    return 1;
  }
  if (lambda === 0) {
    return 0;
  }
  return incompleteGammaBoth(y, lambda)[0];
}

/**
 * P(Y ≥ y) for Y ~ NegBin(size, prob): R `pnbinom(y − 1, size, prob, lower.tail = FALSE)`, i.e. 1 − I_prob(size, y)
 * computed as the upper tail of the incomplete beta.
 */
export function negativeBinomialUpperTail(y: number, size: number, prob: number): number {
  if (Number.isNaN(y) || Number.isNaN(size) || Number.isNaN(prob) || size < 0 || !(prob > 0) || prob > 1) {
    return Number.NaN;
  }
  if (y <= 0) {
    return 1;
  }
  if (prob === 1 || size === 0) {
    return 0;
  }
  return incompleteBetaBoth(prob, size, y, 1 - prob)[1];
}

/** Smallest integer u ≥ 0 with P(Y ≤ u) ≥ p for Y ~ Poisson(λ): R `qpois(p, λ)`. */
export function qpois(p: number, lambda: number): number {
  if (Number.isNaN(p) || Number.isNaN(lambda) || lambda < 0 || p < 0 || p > 1) {
    return Number.NaN;
  }
  if (lambda === 0) {
    return 0;
  }
  if (p === 1) {
    return Number.POSITIVE_INFINITY;
  }
  return discreteQuantile(p, poissonLaw(lambda));
}

/** Smallest integer u ≥ 0 with P(Y ≤ u) ≥ p for Y ~ NegBin(size, prob): R `qnbinom(p, size, prob)`. */
export function qnbinom(p: number, size: number, prob: number): number {
  if (
    Number.isNaN(p) ||
    Number.isNaN(size) ||
    Number.isNaN(prob) ||
    p < 0 ||
    p > 1 ||
    !(prob > 0) ||
    prob > 1 ||
    size < 0
  ) {
    return Number.NaN;
  }
  if (prob === 1 || size === 0) {
    return 0;
  }
  if (p === 1) {
    return Number.POSITIVE_INFINITY;
  }
  return discreteQuantile(p, negativeBinomialLaw(size, prob));
}
