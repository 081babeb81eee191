/**
 * IRLS for the quasi-Poisson GLM of Farrington flexible, log μ = α_group + β·t (β only with a trend), iterating
 * exactly as R `glm.fit` (R stats/R/glm.R; see glm.ts for the general version) but exploiting the design. With one
 * intercept per seasonal group (the column space of R's intercept + treatment dummies, hence the same fit), each
 * weighted least-squares step needs only five sums per group: Σw, Σwt, Σwz, Σwt², Σwtz. They are accumulated in the
 * same pass that computes η, μ and the deviance of the previous step, so one iteration is one pass over the data
 * instead of a QR decomposition. Weeks are shifted by the centre of the baseline so that the within-group sums of
 * squares S_tt = Σ_g (Σwt² − (Σwt)²/Σw) lose no accuracy.
 *
 * As in R, the working weights and the design information (what R keeps in `fit$qr`) come from the μ at the start of
 * the last iteration, the fitted values and working residuals from its end.
 */

const DBL_EPSILON = 2.220446049250313e-16;
const LOG_DBL_EPSILON = Math.log(DBL_EPSILON);
const MAX_ITERATIONS = 25;
const EPSILON = 1e-8;

export interface GroupedData {
  /** 1-based week index of each point (R's `wtime`). */
  weeks: Float64Array;
  counts: Float64Array;
  /** Seasonal group of each point, 0..groupCount − 1. */
  groups: Int32Array;
  groupCount: number;
}

/** One IRLS fit of the grouped model. Weeks are stored shifted by `weekShift`. */
export interface GroupedFit {
  trend: boolean;
  converged: boolean;
  weekShift: number;
  /** Intercept of each group at week `weekShift`: η = intercept_g + slope·(t − weekShift). */
  groupIntercepts: Float64Array;
  slope: number;
  mu: Float64Array;
  /** R `fit$weights`: prior·μ at the start of the last iteration. */
  workingWeights: Float64Array;
  /** R `fit$residuals`: (y − μ)/μ at the end. */
  workingResiduals: Float64Array;
  /** Σw per group, the w-weighted mean of (t − weekShift) per group, and S_tt, all from `workingWeights`. */
  groupWeight: Float64Array;
  groupMeanWeek: Float64Array;
  withinGroupWeekSquares: number;
  rank: number;
  dfResidual: number;
}

/** Per-group sums of the weighted least-squares problem, filled while η and μ are updated. */
class GroupSums {
  readonly weight: Float64Array;
  readonly week: Float64Array;
  readonly response: Float64Array;
  readonly weekSquares: Float64Array;
  readonly weekResponse: Float64Array;

  constructor(groupCount: number) {
    this.weight = new Float64Array(groupCount);
    this.week = new Float64Array(groupCount);
    this.response = new Float64Array(groupCount);
    this.weekSquares = new Float64Array(groupCount);
    this.weekResponse = new Float64Array(groupCount);
  }

  clear(): void {
    this.weight.fill(0);
    this.week.fill(0);
    this.response.fill(0);
    this.weekSquares.fill(0);
    this.weekResponse.fill(0);
  }
}

interface Solution {
  intercepts: Float64Array;
  slope: number;
  groupWeight: Float64Array;
  groupMeanWeek: Float64Array;
  withinGroupWeekSquares: number;
}

function emptySolution(groupCount: number): Solution {
  return {
    intercepts: new Float64Array(groupCount),
    slope: 0,
    groupWeight: new Float64Array(groupCount),
    groupMeanWeek: new Float64Array(groupCount),
    withinGroupWeekSquares: 0,
  };
}

/** Solves the weighted least-squares step from the group sums, into `solution` (reused across iterations). */
function solve(sums: GroupSums, trend: boolean, solution: Solution, groupMeanResponse: Float64Array): void {
  const { intercepts, groupWeight, groupMeanWeek } = solution;
  const groupCount = groupWeight.length;
  let squares = 0;
  let cross = 0;
  for (let g = 0; g < groupCount; g++) {
    groupWeight[g] = sums.weight[g];
    groupMeanWeek[g] = sums.week[g] / groupWeight[g];
    groupMeanResponse[g] = sums.response[g] / groupWeight[g];
    if (trend) {
      squares += sums.weekSquares[g] - sums.week[g] * groupMeanWeek[g];
      cross += sums.weekResponse[g] - sums.week[g] * groupMeanResponse[g];
    }
  }
  const slope = trend ? cross / squares : 0;
  for (let g = 0; g < groupCount; g++) {
    intercepts[g] = groupMeanResponse[g] - slope * groupMeanWeek[g];
  }
  solution.slope = slope;
  solution.withinGroupWeekSquares = trend ? squares : 0;
}

/** Arrays of one fit: η, μ, and the working weights of the current and of the next step. */
interface State {
  eta: Float64Array;
  mu: Float64Array;
  weights: Float64Array;
  nextWeights: Float64Array;
}

