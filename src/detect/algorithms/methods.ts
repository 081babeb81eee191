/**
 * The detectors by name, each as `(counts, range?) → rows` with the parameters and default monitored range of
 * ../shared/anchors/surveillance/README.md (EARS and GLR: the last 104 weeks; Farrington: max(264, n − 103)..n).
 * This is the one list the CLI, the CSV contract and the engine share.
 */
import { invalidField } from '../../core/errors.js';
import { earsC1, earsC2, earsC3 } from './ears.js';
import { type FarringtonResult, farringtonNoufaily, farringtonNoufailyMuan, farringtonOriginal } from './farrington.js';
import { type GlrResult, glrNb, glrPois, glrPoisCases } from './glr.js';
import type { Alarm, DetectionResult, WeekRange } from './types.js';

export const methodNames = [
  'ears-c1',
  'ears-c2',
  'ears-c3',
  'farrington-original',
  'farrington-noufaily',
  'farrington-noufaily-muan',
  'glrnb',
  'glrpois',
  'glrpois-cases',
] as const;

export type MethodName = (typeof methodNames)[number];

/** One monitored week. `extras` carries what R reports beyond the bound, under R's names (phi, trend, alpha, …). */
export interface DetectionRow {
  weekIndex: number;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  alarm: Alarm;
  extras: Record<string, number | null>;
}

export type DetectionMethod = (counts: readonly number[], range?: WeekRange) => DetectionRow[];

/**
 * First week each method monitors by default. EARS needs its baseline weeks; Farrington needs b = 5 years plus w
 * weeks; the GLR charts could start at week 5 (R fits μ₀ on whatever precedes the range) but a seasonal model fitted
 * on less than a year extrapolates wildly, so by default they keep at least 52 training weeks.
 */
const firstMonitorableWeek: Record<MethodName, number> = {
  'ears-c1': 8,
  'ears-c2': 10,
  'ears-c3': 12,
  'farrington-original': 264,
  'farrington-noufaily': 264,
  'farrington-noufaily-muan': 264,
  glrnb: 53,
  glrpois: 53,
  'glrpois-cases': 53,
};

/**
 * Default range of a method for a series of `seriesLength` weeks, as the anchors README runs R: the last 104 weeks
 * for EARS and GLR, max(264, n − 103)..n for Farrington; a shorter series starts at the first week the method can
 * monitor. Throws `invalid_input` when the series is too short for even one week.
 */
export function defaultRange(method: MethodName, seriesLength: number): WeekRange {
  const first = firstMonitorableWeek[method];
  if (seriesLength < first) {
    throw invalidField(
      'counts',
      `${method} needs at least ${first} weeks (it monitors week ${first} onwards), the series has ${seriesLength}`,
    );
  }
  return [Math.max(first, seriesLength - 103), seriesLength];
}

/** Columnar result → rows; `extras` names the extra columns to carry and where they come from. */
function toRows(result: DetectionResult, extras: Record<string, readonly (number | null)[]> = {}): DetectionRow[] {
  const rows: DetectionRow[] = [];
  for (let i = 0; i < result.observed.length; i++) {
    const rowExtras: Record<string, number | null> = {};
    for (const [name, values] of Object.entries(extras)) {
      rowExtras[name] = values[i];
    }
    rows.push({
      weekIndex: result.range[0] + i,
      observed: result.observed[i],
      expected: result.expected[i],
      upperbound: result.upperbound[i],
      alarm: result.alarm[i],
      extras: rowExtras,
    });
  }
  return rows;
}

function withDefaultRange(
  method: MethodName,
  run: (counts: readonly number[], range: WeekRange) => DetectionRow[],
): DetectionMethod {
  return (counts, range) => run(counts, range ?? defaultRange(method, counts.length));
}

export const detectionMethods: Record<MethodName, DetectionMethod> = {
  'ears-c1': withDefaultRange('ears-c1', (counts, range) => toRows(earsC1(counts, { range }))),
  'ears-c2': withDefaultRange('ears-c2', (counts, range) => toRows(earsC2(counts, { range }))),
  'ears-c3': withDefaultRange('ears-c3', (counts, range) => toRows(earsC3(counts, { range }))),
  'farrington-original': withDefaultRange('farrington-original', (counts, range) =>
    farringtonRows(farringtonOriginal(counts, { range })),
  ),
  'farrington-noufaily': withDefaultRange('farrington-noufaily', (counts, range) =>
    farringtonRows(farringtonNoufaily(counts, { range })),
  ),
  'farrington-noufaily-muan': withDefaultRange('farrington-noufaily-muan', (counts, range) =>
    farringtonRows(farringtonNoufailyMuan(counts, { range })),
  ),
  glrnb: withDefaultRange('glrnb', (counts, range) => glrRows(glrNb(counts, { range }))),
  glrpois: withDefaultRange('glrpois', (counts, range) => glrRows(glrPois(counts, { range }))),
  'glrpois-cases': withDefaultRange('glrpois-cases', (counts, range) => glrRows(glrPoisCases(counts, { range }))),
};

function glrRows(result: GlrResult): DetectionRow[] {
  return toRows(result, { alpha: new Array<number>(result.observed.length).fill(result.alpha) });
}

/** Farrington extras under the names of R's reference columns. */
function farringtonRows(result: FarringtonResult): DetectionRow[] {
  return toRows(result, {
    phi: result.phi,
    trend: result.trend,
    trend_coef: result.trendCoef,
    score: result.score,
    pvalue: result.pvalue,
    mu0: result.mu0,
  });
}

export function isMethodName(name: string): name is MethodName {
  return (methodNames as readonly string[]).includes(name);
}

/** The detector called `name`, or `invalid_input` on the `method` field listing the valid names. */
export function detectionMethod(name: string): DetectionMethod {
  if (!isMethodName(name)) {
    throw invalidField('method', `unknown method "${name}"; valid methods: ${methodNames.join(', ')}`);
  }
  return detectionMethods[name];
}
