/**
 * The model of Farrington flexible around the grouped quasi-Poisson IRLS (farrington-irls.ts): dispersion, Anscombe
 * residuals, reweighting, trend inference and prediction. The group structure gives hat values and prediction
 * variances in closed form:
 *   h_i = W_i (1/S_g + (t_i − t̄_g)²/S_tt),   var(η̂₀)/φ = 1/S_g + (t₀ − t̄_g)²/S_tt,   var(β̂)/φ = 1/S_tt,
 * with S_g = Σ_g W, t̄_g the W-weighted mean of t in group g, S_tt = Σ W (t − t̄_g)², all from the weights W of the
 * last iteration, as R's `fit$qr` is.
 *
 * R sources mirrored: stats `glm.fit`, `summary.glm`, `predict.lm`, `lm.influence`; surveillance
 * `algo.farrington.fitGLM.flexible`, `anscombe.residuals`, `algo.farrington.assign.weights` (R/farringtonFlexible.R).
 */
import { fitGrouped, type GroupedData, type GroupedFit, prepareGrouped } from './farrington-irls.js';
import { float64Array } from './slab-arrays.js';
import { CompensatedSum } from './summation.js';

const DBL_EPSILON = 2.220446049250313e-16;

/** R `summary.glm` dispersion Σ w r² / df (w > 0) for the given weights (the fit's own or R's overwritten ω). */
export function dispersion(weights: Float64Array, residuals: Float64Array, dfResidual: number): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] > 0) {
      sum.add(weights[i] * residuals[i] * residuals[i]);
    }
  }
  return sum.value / dfResidual;
}

const twoThirdsCache = new Float64Array(4096).fill(Number.NaN);
/** y^(2/3) of a count, cached (the same few integers recur in every week's baseline); `y | 0` keeps the key a Smi. */
function twoThirdsPower(y: number): number {
  const index = y | 0;
  if (index !== y || index >= twoThirdsCache.length) {
    return y ** (2 / 3);
  }
  let value = twoThirdsCache[index];
  if (Number.isNaN(value)) {
    value = y ** (2 / 3);
    twoThirdsCache[index] = value;
  }
  return value;
}

/**
 * Standardised Anscombe residuals of a quasi-Poisson fit, surveillance `anscombe.residuals`:
 * 3/2 (y^{2/3} μ^{−1/6} − μ^{1/2}) / sqrt(φ (1 − h)).
 */
export function anscombeResiduals(data: GroupedData, fit: GroupedFit, phi: number): Float64Array {
  const { counts, groups, weeks } = data;
  const { mu, groupWeight, groupMeanWeek, workingWeights, weekShift, withinGroupWeekSquares, trend } = fit;
  const residuals = float64Array(counts.length);
  for (let i = 0; i < residuals.length; i++) {
    // The hat value h (R `hatvalues`, forced to 1 above 1 − 10ε as lm.influence does), in closed form.
    const g = groups[i];
    let leverage = 1 / groupWeight[g];
    if (trend) {
      const deviation = weeks[i] - weekShift - groupMeanWeek[g];
      leverage += (deviation * deviation) / withinGroupWeekSquares;
    }
    const hat = workingWeights[i] * leverage;
    const h = hat > 1 - 10 * DBL_EPSILON ? 1 : hat;
    // R: y^(2/3) * mu^(-1/6) - mu^(1/2). pow(μ, 0.5) is the correctly rounded square root, and μ^(−1/6) as
    // 1/∛√μ is within a few ulps of pow() at a fraction of its cost.
    const root = Math.sqrt(mu[i]);
    const raw = 1.5 * (twoThirdsPower(counts[i]) / Math.cbrt(root) - root);
    residuals[i] = raw / Math.sqrt(phi * (1 - h));
  }
  return residuals;
}

/**
 * Farrington's reweighting (surveillance `algo.farrington.assign.weights`): points with s > threshold get weight
 * γ s⁻², the others γ, with γ such that the weights sum to n.
 */
export function assignWeights(residuals: Float64Array, threshold: number): Float64Array {
  const n = residuals.length;
  const sum = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const s = residuals[i];
    // (s⁻²)^(s > threshold) in R: s⁻² for outliers, 1 otherwise.
    sum.add(s > threshold ? s ** -2 : 1);
  }
  const gamma = n / sum.value;
  const weights = float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = residuals[i];
    weights[i] = s > threshold ? gamma * s ** -2 : gamma;
  }
  return weights;
}

/** What the detector needs from the final model of one week. */
export interface FarringtonModel {
  fit: GroupedFit;
  /** max(1, dispersion) of the final fit: R `model$phi`. */
  phi: number;
  /**
   * Dispersion R's later `summary.glm`/`predict.glm` calls use: Σ ω r²/df with the prior weights ω, because
   * `algo.farrington.fitGLM.flexible` overwrites `model$weights` with ω. Not clamped at 1.
   */
  dispersionForInference: number;
}

/**
 * surveillance `algo.farrington.fitGLM.flexible`: fit (dropping the trend if IRLS does not converge with it; null if
 * it does not converge without), then optionally reweight with Anscombe residuals and refit once.
 */
export function fitFarringtonModel(
  data: GroupedData,
  timeTrend: boolean,
  reweight: boolean,
  weightsThreshold: number,
): FarringtonModel | null {
  let trend = timeTrend;
  const prepared = prepareGrouped(data);
  let fit = fitGrouped(data, trend, null, prepared);
  if (!fit.converged) {
    if (trend) {
      trend = false;
      fit = fitGrouped(data, trend, null, prepared);
    }
    if (!fit.converged) {
      return null;
    }
  }
  const firstPhi = Math.max(dispersion(fit.workingWeights, fit.workingResiduals, fit.dfResidual), 1);
  if (!reweight) {
    return {
      fit,
      phi: firstPhi,
      dispersionForInference: dispersion(fit.workingWeights, fit.workingResiduals, fit.dfResidual),
    };
  }
  const omega = assignWeights(anscombeResiduals(data, fit, firstPhi), weightsThreshold);
  const refit = fitGrouped(data, trend, omega, prepared);
  return {
    fit: refit,
    phi: Math.max(dispersion(refit.workingWeights, refit.workingResiduals, refit.dfResidual), 1),
    dispersionForInference: dispersion(omega, refit.workingResiduals, refit.dfResidual),
  };
}

/** Linear predictor at week t of group g and its unscaled variance (R predict.lm's x'(R'R)⁻¹x). */
export function predictGrouped(
  fit: GroupedFit,
  group: number,
  week: number,
): { eta: number; unscaledVariance: number } {
  let eta = fit.groupIntercepts[group];
  let unscaledVariance = 1 / fit.groupWeight[group];
  if (fit.trend) {
    const shifted = week - fit.weekShift;
    eta += fit.slope * shifted;
    const deviation = shifted - fit.groupMeanWeek[group];
    unscaledVariance += (deviation * deviation) / fit.withinGroupWeekSquares;
  }
  return { eta, unscaledVariance };
}
