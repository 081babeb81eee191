/**
 * Generalised linear models with a log link fitted by iteratively reweighted least squares, step for step as R's
 * `glm.fit` (R stats/R/glm.R): start from the family's μ, WLS by pivoted QR (tolerance min(1e-7, ε/1000)), converge
 * when |D − D_old|/(|D| + 0.1) < ε, at most `maxit` iterations, step halving on an infinite deviance or invalid μ.
 * What R keeps from the last iteration is kept too: the working weights and the QR of the weighted design come from
 * the μ at the *start* of the last iteration, the fitted values and working residuals from its end.
 */

import { type QrDecomposition, qrCoefficients, qrDecompose } from './qr.js';
import { CompensatedSum } from './summation.js';

const DBL_EPSILON = 2.220446049250313e-16;

/** The parts of an R `family` object that IRLS with a log link uses. */
export interface GlmFamily {
  name: string;
  variance(mu: number): number;
  /** Unit deviance times prior weight (R `dev.resids`). */
  devianceResidual(y: number, mu: number, weight: number): number;
  validMu(mu: number): boolean;
  /** Starting μ (R `family$initialize`). */
  initialMu(y: number): number;
}

/** Poisson (and quasi-Poisson: same IRLS, dispersion estimated afterwards) with log link, R `poisson()`. */
export const poissonFamily: GlmFamily = {
  name: 'poisson',
  variance: (mu) => mu,
  devianceResidual: (y, mu, weight) => (y > 0 ? 2 * (weight * (y * Math.log(y / mu) - (y - mu))) : 2 * (mu * weight)),
  validMu: (mu) => Number.isFinite(mu) && mu > 0,
  initialMu: (y) => y + 0.1,
};

/** Negative binomial with known θ (variance μ + μ²/θ) and log link, MASS `negative.binomial(theta)`. */
export function negativeBinomialFamily(theta: number): GlmFamily {
  return {
    name: `negative.binomial(${theta})`,
    variance: (mu) => mu + (mu * mu) / theta,
    devianceResidual: (y, mu, weight) =>
      2 * weight * (y * Math.log(Math.max(1, y) / mu) - (y + theta) * Math.log((y + theta) / (mu + theta))),
    validMu: (mu) => mu > 0,
    initialMu: (y) => y + (y === 0 ? 1 / 6 : 0),
  };
}

/** R's log link inverse and its derivative: exp(η) floored at machine epsilon (make.link("log")). */
export function logLinkInverse(eta: number): number {
  return Math.max(Math.exp(eta), DBL_EPSILON);
}

export interface GlmInput {
  /** Design, column-major n×p. */
  x: Float64Array;
  n: number;
  p: number;
  y: readonly number[];
  family: GlmFamily;
  priorWeights?: readonly number[];
  /** Starting linear predictor (R `etastart`); otherwise log of the family's starting μ. */
  etaStart?: readonly number[];
  maxIterations?: number;
  epsilon?: number;
}

export interface GlmFit {
  /** In the design's column order; aliased columns are 0 (R reports NA but predicts with 0). */
  coefficients: Float64Array;
  eta: Float64Array;
  mu: Float64Array;
  /** R `fit$weights`: prior · (dμ/dη)² / V(μ) at the start of the last iteration. */
  workingWeights: Float64Array;
  /** R `fit$residuals`: (y − μ)/(dμ/dη) at the end. */
  workingResiduals: Float64Array;
  /** QR of √w·X of the last iteration (R `fit$qr`); it gives standard errors and hat values. */
  qr: QrDecomposition;
  rank: number;
  deviance: number;
  converged: boolean;
  iterations: number;
  dfResidual: number;
}

/** Row i of a column-major design as a plain array. */
export function designRow(x: Float64Array, n: number, p: number, i: number): number[] {
  const row: number[] = [];
  for (let j = 0; j < p; j++) {
    row.push(x[i + j * n]);
  }
  return row;
}

function linearPredictor(x: Float64Array, n: number, p: number, coefficients: Float64Array, eta: Float64Array): void {
  eta.fill(0);
  for (let j = 0; j < p; j++) {
    const coefficient = coefficients[j];
    for (let i = 0; i < n; i++) {
      eta[i] += x[i + j * n] * coefficient;
    }
  }
}

