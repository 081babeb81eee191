/**
 * Bursts of terms: which terms appear in many more of this week's texts than their own history leads one to expect.
 * Each term is tested on its own with a one-sided exact Poisson test, and Benjamini–Hochberg keeps the share of chance
 * bursts among those flagged at the level asked, however many terms the week has.
 */
import { invalidField } from '../../core/errors.js';
import { poissonUpperTail } from '../algorithms/discrete-distributions.js';
import { benjaminiHochberg } from '../algorithms/fdr.js';
import type { WeekTerms } from './term-counts.js';

export interface BurstOptions {
  /** Fewest texts of the week that must contain a term before it is tested at all (default 3). */
  minCount: number;
  /**
   * Smallest count ÷ expected of a flagged term (default 3, the size of outbreak the detectors are held to): with
   * hundreds of complaints a week a common term can rise significantly by a third, which is not "emerging".
   */
  minRatio: number;
  /**
   * False-discovery level of Benjamini–Hochberg across the tested terms (default 0.01). Complaints are not
   * independent draws (a village's complaints about one shop come in clusters), so the Poisson p-values are too small
   * for ordinary terms; the stricter level halves the chance bursts on the demo town (see docs/detect.md).
   */
  fdrLevel: number;
  /**
   * Texts added to every term's baseline count (default 0.5), so a term never seen has a small expectation instead
   * of zero: with 26 baseline weeks, about one text in half a year.
   */
  priorCount: number;
}

export const DEFAULT_BURST_OPTIONS: BurstOptions = { minCount: 3, minRatio: 3, fdrLevel: 0.01, priorCount: 0.5 };

/** One tested term of one week. */
export interface TermTest {
  term: string;
  /** Texts of the week containing the term. */
  count: number;
  /** What the baseline rate predicts for this week's number of texts. */
  expected: number;
  /** count ÷ expected. */
  ratio: number;
  /** P(X ≥ count) for X ~ Poisson(expected). */
  p: number;
  /** The term never appeared in the baseline weeks. */
  new: boolean;
}

/** A flagged term: a tested term with its Benjamini–Hochberg q-value. */
export interface TermBurst extends TermTest {
  q: number;
}

/** Options with defaults filled in; a bad value is refused with `invalid_input` naming it. */
export function resolveBurstOptions(options: Partial<BurstOptions> = {}): BurstOptions {
  // Field by field, so that an option given as undefined takes its default too.
  const resolved: BurstOptions = {
    minCount: options.minCount ?? DEFAULT_BURST_OPTIONS.minCount,
    minRatio: options.minRatio ?? DEFAULT_BURST_OPTIONS.minRatio,
    fdrLevel: options.fdrLevel ?? DEFAULT_BURST_OPTIONS.fdrLevel,
    priorCount: options.priorCount ?? DEFAULT_BURST_OPTIONS.priorCount,
  };
  if (!(Number.isInteger(resolved.minCount) && resolved.minCount >= 1)) {
    throw invalidField('minCount', `must be a whole number of at least 1, got ${resolved.minCount}`);
  }
  if (!(Number.isFinite(resolved.minRatio) && resolved.minRatio >= 1)) {
    throw invalidField('minRatio', `must be a number of at least 1, got ${resolved.minRatio}`);
  }
  if (!(resolved.fdrLevel > 0 && resolved.fdrLevel <= 1)) {
    throw invalidField('fdrLevel', `must be in (0, 1], got ${resolved.fdrLevel}`);
  }
  if (!(Number.isFinite(resolved.priorCount) && resolved.priorCount > 0)) {
    throw invalidField('priorCount', `must be a positive number, got ${resolved.priorCount}`);
  }
  return resolved;
}

/**
 * Test every term of the current week that at least `minCount` texts contain. A term's rate is its baseline count
 * plus `priorCount` over the baseline's texts, and its expected count that rate times the current week's texts
 * (so a busier week expects more). The p-value is the exact one-sided Poisson tail P(X ≥ count), as R
 * `ppois(count − 1, expected, lower.tail = FALSE)`: exact, where the chi-square approximation of the likelihood-ratio
 * statistic is poor at the small counts that matter here. Without baseline texts nothing is tested (there is no
 * history to burst against), and the result is empty.
 */
export function termTests(current: WeekTerms, baseline: WeekTerms, options: Partial<BurstOptions> = {}): TermTest[] {
  const { minCount, priorCount } = resolveBurstOptions(options);
  if (baseline.texts <= 0 || current.texts <= 0) {
    return [];
  }
  const tests: TermTest[] = [];
  for (const [term, count] of current.terms) {
    if (count < minCount) {
      continue;
    }
    const seen = baseline.terms.get(term) ?? 0;
    const expected = (current.texts * (seen + priorCount)) / baseline.texts;
    tests.push({
      term,
      count,
      expected,
      ratio: count / expected,
      p: poissonUpperTail(count, expected),
      new: seen === 0,
    });
  }
  return tests;
}

/**
 * The tests that burst: Benjamini–Hochberg (src/detect/algorithms/fdr.ts) over all the tests given, then q ≤
 * `fdrLevel` and ratio ≥ `minRatio`. Give the tests of all the series of a week together to control the false
 * discoveries across them. Flagged first by q, then by count (larger first), then by term.
 */
export function flagBursts<T extends TermTest>(
  tests: readonly T[],
  options: Partial<BurstOptions> = {},
): (T & TermBurst)[] {
  const { fdrLevel, minRatio } = resolveBurstOptions(options);
  const { qValues } = benjaminiHochberg(
    tests.map((test) => test.p),
    fdrLevel,
  );
  const flagged: (T & TermBurst)[] = [];
  tests.forEach((test, index) => {
    const q = qValues[index] as number;
    if (q <= fdrLevel && test.ratio >= minRatio) {
      flagged.push({ ...test, q });
    }
  });
  return flagged.sort((a, b) => a.q - b.q || b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

/** The bursting terms of one series in one week: termTests then flagBursts. */
export function burstingTerms(
  current: WeekTerms,
  baseline: WeekTerms,
  options: Partial<BurstOptions> = {},
): TermBurst[] {
  return flagBursts(termTests(current, baseline, options), options);
}
