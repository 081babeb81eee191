/**
 * Negative binomial regression with the shape θ estimated by maximum likelihood, as MASS `glm.nb` (Venables & Ripley,
 * MASS 7.3, R/negbin.R): a Poisson fit, then alternate `theta.ml` on the current μ and an IRLS fit with
 * `negative.binomial(θ)` started from the current η, until the log-likelihood and θ settle (at most 25 alternations).
 */
import { type GlmFit, glmFit, negativeBinomialFamily, poissonFamily } from './glm.js';
import { digamma, lgamma, trigamma } from './special-functions.js';
import { CompensatedSum } from './summation.js';

export interface ThetaEstimate {
  theta: number;
  /** Why R would warn: Newton hit its iteration limit (θ → ∞, near-Poisson data) or θ was truncated at 0. */
  warning: 'iteration limit reached' | 'estimate truncated at zero' | null;
}

/**
 * ML estimate of θ given μ (MASS `theta.ml`): Newton–Raphson on the score from the moment start n/Σ(y/μ − 1)², at
 * most `limit − 1` steps, stopping when the step is below ε^¼.
 */
export function thetaMl(y: readonly number[], mu: ArrayLike<number>, limit = 25): ThetaEstimate {
  const n = y.length;
  const eps = DBL_EPSILON_QUARTER;
  const sumSquares = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const ratio = y[i] / mu[i] - 1;
    sumSquares.add(ratio * ratio);
  }
  let theta = n / sumSquares.value;
  let iteration = 1;
  let step = 1;
  // R: while ((it <- it + 1) < limit && abs(del) > eps); `iteration` ends equal to `limit` when the limit stopped it.
  for (; iteration < limit && Math.abs(step) > eps; iteration++) {
    theta = Math.abs(theta);
    const score = new CompensatedSum();
    const information = new CompensatedSum();
    const digammaTheta = digamma(theta);
    const trigammaTheta = trigamma(theta);
    for (let i = 0; i < n; i++) {
      const thetaPlusMu = theta + mu[i];
      score.add(
        digamma(theta + y[i]) -
          digammaTheta +
          Math.log(theta) +
          1 -
          Math.log(thetaPlusMu) -
          (y[i] + theta) / thetaPlusMu,
      );
      information.add(
        -trigamma(theta + y[i]) +
          trigammaTheta -
          1 / theta +
          2 / thetaPlusMu -
          (y[i] + theta) / (thetaPlusMu * thetaPlusMu),
      );
    }
    step = score.value / information.value;
    theta += step;
  }
  let warning: ThetaEstimate['warning'] = null;
  if (theta < 0) {
    theta = 0;
    warning = 'estimate truncated at zero';
  }
  if (iteration === limit) {
    warning = 'iteration limit reached';
  }
  return { theta, warning };
}

const DBL_EPSILON_QUARTER = 2.220446049250313e-16 ** 0.25;

/** Negative binomial log-likelihood as glm.nb's internal `loglik` (unit prior weights). */
function negativeBinomialLogLikelihood(theta: number, mu: ArrayLike<number>, y: readonly number[]): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < y.length; i++) {
    sum.add(
      lgamma(theta + y[i]) -
        lgamma(theta) -
        lgamma(y[i] + 1) +
        theta * Math.log(theta) +
        y[i] * Math.log(mu[i] + (y[i] === 0 ? 1 : 0)) -
        (theta + y[i]) * Math.log(theta + mu[i]),
    );
  }
  return sum.value;
}

export interface NegativeBinomialFit {
  fit: GlmFit;
  theta: number;
  thetaWarning: ThetaEstimate['warning'] | 'alternation limit reached';
}

/** MASS `glm.nb` with log link, unit weights, no offset: design `x` (column-major n×p) and counts `y`. */
export function glmNb(x: Float64Array, n: number, p: number, y: readonly number[]): NegativeBinomialFit {
  const maxIterations = 25;
  const epsilon = 1e-8;
  let fit = glmFit({ x, n, p, y, family: poissonFamily });
  let mu: Float64Array = fit.mu;
  let estimate = thetaMl(y, mu, maxIterations);
  let theta = estimate.theta;
  const d1 = Math.sqrt(2 * Math.max(1, fit.dfResidual));
  const d2 = 1;
  let step = 1;
  let logLikelihood = negativeBinomialLogLikelihood(theta, mu, y);
  let logLikelihoodOld = logLikelihood + 2 * d1;
  let iteration = 1;
  // R: while ((iter <- iter + 1) <= maxit && …); `iteration` ends above maxIterations when the limit stopped it.
  for (
    ;
    iteration <= maxIterations && Math.abs(logLikelihoodOld - logLikelihood) / d1 + Math.abs(step) / d2 > epsilon;
    iteration++
  ) {
    const eta = Array.from(mu, Math.log);
    fit = glmFit({ x, n, p, y, family: negativeBinomialFamily(theta), etaStart: eta, maxIterations, epsilon });
    const thetaOld = theta;
    // As MASS does, θ is re-estimated from the μ *before* this fit; μ is updated afterwards.
    estimate = thetaMl(y, mu, maxIterations);
    theta = estimate.theta;
    mu = fit.mu;
    step = thetaOld - theta;
    logLikelihoodOld = logLikelihood;
    logLikelihood = negativeBinomialLogLikelihood(theta, mu, y);
  }
  const thetaWarning = iteration > maxIterations ? 'alternation limit reached' : estimate.warning;
  return { fit, theta, thetaWarning };
}