/**
 * η, μ from the coefficients, the deviance 2Σ prior·(y log(y/μ) − (y − μ)) (compensated, as R's long-double sum;
 * log(y/μ) as log y − η where μ is not clamped, sparing a logarithm), and the group sums of the next step:
 * w = prior·(dμ/dη)²/V(μ) = prior·μ and z = η + (y − μ)/μ. Returns NaN when some μ is not finite (R's validmu).
 */
function update(
  data: GroupedData,
  prepared: PreparedData,
  priorWeights: Float64Array | null,
  intercepts: Float64Array,
  slope: number,
  state: State,
  sums: GroupSums,
): number {
  const { counts, groups } = data;
  const { shiftedWeeks, logCounts, continuesRun } = prepared;
  const { eta, mu, nextWeights } = state;
  const { weight, week, response, weekSquares, weekResponse } = sums;
  sums.clear();
  const weeklyFactor = Math.exp(slope);
  let sum = 0;
  let compensation = 0;
  let valid = true;
  let exponential = 0;
  for (let i = 0; i < counts.length; i++) {
    const g = groups[i];
    const t = shiftedWeeks[i];
    const e = intercepts[g] + slope * t;
    // exp(η) dominates the cost of an iteration. Along a run of consecutive weeks of one group η grows by β a week,
    // so exp(η) is the previous value times e^β: a few ulps from exp(η) over a run of at most 7 weeks, and 6× fewer
    // calls. Runs restart with a real exp(), as does anything near underflow or overflow.
    exponential =
      continuesRun[i] === 1 && exponential > 1e-290 && exponential < 1e290 ? exponential * weeklyFactor : Math.exp(e);
    const m = Math.max(exponential, DBL_EPSILON);
    eta[i] = e;
    mu[i] = m;
    if (m === Number.POSITIVE_INFINITY) {
      valid = false;
    }
    const y = counts[i];
    const prior = priorWeights === null ? 1 : priorWeights[i];
    const logMu = e > LOG_DBL_EPSILON ? e : Math.log(m);
    const term = y > 0 ? 2 * (prior * (y * (logCounts[i] - logMu) - (y - m))) : 2 * (m * prior);
    const total = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
    sum = total;
    const w = prior * m;
    const z = e + (y - m) / m;
    nextWeights[i] = w;
    weight[g] += w;
    week[g] += w * t;
    response[g] += w * z;
    weekSquares[g] += w * t * t;
    weekResponse[g] += w * t * z;
  }
  if (!valid) {
    return Number.NaN;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}

/**
 * What R's IRLS starts from for a count y, cached per count since every fit of every week starts there:
 * log y, η = log(y + 0.1), μ = linkinv(η) and the unit deviance at μ. Indexed by `y | 0` because an integer key keeps
 * V8 on its fast typed-array path (an integral double key is several times slower).
 */
const CACHED_COUNTS = 4096;
const startCache = {
  logCount: new Float64Array(CACHED_COUNTS),
  eta: new Float64Array(CACHED_COUNTS),
  mu: new Float64Array(CACHED_COUNTS),
  deviance: new Float64Array(CACHED_COUNTS),
  filled: new Uint8Array(CACHED_COUNTS),
};

interface Start {
  logCount: number;
  eta: number;
  mu: number;
  deviance: number;
}

function computeStart(y: number): Start {
  const eta = Math.log(y + 0.1);
  const mu = Math.max(Math.exp(eta), DBL_EPSILON);
  return {
    logCount: y > 0 ? Math.log(y) : 0,
    eta,
    mu,
    deviance: y > 0 ? 2 * (y * Math.log(y / mu) - (y - mu)) : 2 * mu,
  };
}

/** Index of y in the start cache (filling it on first use), or −1 for counts outside it. */
function startIndex(y: number): number {
  const index = y | 0;
  if (index !== y || index < 0 || index >= CACHED_COUNTS) {
    return -1;
  }
  if (startCache.filled[index] === 0) {
    const start = computeStart(y);
    startCache.logCount[index] = start.logCount;
    startCache.eta[index] = start.eta;
    startCache.mu[index] = start.mu;
    startCache.deviance[index] = start.deviance;
    startCache.filled[index] = 1;
  }
  return index;
}

/** Per-fit constants: shifted weeks, log y, and whether point i is the week after point i − 1 in the same group. */
interface PreparedData {
  shiftedWeeks: Float64Array;
  logCounts: Float64Array;
  continuesRun: Uint8Array;
}

/**
 * IRLS of the grouped quasi-Poisson model with optional prior weights, R `glm.fit` step for step: start at
 * η = log(y + 0.1), converge when |D − D_old|/(|D| + 0.1) < 1e-8, at most 25 iterations, step halving when the
 * deviance or μ is not finite.
 */
export function fitGrouped(data: GroupedData, trend: boolean, priorWeights: Float64Array | null = null): GroupedFit {
  const { counts, weeks, groupCount } = data;
  const n = counts.length;
  const weekShift = n > 0 ? (weeks[0] + weeks[n - 1]) / 2 : 0;
  const shiftedWeeks = new Float64Array(n);
  const logCounts = new Float64Array(n);
  const continuesRun = new Uint8Array(n);
  const prepared: PreparedData = { shiftedWeeks, logCounts, continuesRun };
  const state: State = {
    eta: new Float64Array(n),
    mu: new Float64Array(n),
    weights: new Float64Array(n),
    nextWeights: new Float64Array(n),
  };
  const sums = new GroupSums(groupCount);
  // R: η = log(y + 0.1), μ = linkinv(η), the deviance there, and the first step's sums.
  let sum = 0;
  let compensation = 0;
  const { groups } = data;
  const { eta, mu, nextWeights } = state;
  const { weight, week, response, weekSquares, weekResponse } = sums;
  for (let i = 0; i < n; i++) {
    const y = counts[i];
    const t = weeks[i] - weekShift;
    const g = groups[i];
    shiftedWeeks[i] = t;
    continuesRun[i] = i > 0 && g === groups[i - 1] && weeks[i] === weeks[i - 1] + 1 ? 1 : 0;
    const index = startIndex(y);
    const start = index >= 0 ? null : computeStart(y);
    logCounts[i] = start === null ? startCache.logCount[index] : start.logCount;
    const e = start === null ? startCache.eta[index] : start.eta;
    const m = start === null ? startCache.mu[index] : start.mu;
    eta[i] = e;
    mu[i] = m;
    const prior = priorWeights === null ? 1 : priorWeights[i];
    // R's dev.resids: 2·prior·(y log(y/μ) − (y − μ)), i.e. prior times the unit deviance.
    const term = prior * (start === null ? startCache.deviance[index] : start.deviance);
    const total = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
    sum = total;
    const w = prior * m;
    const z = e + (y - m) / m;
    nextWeights[i] = w;
    weight[g] += w;
    week[g] += w * t;
    response[g] += w * z;
    weekSquares[g] += w * t * t;
    weekResponse[g] += w * t * z;
  }
  let devianceOld = sum + compensation;
  let converged = false;
  const solution = emptySolution(groupCount);
  const groupMeanResponse = new Float64Array(groupCount);
  const previousIntercepts = new Float64Array(groupCount);
  let previousSlope = 0;
  let hasPrevious = false;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    // The weights of this step are those accumulated by the last update.
    const accumulated = state.nextWeights;
    state.nextWeights = state.weights;
    state.weights = accumulated;
    solve(sums, trend, solution, groupMeanResponse);
    const { intercepts } = solution;
    if (!intercepts.every(Number.isFinite) || !Number.isFinite(solution.slope)) {
      // R: "non-finite coefficients", not converged, and the coefficients stay those of the previous step.
      if (hasPrevious) {
        intercepts.set(previousIntercepts);
        solution.slope = previousSlope;
      }
      break;
    }
    let deviance = update(data, prepared, priorWeights, intercepts, solution.slope, state, sums);
    let halvings = 0;
    while (!Number.isFinite(deviance)) {
      if (!hasPrevious || halvings >= MAX_ITERATIONS) {
        // R stops with an error here; for the detector it is a fit that did not converge.
        return finish(data, trend, false, weekShift, solution, state);
      }
      halvings += 1;
      for (let g = 0; g < groupCount; g++) {
        intercepts[g] = (intercepts[g] + previousIntercepts[g]) / 2;
      }
      solution.slope = (solution.slope + previousSlope) / 2;
      deviance = update(data, prepared, priorWeights, intercepts, solution.slope, state, sums);
    }
    if (Math.abs(deviance - devianceOld) / (Math.abs(deviance) + 0.1) < EPSILON) {
      converged = true;
      break;
    }
    devianceOld = deviance;
    previousIntercepts.set(intercepts);
    previousSlope = solution.slope;
    hasPrevious = true;
  }
  return finish(data, trend, converged, weekShift, solution, state);
}

function finish(
  data: GroupedData,
  trend: boolean,
  converged: boolean,
  weekShift: number,
  solution: Solution,
  state: State,
): GroupedFit {
  const { counts } = data;
  const { mu } = state;
  const workingResiduals = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    // (y − μ)/(dμ/dη), and dμ/dη is the same clamped exp(η) as μ.
    workingResiduals[i] = (counts[i] - mu[i]) / mu[i];
  }
  const rank = data.groupCount + (trend ? 1 : 0);
  const n = counts.length;
  return {
    trend,
    converged,
    weekShift,
    groupIntercepts: solution.intercepts,
    slope: solution.slope,
    mu: state.mu,
    workingWeights: state.weights,
    workingResiduals,
    groupWeight: solution.groupWeight,
    groupMeanWeek: solution.groupMeanWeek,
    withinGroupWeekSquares: solution.withinGroupWeekSquares,
    rank,
    dfResidual: n - rank,
  };
}
