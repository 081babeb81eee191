import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qnorm } from './distributions.js';
import { senSlope } from './sen-slope.js';

function close(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(expected), 1));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Sen's slope and interval straight from the definitions (Gilbert 1987 §16.5), on a series without gaps. */
function bruteForce(x: number[], alpha: number): { slope: number; intercept: number; low: number; high: number } {
  const slopes: number[] = [];
  for (let j = 0; j < x.length; j++) {
    for (let i = 0; i < j; i++) {
      slopes.push((x[j] - x[i]) / (j - i));
    }
  }
  const slope = median(slopes);
  const intercept = median(x.map((value, i) => value - slope * i));
  const n = x.length;
  const groups = new Map<number, number>();
  for (const value of x) {
    groups.set(value, (groups.get(value) ?? 0) + 1);
  }
  let ties = 0;
  for (const t of groups.values()) {
    ties += t * (t - 1) * (2 * t + 5);
  }
  const c = qnorm(1 - alpha / 2) * Math.sqrt((n * (n - 1) * (2 * n + 5) - ties) / 18);
  const sorted = [...slopes].sort((a, b) => a - b);
  const at = (rank: number): number => sorted[Math.min(sorted.length, Math.max(1, Math.round(rank))) - 1];
  return { slope, intercept, low: at((slopes.length - c) / 2), high: at((slopes.length + c) / 2 + 1) };
}

const series = fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 30 });

describe("Sen's slope (Sen 1968)", () => {
  it('works by hand on [1, 3, 2, 5]', () => {
    // Slopes 2, 1/2, 4/3, −1, 1, 3 → median (1 + 4/3)/2 = 7/6; residuals 1, 11/6, −1/3, 3/2 → median 5/4.
    // Var(S) = 4·3·13/18, C = 1.96·2.94 = 5.77: M1 = 0.11 → rank 1, M2 + 1 = 6.89 → rank 6 (both kept inside 1..6).
    const result = senSlope([1, 3, 2, 5]);
    close(result.slope, 7 / 6);
    close(result.intercept, 5 / 4);
    expect(result.low).toBe(-1);
    expect(result.high).toBe(3);
    expect(result.pairs).toBe(6);
  });

  // Reference values computed once with scipy 1.17.1: scipy.stats.theilslopes(x, range(n), alpha=1 − alpha,
  // method='joint') (intercept = median(x − slope·i); the same rank formula with the tie-corrected Var(S)).
  // scipy also gives [−1, 3] for the hand-worked case above.
  it.each([
    {
      x: [3, 5, 4, 6, 5, 4, 7, 12, 6, 5, 4, 5, 9, 14, 8, 9, 11, 9, 13, 15],
      slope: 0.45555555555555555,
      intercept: 3.1333333333333337,
      intervals: [
        [0.05, 0.25, 0.6666666666666666],
        [0.1, 0.3, 0.6363636363636364],
      ],
    },
    {
      x: [10, 9, 9, 8, 10, 7, 7, 6, 8, 5, 5, 4],
      slope: -0.5,
      intercept: 9.75,
      intervals: [
        [0.05, -0.6, -0.42857142857142855],
        [0.1, -0.5714285714285714, -0.5],
      ],
    },
    {
      x: [1, 2, 2, 3, 5, 4, 6],
      slope: 0.8,
      intercept: 1,
      intervals: [
        [0.05, 0.5, 1],
        [0.1, 0.5, 1],
      ],
    },
  ])('agrees with scipy theilslopes on $x', ({ x, slope, intercept, intervals }) => {
    for (const [alpha, low, high] of intervals) {
      const result = senSlope(x, { alpha });
      close(result.slope, slope);
      close(result.intercept, intercept);
      close(result.low, low);
      close(result.high, high);
    }
  });

  it('agrees with the O(n²) definitions', () => {
    fc.assert(
      fc.property(series, fc.constantFrom(0.01, 0.05, 0.1, 0.3), (x, alpha) => {
        const expected = bruteForce(x, alpha);
        const result = senSlope(x, { alpha });
        expect(result.slope).toBe(expected.slope);
        close(result.intercept, expected.intercept);
        expect(result.low).toBe(expected.low);
        expect(result.high).toBe(expected.high);
        expect(result.low).toBeLessThanOrEqual(result.slope);
        expect(result.high).toBeGreaterThanOrEqual(result.slope);
      }),
      { numRuns: 200 },
    );
  });

  it('the slope of a + b·i is b, its intercept a, and the interval collapses onto b', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.integer({ min: 2, max: 40 }),
        (a, b, n) => {
          const result = senSlope(Array.from({ length: n }, (_, i) => a + b * i));
          const scale = 1e-9 * (Math.abs(a) + Math.abs(b) * n + 1);
          expect(Math.abs(result.slope - b)).toBeLessThanOrEqual(scale);
          expect(Math.abs(result.intercept - a)).toBeLessThanOrEqual(scale * n);
          expect(Math.abs(result.low - b)).toBeLessThanOrEqual(scale);
          expect(Math.abs(result.high - b)).toBeLessThanOrEqual(scale);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adding c·i adds c to the slope; scaling by k > 0 scales it; reversing negates it', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 9 }), (x, c, k) => {
        const base = senSlope(x).slope;
        close(senSlope(x.map((value, i) => value + c * i)).slope, base + c, 1e-12);
        close(senSlope(x.map((value) => k * value)).slope, k * base, 1e-12);
        expect(senSlope([...x].reverse()).slope + base).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a smaller alpha never narrows the interval', () => {
    fc.assert(
      fc.property(series, (x) => {
        const wide = senSlope(x, { alpha: 0.01 });
        const narrow = senSlope(x, { alpha: 0.2 });
        expect(wide.low).toBeLessThanOrEqual(narrow.low);
        expect(wide.high).toBeGreaterThanOrEqual(narrow.high);
      }),
      { numRuns: 100 },
    );
  });
});

describe("Sen's slope edge cases", () => {
  it('skips missing values but keeps the positions of the others', () => {
    expect(senSlope([1, Number.NaN, 5]).slope).toBe(2);
    const result = senSlope([null, 2, null, 4]);
    expect(result.slope).toBe(1);
    // Residuals 2 − 1·1 and 4 − 1·3, both 1.
    expect(result.intercept).toBe(1);
    expect(result.pairs).toBe(1);
  });

  it('fewer than 2 values: every figure NaN', () => {
    for (const x of [[], [7], [null, 3, Number.NaN]]) {
      const result = senSlope(x);
      expect(result.slope).toBeNaN();
      expect(result.intercept).toBeNaN();
      expect(result.low).toBeNaN();
      expect(result.high).toBeNaN();
    }
  });

  it('a flat series has slope 0 and a zero-width interval', () => {
    expect(senSlope([4, 4, 4, 4, 4])).toEqual({ slope: 0, intercept: 4, low: 0, high: 0, pairs: 10 });
  });

  it('refuses an alpha outside (0, 1) and infinite values', () => {
    expect(() => senSlope([1, 2, 3], { alpha: 0 })).toThrow(/alpha/);
    expect(() => senSlope([1, 2, 3], { alpha: 1 })).toThrow(/alpha/);
    expect(() => senSlope([1, Number.NEGATIVE_INFINITY, 3])).toThrow(/values\.1/);
  });
});
