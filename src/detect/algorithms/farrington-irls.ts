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

import { float64Arrays, int32Array } from './slab-arrays.js';

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
    [this.weight, this.week, this.response, this.weekSquares, this.weekResponse] = float64Arrays(5, groupCount);
  }

  clear(): void {
    // A loop rather than fill(), which V8 runs as a call into C++: slower than the loop for ten groups.
    for (let g = 0; g < this.weight.length; g++) {
      this.weight[g] = 0;
      this.week[g] = 0;
      this.response[g] = 0;
      this.weekSquares[g] = 0;
      this.weekResponse[g] = 0;
    }
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
  const [intercepts, groupWeight, groupMeanWeek] = float64Arrays(3, groupCount);
  return { intercepts, slope: 0, groupWeight, groupMeanWeek, withinGroupWeekSquares: 0 };
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

/**
 * Arrays of one fit: μ, the working weights of the current and of the next step, the final working residuals, and
 * room for exp(η) at the start of each run.
 */
interface State {
  mu: Float64Array;
  weights: Float64Array;
  nextWeights: Float64Array;
  workingResiduals: Float64Array;
  runExponentials: Float64Array;
}

/**
 * η, μ from the coefficients, the deviance 2Σ prior·(y log(y/μ) − (y − μ)) (compensated, as R's long-double sum;
 * log(y/μ) as log y − η where μ is not clamped, sparing a logarithm), and the group sums of the next step:
 * w = prior·(dμ/dη)²/V(μ) = prior·μ and z = η + (y − μ)/μ. Returns NaN when some μ is not finite (R's validmu).
 *
 * The pass goes run by run (consecutive weeks of one group), keeping the group's five sums in local variables for the
 * run: the same additions in the same order as into the arrays, but V8 checks and reloads a typed array on every
 * access, which made the sums half the cost of a pass.
 *
 * exp(η) dominates the cost of an iteration. Along a run η grows by β a week, so exp(η) is the previous value times
 * e^β: a few ulps from exp(η) over a run of at most 7 weeks, and 6× fewer calls. Runs start with a real exp(), as
 * does anything near underflow or overflow. The exp() of each run's start is taken in a loop of its own before the
 * main one: V8 calls exp() in C, and a call inside the main loop spills the dozen numbers it keeps in registers.
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
  const { counts } = data;
  const { shiftedWeeks, logCounts, runStarts, runGroups } = prepared;
  const { mu, nextWeights, runExponentials } = state;
  // Module constants are checked loads from the module context in V8's optimized code; locals are registers.
  const epsilon = DBL_EPSILON;
  const logEpsilon = LOG_DBL_EPSILON;
  sums.clear();
  const weeklyFactor = Math.exp(slope);
  for (let run = 0; run < runGroups.length; run++) {
    runExponentials[run] = Math.exp(intercepts[runGroups[run]] + slope * shiftedWeeks[runStarts[run]]);
  }
  let sum = 0;
  let compensation = 0;
  let valid = true;
  for (let run = 0; run < runGroups.length; run++) {
    const g = runGroups[run];
    const intercept = intercepts[g];
    let sumW = sums.weight[g];
    let sumWt = sums.week[g];
    let sumWz = sums.response[g];
    let sumWtt = sums.weekSquares[g];
    let sumWtz = sums.weekResponse[g];
    const first = runStarts[run];
    const end = runStarts[run + 1];
    let exponential = runExponentials[run];
    for (let i = first; i < end; i++) {
      const t = shiftedWeeks[i];
      const e = intercept + slope * t;
      if (i > first) {
        exponential = exponential > 1e-290 && exponential < 1e290 ? exponential * weeklyFactor : Math.exp(e);
      }
      const m = Math.max(exponential, epsilon);
      mu[i] = m;
      if (m === Number.POSITIVE_INFINITY) {
        valid = false;
      }
      const y = counts[i];
      const prior = priorWeights === null ? 1 : priorWeights[i];
      const logMu = e > logEpsilon ? e : Math.log(m);
      const term = y > 0 ? 2 * (prior * (y * (logCounts[i] - logMu) - (y - m))) : 2 * (m * prior);
      const total = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
      sum = total;
      const w = prior * m;
      const z = e + (y - m) / m;
      nextWeights[i] = w;
      sumW += w;
      sumWt += w * t;
      sumWz += w * z;
      sumWtt += w * t * t;
      sumWtz += w * t * z;
    }
    sums.weight[g] = sumW;
    sums.week[g] = sumWt;
    sums.response[g] = sumWz;
    sums.weekSquares[g] = sumWtt;
    sums.weekResponse[g] = sumWtz;
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

/**
 * What every fit of the same data shares (a week's data is fitted at least twice: once, then reweighted): weeks
 * shifted by the centre of the baseline, log y, R's starting point (η, μ and unit deviance at η = log(y + 0.1)), and
 * the runs of consecutive weeks of one group: run r is points runStarts[r] .. runStarts[r + 1] − 1, all of group
 * runGroups[r].
 */
export interface PreparedData {
  weekShift: number;
  shiftedWeeks: Float64Array;
  logCounts: Float64Array;
  startEta: Float64Array;
  startMu: Float64Array;
  startDeviance: Float64Array;
  runStarts: Int32Array;
  runGroups: Int32Array;
}

/** The constants every fit of `data` shares: prepare once, pass to each `fitGrouped` of the same data. */
export function prepareGrouped(data: GroupedData): PreparedData {
  const { counts, weeks, groups } = data;
  const n = counts.length;
  const weekShift = n > 0 ? (weeks[0] + weeks[n - 1]) / 2 : 0;
  const [shiftedWeeks, logCounts, startEta, startMu, startDeviance] = float64Arrays(5, n);
  // At most one run per point; runStarts[runs] = n closes the last.
  const runBounds = int32Array(2 * n + 1);
  let runs = 0;
  for (let i = 0; i < n; i++) {
    const y = counts[i];
    shiftedWeeks[i] = weeks[i] - weekShift;
    const index = startIndex(y);
    const start = index >= 0 ? null : computeStart(y);
    logCounts[i] = start === null ? startCache.logCount[index] : start.logCount;
    startEta[i] = start === null ? startCache.eta[index] : start.eta;
    startMu[i] = start === null ? startCache.mu[index] : start.mu;
    startDeviance[i] = start === null ? startCache.deviance[index] : start.deviance;
    if (i === 0 || groups[i] !== groups[i - 1] || weeks[i] !== weeks[i - 1] + 1) {
      runBounds[runs] = i;
      runBounds[n + 1 + runs] = groups[i];
      runs += 1;
    }
  }
  runBounds[runs] = n;
  return {
    weekShift,
    shiftedWeeks,
    logCounts,
    startEta,
    startMu,
    startDeviance,
    runStarts: runBounds.subarray(0, runs + 1),
    runGroups: runBounds.subarray(n + 1, n + 1 + runs),
  };
}

/**
 * The deviance at R's starting point and the group sums of the first step (the first pass of `update`, from the
 * starting η and μ of each count).
 */
function startPass(
  data: GroupedData,
  prepared: PreparedData,
  priorWeights: Float64Array | null,
  state: State,
  sums: GroupSums,
): number {
  const { counts } = data;
  const { shiftedWeeks, startEta, startMu, startDeviance, runStarts, runGroups } = prepared;
  const { mu, nextWeights } = state;
  let sum = 0;
  let compensation = 0;
  for (let run = 0; run < runGroups.length; run++) {
    const g = runGroups[run];
    let sumW = sums.weight[g];
    let sumWt = sums.week[g];
    let sumWz = sums.response[g];
    let sumWtt = sums.weekSquares[g];
    let sumWtz = sums.weekResponse[g];
    for (let i = runStarts[run]; i < runStarts[run + 1]; i++) {
      const y = counts[i];
      const t = shiftedWeeks[i];
      const e = startEta[i];
      const m = startMu[i];
      mu[i] = m;
      const prior = priorWeights === null ? 1 : priorWeights[i];
      // R's dev.resids: 2·prior·(y log(y/μ) − (y − μ)), i.e. prior times the unit deviance.
      const term = prior * startDeviance[i];
      const total = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
      sum = total;
      const w = prior * m;
      const z = e + (y - m) / m;
      nextWeights[i] = w;
      sumW += w;
      sumWt += w * t;
      sumWz += w * z;
      sumWtt += w * t * t;
      sumWtz += w * t * z;
    }
    sums.weight[g] = sumW;
    sums.week[g] = sumWt;
    sums.response[g] = sumWz;
    sums.weekSquares[g] = sumWtt;
    sums.weekResponse[g] = sumWtz;
  }
  return sum + compensation;
}

/**
 * IRLS of the grouped quasi-Poisson model with optional prior weights, R `glm.fit` step for step: start at
 * η = log(y + 0.1), converge when |D − D_old|/(|D| + 0.1) < 1e-8, at most 25 iterations, step halving when the
 * deviance or μ is not finite.
 */
export function fitGrouped(
  data: GroupedData,
  trend: boolean,
  priorWeights: Float64Array | null = null,
  prepared: PreparedData = prepareGrouped(data),
): GroupedFit {
  const { counts, groupCount } = data;
  const n = counts.length;
  const { weekShift } = prepared;
  // Five arrays of n: there are at most n runs.
  const [mu, weights, nextWeights, workingResiduals, runExponentials] = float64Arrays(5, n);
  const state: State = { mu, weights, nextWeights, workingResiduals, runExponentials };
  const sums = new GroupSums(groupCount);
  // R: η = log(y + 0.1), μ = linkinv(η), the deviance there, and the first step's sums.
  let devianceOld = startPass(data, prepared, priorWeights, state, sums);
  let converged = false;
  const solution = emptySolution(groupCount);
  const [groupMeanResponse, previousIntercepts] = float64Arrays(2, groupCount);
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
  const { mu, workingResiduals } = state;
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
