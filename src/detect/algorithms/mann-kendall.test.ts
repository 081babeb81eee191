import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mannKendall, mannKendallS, mannKendallVariance, presentValues, tieGroupSizes } from './mann-kendall.js';

function close(actual: number, expected: number, relative = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(Math.abs(expected), 1e-300));
}

/** S by its definition, written independently: concordant minus discordant pairs counted from the later value. */
function bruteForceS(values: readonly number[]): number {
  let concordant = 0;
  let discordant = 0;
  for (let j = 0; j < values.length; j++) {
    for (let i = 0; i < j; i++) {
      concordant += values[j] > values[i] ? 1 : 0;
      discordant += values[j] < values[i] ? 1 : 0;
    }
  }
  return concordant - discordant;
}

/** Every ordering of `values` (Heap's algorithm), each passed to `visit`; n! of them, so keep n ≤ 8. */
function forEachPermutation(values: readonly number[], visit: (permutation: number[]) => void): void {
  const a = [...values];
  const c = new Array<number>(a.length).fill(0);
  visit(a);
  let i = 0;
  while (i < a.length) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [a[j], a[i]] = [a[i], a[j]];
      visit(a);
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/** The exact null distribution of S: S over every ordering of the values (ties included, each ordering equally likely). */
function exactDistribution(values: readonly number[]): number[] {
  const all: number[] = [];
  forEachPermutation(values, (permutation) => all.push(bruteForceS(permutation)));
  return all;
}

const smallSeries = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 7 });
const series = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 40 });