function totalDeviance(family: GlmFamily, y: readonly number[], mu: Float64Array, weights: readonly number[]): number {
  const deviance = new CompensatedSum();
  for (let i = 0; i < y.length; i++) {
    deviance.add(family.devianceResidual(y[i], mu[i], weights[i]));
  }
  return deviance.value;
}

/** IRLS fit of a log-link GLM, R `glm.fit` (see the module comment for what is kept from which iteration). */
export function glmFit(input: GlmInput): GlmFit {
  const { x, n, p, y, family } = input;
  const maxIterations = input.maxIterations ?? 25;
  const epsilon = input.epsilon ?? 1e-8;
  const priorWeights = input.priorWeights ?? new Array<number>(n).fill(1);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eta[i] = input.etaStart ? input.etaStart[i] : Math.log(family.initialMu(y[i]));
    mu[i] = logLinkInverse(eta[i]);
  }
  if (!mu.every((value) => family.validMu(value))) {
    throw new Error('glm: cannot find valid starting values');
  }
  let devianceOld = totalDeviance(family, y, mu, priorWeights);
  let deviance = devianceOld;
  let coefficients: Float64Array = new Float64Array(p);
  let coefficientsOld: Float64Array | null = null;
  let converged = false;
  let iterations = 0;
  const good = priorWeights.map((weight) => weight > 0);
  const goodCount = good.filter(Boolean).length;
  const workingWeights = new Float64Array(n);
  let qr: QrDecomposition | null = null;
  const tolerance = Math.min(1e-7, epsilon / 1000);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    iterations = iteration;
    const weighted = new Float64Array(goodCount * p);
    const response = new Float64Array(goodCount);
    let row = 0;
    for (let i = 0; i < n; i++) {
      if (!good[i]) {
        workingWeights[i] = 0;
        continue;
      }
      const muEta = logLinkInverse(eta[i]);
      const z = eta[i] + (y[i] - mu[i]) / muEta;
      const w = Math.sqrt((priorWeights[i] * muEta * muEta) / family.variance(mu[i]));
      workingWeights[i] = w * w;
      for (let j = 0; j < p; j++) {
        weighted[row + j * goodCount] = x[i + j * n] * w;
      }
      response[row] = z * w;
      row += 1;
    }
    qr = qrDecompose(weighted, goodCount, p, tolerance);
    const next = qrCoefficients(qr, response);
    if (!next.every(Number.isFinite)) {
      converged = false;
      break;
    }
    coefficients = next;
    linearPredictor(x, n, p, coefficients, eta);
    for (let i = 0; i < n; i++) {
      mu[i] = logLinkInverse(eta[i]);
    }
    deviance = totalDeviance(family, y, mu, priorWeights);
    // Divergence or an invalid μ: halve the step towards the previous coefficients, as glm.fit does.
    let halvings = 0;
    while (!Number.isFinite(deviance) || !mu.every((value) => family.validMu(value))) {
      if (coefficientsOld === null || halvings >= maxIterations) {
        throw new Error('glm: no valid set of coefficients has been found');
      }
      halvings += 1;
      for (let j = 0; j < p; j++) {
        coefficients[j] = (coefficients[j] + coefficientsOld[j]) / 2;
      }
      linearPredictor(x, n, p, coefficients, eta);
      for (let i = 0; i < n; i++) {
        mu[i] = logLinkInverse(eta[i]);
      }
      deviance = totalDeviance(family, y, mu, priorWeights);
    }
    if (Math.abs(deviance - devianceOld) / (Math.abs(deviance) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devianceOld = deviance;
    coefficientsOld = Float64Array.from(coefficients);
  }
  if (qr === null) {
    throw new Error('glm: maxIterations must be at least 1');
  }
  const workingResiduals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    workingResiduals[i] = (y[i] - mu[i]) / logLinkInverse(eta[i]);
  }
  return {
    coefficients,
    eta,
    mu,
    workingWeights,
    workingResiduals,
    qr,
    rank: qr.rank,
    deviance,
    converged,
    iterations,
    dfResidual: goodCount - qr.rank,
  };
}
