import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './fdr.js';

/** q_i = min(1, min over j with p_j ≥ p_i of (m / R_j)·p_j), R_j = #{l : p_l ≤ p_j}: BH without sorting. */
function bruteForceQ(p: readonly number[]): number[] {
  const m = p.length;
  return p.map((pi) => {
    let q = 1;
    for (const pj of p) {
      if (pj >= pi) {
        const rank = p.filter((pl) => pl <= pj).length;
        q = Math.min(q, (m / rank) * pj);
      }
    }
    return q;
  });
}

/** The step-up rule of Benjamini & Hochberg (1995): reject the k* smallest, k* the largest k with p_(k) ≤ k·q/m. */
function stepUpRejected(p: readonly number[], level: number): boolean[] {
  const m = p.length;
  const sorted = [...p].sort((a, b) => a - b);
  let threshold = -1;
  for (let k = 1; k <= m; k++) {
    // Written as (m / k)·p ≤ level, the arithmetic the adjusted values use, so float rounding cannot split them.
    if ((m / k) * sorted[k - 1] <= level) {
      threshold = sorted[k - 1];
    }
  }
  return p.map((value) => value <= threshold);
}

const pValues = fc.array(
  fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
  ),
  { maxLength: 40 },
);

describe('Benjamini–Hochberg (1995)', () => {
  it('works by hand', () => {
    // Sorted 0.005, 0.01, 0.03, 0.04 → 4·p/k = 0.02, 0.02, 0.04, 0.04; running minimum from the top changes nothing.
    const result = benjaminiHochberg([0.01, 0.04, 0.03, 0.005], 0.03);
    // (4/3)·0.03 rounds to 0.039999999999999994, as in R's p.adjust; hence a tolerance.
    [0.02, 0.04, 0.04, 0.02].forEach((q, i) => {
      expect(result.qValues[i]).toBeCloseTo(q, 15);
    });
    expect(result.rejected).toEqual([true, false, false, true]);
  });

  it('agrees with scipy', () => {
    // Computed once with scipy 1.17.1: scipy.stats.false_discovery_control(p, method='bh').
    const p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.041, 0.9, 0.0001, 0.04];
    const expected = [
      0.03333333333333333, 0.05857142857142857, 0.05857142857142857, 0.025, 0.25, 0.5555555555555556,
      0.05857142857142857, 0.9, 0.001, 0.05857142857142857,
    ];
    const { qValues, rejected } = benjaminiHochberg(p, 0.05);
    qValues.forEach((q, i) => {
      expect(Math.abs((q as number) - expected[i])).toBeLessThanOrEqual(1e-15);
    });
    expect(rejected).toEqual(expected.map((q) => q <= 0.05));
  });

  it('agrees with the brute-force adjustment and the step-up rule', () => {
    fc.assert(
      fc.property(pValues, fc.constantFrom(0.01, 0.05, 0.1, 0.25, 1), (p, level) => {
        const result = benjaminiHochberg(p, level);
        expect(result.qValues).toEqual(bruteForceQ(p));
        expect(result.rejected).toEqual(stepUpRejected(p, level));
      }),
      { numRuns: 300 },
    );
  });

  it('q-values are at least p, at most 1, and monotone in p', () => {
    fc.assert(
      fc.property(pValues, (p) => {
        const q = benjaminiHochberg(p).qValues as number[];
        for (let i = 0; i < p.length; i++) {
          expect(q[i]).toBeGreaterThanOrEqual(p[i]);
          expect(q[i]).toBeLessThanOrEqual(1);
          for (let j = 0; j < p.length; j++) {
            if (p[i] <= p[j]) {
              expect(q[i]).toBeLessThanOrEqual(q[j]);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('follows its input order: shuffling the p-values shuffles the q-values alike', () => {
    fc.assert(
      fc.property(
        pValues.chain((p) =>
          fc.tuple(
            fc.constant(p),
            fc.shuffledSubarray(
              p.map((_, i) => i),
              { minLength: p.length },
            ),
          ),
        ),
        ([p, order]) => {
          const q = benjaminiHochberg(p).qValues;
          const shuffled = benjaminiHochberg(order.map((i) => p[i])).qValues;
          expect(shuffled).toEqual(order.map((i) => q[i]));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('all-equal p-values keep their value, and all or none are rejected', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 50 }), (p, m) => {
        const result = benjaminiHochberg(new Array<number>(m).fill(p), 0.05);
        expect(result.qValues).toEqual(new Array<number>(m).fill(p));
        expect(result.rejected).toEqual(new Array<boolean>(m).fill(p <= 0.05));
      }),
      { numRuns: 100 },
    );
  });
});

describe('Benjamini–Hochberg edge cases', () => {
  it('nothing in, nothing out', () => {
    expect(benjaminiHochberg([])).toEqual({ qValues: [], rejected: [] });
  });

  it('leaves missing p-values out of m, with a null q-value and no rejection', () => {
    const result = benjaminiHochberg([0.01, null, 0.04, Number.NaN], 0.05);
    expect(result.qValues).toEqual([0.02, null, 0.04, null]);
    expect(result.rejected).toEqual([true, false, true, false]);
  });

  it('caps q-values at 1', () => {
    expect(benjaminiHochberg([0.9, 0.95, 1]).qValues).toEqual([1, 1, 1]);
  });

  it('refuses p-values outside [0, 1] and levels outside (0, 1], naming them', () => {
    expect(() => benjaminiHochberg([0.1, 1.5])).toThrow(/pValues\.1/);
    expect(() => benjaminiHochberg([-0.01])).toThrow(/pValues\.0/);
    expect(() => benjaminiHochberg([Number.POSITIVE_INFINITY])).toThrow(/pValues\.0/);
    expect(() => benjaminiHochberg([0.1], 0)).toThrow(/level/);
    expect(() => benjaminiHochberg([0.1], 1.2)).toThrow(/level/);
    expect(() => benjaminiHochberg([0.1], Number.NaN)).toThrow(/level/);
  });
});