describe('Mann-Kendall (Mann 1945, Kendall 1975)', () => {
  it('works by hand on a strictly rising series', () => {
    const result = mannKendall([1, 2, 3, 4, 5]);
    // All 10 pairs rise; Var = 5·4·15/18; z = (10 − 1)/√Var.
    expect(result.s).toBe(10);
    close(result.varS, 300 / 18);
    close(result.z, 9 / Math.sqrt(300 / 18));
    expect(result.tau).toBe(1);
    expect(result.n).toBe(5);
  });

  it('works by hand with a tie: [1, 2, 2, 3]', () => {
    const result = mannKendall([1, 2, 2, 3]);
    // Pairs: five rise, the two 2s tie. Var = [4·3·13 − 2·1·9]/18; τ-b = 5/√(6·(6 − 1)).
    expect(result.s).toBe(5);
    close(result.varS, 138 / 18);
    close(result.tau, 5 / Math.sqrt(30));
    close(result.z, 4 / Math.sqrt(138 / 18));
  });

  // Reference values computed once with scipy 1.17.1 (not needed to run the tests): tau from
  // scipy.stats.kendalltau(range(n), x) (τ-b), z and p-values from scipy.stats.norm.sf on the continuity-corrected z
  // with the tie-corrected Var(S) given here (which scipy's asymptotic kendalltau p-value confirms).
  it.each([
    {
      x: [3, 5, 4, 6, 5, 4, 7, 12, 6, 5, 4, 5, 9, 14, 8, 9, 11, 9, 13, 15],
      s: 109,
      varS: 933,
      tau: 0.594378462568079,
      z: 3.5357612641469163,
      pUpward: 0.00020330098147573758,
      pTwoSided: 0.00040660196295147516,
    },
    {
      x: [10, 9, 9, 8, 10, 7, 7, 6, 8, 5, 5, 4],
      s: -49,
      varS: 3738 / 18,
      tau: -0.7722522721128167,
      z: -3.33087121482642,
      pUpward: 0.9995671267720585,
      pTwoSided: 0.0008657464558830242,
    },
    {
      x: [1, 2, 2, 3, 5, 4, 6],
      s: 18,
      varS: 780 / 18,
      tau: 0.8783100656536799,
      z: 2.58248538606335,
      pUpward: 0.0049045758228971675,
      pTwoSided: 0.009809151645794335,
    },
  ])('agrees with scipy on $x', (reference) => {
    const result = mannKendall(reference.x);
    expect(result.s).toBe(reference.s);
    close(result.varS, reference.varS, 1e-14);
    close(result.tau, reference.tau);
    close(result.z, reference.z);
    close(result.pUpward, reference.pUpward);
    close(result.pTwoSided, reference.pTwoSided);
  });

  it('Var(S) with the tie correction is the exact variance of S over all orderings', () => {
    fc.assert(
      fc.property(smallSeries, (values) => {
        const all = exactDistribution(values);
        const mean = all.reduce((sum, s) => sum + s, 0) / all.length;
        const variance = all.reduce((sum, s) => sum + s * s, 0) / all.length;
        expect(mean).toBe(0);
        close(mannKendallVariance(values), variance, 1e-12);
      }),
      { numRuns: 30 },
    );
  });

  it('the normal p-values are close to the exact permutation p-values at n = 8', () => {
    const cases = [
      [2, 1, 4, 3, 6, 5, 8, 7],
      [1, 3, 2, 5, 4, 4, 8, 6],
      [5, 5, 6, 4, 7, 6, 9, 8],
      [3, 1, 2, 2, 1, 4, 3, 2],
    ];
    for (const values of cases) {
      const all = exactDistribution(values);
      const s = bruteForceS(values);
      const exactUpward = all.filter((v) => v >= s).length / all.length;
      const exactTwoSided = all.filter((v) => Math.abs(v) >= Math.abs(s)).length / all.length;
      const result = mannKendall(values);
      // Within 0.005 (0.01 two-sided) here; without the continuity correction the last case is 0.05 off.
      expect(Math.abs(result.pUpward - exactUpward)).toBeLessThan(0.005);
      expect(Math.abs(result.pTwoSided - exactTwoSided)).toBeLessThan(0.01);
    }
  });

  it('S and the tie groups agree with brute-force definitions', () => {
    fc.assert(
      fc.property(series, (values) => {
        expect(mannKendallS(values)).toBe(bruteForceS(values));
        const counts = new Map<number, number>();
        for (const value of values) {
          counts.set(value, (counts.get(value) ?? 0) + 1);
        }
        const expected = [...counts.values()].filter((t) => t > 1).sort((a, b) => a - b);
        expect([...tieGroupSizes(values)].sort((a, b) => a - b)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('reversing the series negates S, z and τ and keeps the two-sided p-value', () => {
    fc.assert(
      fc.property(series, (values) => {
        const forward = mannKendall(values);
        const backward = mannKendall([...values].reverse());
        // Sums rather than toBe(−x): Object.is tells 0 from −0.
        expect(backward.s + forward.s).toBe(0);
        expect(backward.z + forward.z).toBe(0);
        expect(backward.tau + forward.tau).toBe(0);
        expect(backward.varS).toBe(forward.varS);
        expect(backward.pTwoSided).toBe(forward.pTwoSided);
        if (forward.varS > 0 && forward.n >= 3) {
          close(backward.pUpward + forward.pUpward, 1, 1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is invariant to strictly increasing transforms and flips under decreasing ones', () => {
    fc.assert(
      fc.property(series, (values) => {
        const base = mannKendall(values);
        const increasing = mannKendall(values.map((x) => x ** 3 + Math.exp(x / 10)));
        expect(increasing).toEqual(base);
        const decreasing = mannKendall(values.map((x) => -2 * x + 7));
        expect(decreasing.s + base.s).toBe(0);
        expect(decreasing.z + base.z).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps p-values and τ in range, and the two-sided p-value twice the smaller tail', () => {
    fc.assert(
      fc.property(series, (values) => {
        const result = mannKendall(values);
        for (const p of [result.pUpward, result.pTwoSided]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect(Math.abs(result.tau)).toBeLessThanOrEqual(1 + 1e-15);
        if (result.n >= 3 && result.varS > 0) {
          close(result.pTwoSided, Math.min(1, 2 * Math.min(result.pUpward, 1 - result.pUpward)), 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('τ is ±1 for a strictly monotone series of distinct values', () => {
    expect(mannKendall([0.5, 2, 9, 11, 40]).tau).toBe(1);
    expect(mannKendall([9, 7, 3, 1]).tau).toBe(-1);
  });
});

describe('Mann-Kendall edge cases', () => {
  it('fewer than 3 values: no test, z 0 and p-values 1', () => {
    for (const values of [[], [4], [1, 5]]) {
      const result = mannKendall(values);
      expect(result.z).toBe(0);
      expect(result.pUpward).toBe(1);
      expect(result.pTwoSided).toBe(1);
    }
    expect(mannKendall([]).tau).toBe(0);
    expect(mannKendall([1, 5])).toMatchObject({ n: 2, s: 1, tau: 1 });
  });

  it('all values equal: S 0, Var(S) 0, p-values 1', () => {
    expect(mannKendall([3, 3, 3, 3, 3, 3])).toEqual({ n: 6, s: 0, varS: 0, z: 0, pTwoSided: 1, pUpward: 1, tau: 0 });
  });

  it('S = 0 with ties present gives z 0, an even upward p-value and a two-sided p-value of 1', () => {
    const result = mannKendall([1, 2, 2, 1]);
    expect(result.s).toBe(0);
    expect(result.pUpward).toBe(0.5);
    expect(result.pTwoSided).toBe(1);
  });

  it('skips missing values (null, NaN) as if they were not there', () => {
    const withGaps = mannKendall([1, null, 3, Number.NaN, 2, 5, null]);
    expect(withGaps).toEqual(mannKendall([1, 3, 2, 5]));
    expect(withGaps.n).toBe(4);
    expect(presentValues([null, 4, Number.NaN, 6])).toEqual({ values: [4, 6], indices: [1, 3] });
    expect(mannKendall([null, Number.NaN]).pUpward).toBe(1);
  });

  it('refuses infinite values, naming the position', () => {
    expect(() => mannKendall([1, 2, Number.POSITIVE_INFINITY])).toThrow(/values\.2/);
  });

  it('keeps tiny p-values for a long rising series', () => {
    const result = mannKendall(Array.from({ length: 200 }, (_, i) => i));
    expect(result.pUpward).toBeGreaterThan(0);
    expect(result.pUpward).toBeLessThan(1e-90);
  });
});
