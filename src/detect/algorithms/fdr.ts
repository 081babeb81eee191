/**
 * False-discovery-rate control over many tests at once (Benjamini & Hochberg 1995, "Controlling the false discovery
 * rate: a practical and powerful approach to multiple testing", JRSS B 57:289–300). The engine tests a trend in
 * hundreds of series (category × place); at p ≤ 0.05 each, dozens would "rise" by chance alone. BH keeps the expected
 * share of false warnings among those raised at the level asked.
 */
import { invalidField } from '../../core/errors.js';

export interface BenjaminiHochbergResult {
  /** Adjusted p-values (q-values) in the input order, as R `p.adjust(p, "BH")`; `null` where the p-value was missing. */
  qValues: (number | null)[];
  /** Whether each hypothesis is rejected at the level: q ≤ level (the step-up rule); never for a missing p-value. */
  rejected: boolean[];
}

/**
 * Benjamini–Hochberg adjustment: with the m present p-values sorted, p_(1) ≤ … ≤ p_(m),
 * q_(k) = min_{j ≥ k} min(1, m·p_(j)/j), returned in the input order. Rejecting q ≤ level is the step-up rule
 * "reject p_(1..k*) where k* is the largest k with p_(k) ≤ k·level/m" (exactly, when that is evaluated as
 * (m/k)·p_(k) ≤ level, the form used here). Missing p-values
 * (`null`, NaN) are left out of m and get `null`, as R's p.adjust does with NA. A p-value outside [0, 1] or a level
 * outside (0, 1] is refused with `invalid_input`.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[], level = 0.05): BenjaminiHochbergResult {
  if (!(level > 0 && level <= 1)) {
    throw invalidField('level', `must be in (0, 1], got ${level}`);
  }
  const present: { index: number; p: number }[] = [];
  for (let index = 0; index < pValues.length; index++) {
    const p = pValues[index];
    if (p === null || Number.isNaN(p)) {
      continue;
    }
    if (!(p >= 0 && p <= 1)) {
      throw invalidField(`pValues.${index}`, `must be a probability in [0, 1] or missing, got ${p}`);
    }
    present.push({ index, p });
  }
  const m = present.length;
  // Largest p first, so the running minimum walks down the ranks; tied p-values end with the same q in any order.
  present.sort((a, b) => b.p - a.p);
  const qValues = new Array<number | null>(pValues.length).fill(null);
  const rejected = new Array<boolean>(pValues.length).fill(false);
  let runningMinimum = 1;
  for (let position = 0; position < m; position++) {
    const { index, p } = present[position];
    const rank = m - position;
    // (m / rank) · p in R's order of operations (p.adjust), so q-values agree with R to the last bit.
    runningMinimum = Math.min(runningMinimum, (m / rank) * p);
    qValues[index] = runningMinimum;
    rejected[index] = runningMinimum <= level;
  }
  return { qValues, rejected };
}
