import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './fdr.js';
import { mannKendall } from './mann-kendall.js';
import { senSlope } from './sen-slope.js';
import { trendAcrossSeries, trendTest } from './trend.js';

const steady = [2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9, 10, 10];
const mild = [5, 3, 6, 4, 5, 7, 4, 6, 8, 5, 7, 6, 8];
const flat = [5, 6, 4, 5, 6, 5, 4, 6, 5, 5, 4, 6, 5];

describe('trendTest: Mann-Kendall + Sen over the recent weeks', () => {
  it('reports a steady rise with its slope per week and interval', () => {
    const result = trendTest(steady);
    const test = mannKendall(steady);
    const sen = senSlope(steady);
    expect(result).toEqual({
      n: 13,
      s: test.s,
      z: test.z,
      pUpward: test.pUpward,
      tau: test.tau,
      slopePerWeek: sen.slope,
      slopeLow: sen.low,
      slopeHigh: sen.high,
      rising: true,
    });
    expect(result.s).toBe(74);
    expect(result.slopePerWeek).toBeCloseTo(2 / 3, 12);
    expect(result.pUpward).toBeLessThan(1e-5);
  });

  it('tests only the last `weeks` weeks', () => {
    // A long fall, then a rise over the last 10 weeks.
    const counts = [...Array.from({ length: 30 }, (_, i) => 60 - i), ...[30, 31, 33, 32, 35, 36, 38, 37, 40, 42]];
    expect(trendTest(counts, { weeks: 10 })).toMatchObject({ n: 10, rising: true });
    expect(trendTest(counts, { weeks: 40 })).toMatchObject({ n: 40, rising: false });
    expect(trendTest(counts, { weeks: 10 })).toEqual(trendTest(counts.slice(-10), { weeks: 10 }));
    // A series shorter than the window is tested whole.
    expect(trendTest(steady, { weeks: 52 })).toEqual(trendTest(steady));
  });

  it('is not rising on a flat or a falling series, nor on a rise weaker than alpha', () => {
    expect(trendTest(flat).rising).toBe(false);
    expect(trendTest([...steady].reverse()).rising).toBe(false);
    const result = trendTest(mild);
    expect(result.pUpward).toBeGreaterThan(0.01);
    expect(result.pUpward).toBeLessThan(0.05);
    expect(result.rising).toBe(true);
    expect(trendTest(mild, { alpha: 0.01 }).rising).toBe(false);
  });

  it('a significant S with a zero median slope (mostly tied weeks) is not a rise', () => {
    const result = trendTest([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(result.pUpward).toBeLessThan(0.01);
    expect(result.slopePerWeek).toBe(0);
    expect(result.rising).toBe(false);
  });

  it('too few weeks: p-value 1, not rising, slopes null below two values', () => {
    expect(trendTest([1, 9])).toMatchObject({ n: 2, pUpward: 1, slopePerWeek: 8, rising: false });
    expect(trendTest([null, 4, Number.NaN])).toMatchObject({
      n: 1,
      pUpward: 1,
      slopePerWeek: null,
      slopeLow: null,
      slopeHigh: null,
      rising: false,
    });
    expect(trendTest([]).rising).toBe(false);
  });

  it('skips missing weeks inside the window', () => {
    const withGap = trendTest([2, 3, null, 5, 6, 7, Number.NaN, 9, 10, 11]);
    expect(withGap.n).toBe(8);
    expect(withGap.slopePerWeek).toBe(1);
    expect(withGap.rising).toBe(true);
  });

  it('refuses bad options, naming them', () => {
    expect(() => trendTest(steady, { weeks: 2 })).toThrow(/weeks/);
    expect(() => trendTest(steady, { weeks: 4.5 })).toThrow(/weeks/);
    expect(() => trendTest(steady, { alpha: 0 })).toThrow(/alpha/);
    expect(() => trendAcrossSeries([steady], { alpha: 1 })).toThrow(/alpha/);
  });
});

describe('trendAcrossSeries: Benjamini–Hochberg across series', () => {
  it('keeps a strong rise but drops a mild one that chance explains among many series', () => {
    const noise = Array.from({ length: 18 }, (_, k) => flat.map((value, i) => value + ((i * (k + 3)) % 3) - 1));
    const results = trendAcrossSeries([steady, mild, ...noise]);
    expect(results).toHaveLength(20);
    expect(results[0].rising).toBe(true);
    // Alone, the mild series is rising at 0.05; with 19 others its q-value is far above 0.05.
    expect(trendTest(mild).rising).toBe(true);
    expect(results[1].rising).toBe(false);
    expect(results[1].qValue).toBeGreaterThan(0.05);
    expect(results.map((result) => result.qValue)).toEqual(
      benjaminiHochberg(
        results.map((result) => result.pUpward),
        0.05,
      ).qValues,
    );
  });

  it('keeps each series’ own figures, with q ≥ p, and q = p for a single series', () => {
    const counts = fc.array(fc.oneof(fc.nat({ max: 20 }), fc.constant(null)), { maxLength: 20 });
    fc.assert(
      fc.property(fc.array(counts, { maxLength: 12 }), fc.integer({ min: 3, max: 15 }), (seriesList, weeks) => {
        const results = trendAcrossSeries(seriesList, { weeks });
        expect(results).toHaveLength(seriesList.length);
        results.forEach((result, i) => {
          const { qValue, rising, ...alone } = result;
          const { rising: risingAlone, ...expected } = trendTest(seriesList[i], { weeks });
          expect(alone).toEqual(expected);
          expect(qValue).toBeGreaterThanOrEqual(result.pUpward);
          // BH can only take rises away.
          expect(!rising || risingAlone).toBe(true);
        });
        if (seriesList.length === 1) {
          expect(results[0].qValue).toBe(results[0].pUpward);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('nothing in, nothing out', () => {
    expect(trendAcrossSeries([])).toEqual([]);
  });
});
