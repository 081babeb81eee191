/**
 * Upper thresholds of Farrington flexible from the prediction of the current week, R `surveillance`
 * `algo.farrington.threshold.farrington` (Farrington et al. 1996, delta method after a power transform) and
 * `algo.farrington.threshold.noufaily` (Noufaily et al. 2013, negative binomial quantile), R/farringtonFlexible.R.
 */
import { negativeBinomialUpperTail, poissonUpperTail, qnbinom, qpois } from './discrete-distributions.js';
import { pnorm, qnorm } from './distributions.js';

export type PowerTransform = '2/3' | '1/2' | 'none';

export interface Threshold {
  /** Upper bound U (NaN when not available). */
  upper: number;
  /** P-value of the observed count under the in-control model (NaN when not available). */
  pvalue: number;
  /** (y − fit)/(U − fit): > 1 means an alarm (NaN when U is not available). */
  score: number;
}

/**
 * Farrington et al. (1996): with τ = φ + se(μ̂₀)²/μ̂₀ and the power transform h (2/3 by default), the sd of h(Y₀) is
 * σ = sqrt(4/9 μ̂₀^{1/3} τ) and U = (μ̂₀^{2/3} + z σ)^{3/2}, z = Φ⁻¹(1 − α) one-sided. `mu0` and `seMu0` are on the
 * response scale.
 */
export function deltaThreshold(
  mu0: number,
  seMu0: number,
  phi: number,
  alpha: number,
  observed: number,
  transform: PowerTransform,
): Threshold {
  const tau = phi + (seMu0 * seMu0) / mu0;
  let sd: number;
  let exponent: number;
  switch (transform) {
    case 'none':
      sd = Math.sqrt(mu0 * tau);
      exponent = 1;
      break;
    case '1/2':
      sd = Math.sqrt((1 / 4) * tau);
      exponent = 1 / 2;
      break;
    default:
      sd = Math.sqrt((4 / 9) * mu0 ** (1 / 3) * tau);
      exponent = 2 / 3;
  }
  const upper = (mu0 ** exponent + qnorm(1 - alpha) * sd) ** (1 / exponent);
  const pvalue = pnorm(observed ** exponent, mu0 ** exponent, sd, false);
  const score = Number.isNaN(upper) ? Number.NaN : (observed - mu0) / (upper - mu0);
  return { upper, pvalue, score };
}

/**
 * Noufaily et al. (2013): U = the (1 − α) quantile of a negative binomial with mean m and variance φm (Poisson if
 * φ = 1), where m = exp(η̂₀) ("nbPlugin") or exp(η̂₀ + z·se(η̂₀)) ("muan"). As R codes it, the score compares y with
 * the *linear predictor*: (y − η̂₀)/(U − η̂₀).
 */
export function negativeBinomialThreshold(
  eta0: number,
  seEta0: number,
  phi: number,
  alpha: number,
  observed: number,
  method: 'nbPlugin' | 'muan',
): Threshold & { mean: number } {
  const mean = method === 'nbPlugin' ? Math.exp(eta0) : Math.exp(qnorm(1 - alpha, eta0, seEta0));
  if (mean === Number.POSITIVE_INFINITY) {
    return { upper: Number.NaN, pvalue: Number.NaN, score: Number.NaN, mean };
  }
  const size = mean / (phi - 1);
  const prob = 1 / phi;
  const upper = phi > 1 ? qnbinom(1 - alpha, size, prob) : qpois(1 - alpha, mean);
  const pvalue = phi !== 1 ? negativeBinomialUpperTail(observed, size, prob) : poissonUpperTail(observed, mean);
  const score = Number.isNaN(upper) ? Number.NaN : (observed - eta0) / (upper - eta0);
  return { upper, pvalue, score, mean };
}
