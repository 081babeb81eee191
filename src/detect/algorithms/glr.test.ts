import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glrNb, glrPois, glrPoisCases, negativeBinomialGlr, poissonGlr } from './glr.js';

const seasonal = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.round(5 + 3 * Math.sin((2 * Math.PI * (i + 1)) / 52) + ((i * 5) % 3)));

describe('GLR charts (Höhle & Paul 2008, R algo.glrnb)', () => {
  it('Poisson statistic: the best window is the last week alone when only it is high', () => {
    const mu0 = [2, 2, 2, 2];
    const x = [2, 2, 2, 8];
    // ℓ = x log(x/μ) − x + μ for the last week.
    expect(poissonGlr(x, mu0, 0, 3)).toBeCloseTo(8 * Math.log(4) - 8 + 2, 12);
    expect(poissonGlr([1, 1], [2, 2], 0, 1)).toBe(0);
  });

  it('negative binomial statistic tends to the Poisson one as α → 0', () => {
    const mu0 = [2, 3, 2.5, 2];
    const x = [2, 5, 6, 9];
    expect(negativeBinomialGlr(x, mu0, 1e-7, 0, 3)).toBeCloseTo(poissonGlr(x, mu0, 0, 3), 4);
    expect(negativeBinomialGlr(x, mu0, 0.5, 0, 3)).toBeLessThan(poissonGlr(x, mu0, 0, 3));
  });

  it('restarts after an alarm and reports the statistic as the bound', () => {
    const counts = seasonal(200);
    counts[180] = 40;
    const result = glrPois(counts, { range: [150, 200] });
    const week = 180 - 150 + 1;
    expect(result.alarm[week]).toBe(1);
    expect(result.upperbound[week]).toBeGreaterThanOrEqual(5);
    // The week after an alarm starts a new segment: only itself counts.
    const next = week + 1;
    const alone = poissonGlr(result.observed, result.expected as number[], next, next);
    expect(result.upperbound[next]).toBeCloseTo(Math.max(0, alone), 12);
    expect(result.alpha).toBe(0);
  });

  it('cases to alarm: the smallest count that raises the statistic to c.ARL (as the C code counts up)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 15 }), { minLength: 60, maxLength: 80 }), (tail) => {
        const counts = [...seasonal(120), ...tail];
        const range: [number, number] = [121, counts.length];
        const cases = glrPoisCases(counts, { range });
        const values = glrPois(counts, { range });
        const x = values.observed;
        const mu0 = values.expected as number[];
        let start = 0;
        for (let n = 0; n < x.length; n++) {
          const bound = cases.upperbound[n] as number;
          const withCount = (c: number) => poissonGlr([...x.slice(0, n), c], mu0, start, n);
          expect(withCount(bound)).toBeGreaterThanOrEqual(5);
          if (bound > 0) {
            expect(withCount(bound - 1)).toBeLessThan(5);
          }
          if (values.alarm[n] === 1) {
            start = n + 1;
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it('negative binomial chart estimates α = 1/θ from the training weeks', () => {
    const counts = seasonal(260).map((count, i) => (i % 9 === 0 ? count * 3 : count));
    const result = glrNb(counts, { range: [157, 260] });
    expect(result.alpha).toBeGreaterThan(0);
    expect(result.expected.every((value) => value !== null && value > 0)).toBe(true);
  });
});
