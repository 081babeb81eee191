import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addStored,
  BUCKET_COUNT,
  bucketOf,
  bucketValue,
  emptyHistogram,
  FIRST_BUCKET_MS,
  mergeStored,
  nearestRank,
  QUANTILE_RELATIVE_ERROR,
  quantile,
  storeHistogram,
} from './histogram.js';

const durations = fc.array(fc.integer({ min: 0, max: 400 * 86_400_000 }), { minLength: 1, maxLength: 300 });

function histogramOf(values: readonly number[]) {
  const counts = emptyHistogram();
  for (const value of values) {
    const bucket = bucketOf(value);
    counts[bucket] = (counts[bucket] as number) + 1;
  }
  return counts;
}

describe('handling-time histograms', () => {
  it('give every quantile within the stated bound of the true nearest-rank quantile', () => {
    fc.assert(
      fc.property(durations, fc.double({ min: 0.01, max: 1, noNaN: true }), (values, q) => {
        const sorted = [...values].sort((a, b) => a - b);
        const exact = sorted[nearestRank(q, sorted.length) - 1] as number;
        const estimate = quantile(histogramOf(values), q) as number;
        if (exact < FIRST_BUCKET_MS) {
          expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(FIRST_BUCKET_MS / 2);
        } else {
          expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(QUANTILE_RELATIVE_ERROR + 1e-12);
        }
      }),
    );
  });

  it('puts each duration in the bucket whose bounds hold it', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_BUCKET_MS, max: 10 * 365 * 86_400_000 }), (ms) => {
        const bucket = bucketOf(ms);
        const middle = bucketValue(bucket);
        // A bucket spans [middle / 2^(1/16), middle · 2^(1/16)): R = 2^(1/8) around its geometric middle.
        expect(middle / 2 ** (1 / 16)).toBeLessThanOrEqual(ms * (1 + 1e-12));
        expect(ms).toBeLessThan(middle * 2 ** (1 / 16) * (1 + 1e-12));
      }),
    );
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(FIRST_BUCKET_MS - 1)).toBe(0);
    expect(bucketOf(FIRST_BUCKET_MS)).toBe(1);
    expect(bucketOf(Number.MAX_SAFE_INTEGER)).toBe(BUCKET_COUNT - 1);
  });

  it('merge by adding: stored text plus changes equals the histogram of all the values', () => {
    fc.assert(
      fc.property(durations, durations, (a, b) => {
        const change = b.flatMap((value) => [bucketOf(value), 1]);
        const merged = mergeStored(storeHistogram(histogramOf(a)), change);
        expect(merged).toBe(storeHistogram(histogramOf([...a, ...b])));
        const dense = emptyHistogram();
        addStored(dense, merged);
        expect([...dense]).toEqual([...histogramOf([...a, ...b])]);
      }),
    );
  });

  it('refuse to go below zero and to read what is not a histogram', () => {
    expect(() => mergeStored('3:1', [3, -2])).toThrow(RangeError);
    expect(() => addStored(emptyHistogram(), '3:x')).toThrow(TypeError);
    expect(() => addStored(emptyHistogram(), `${BUCKET_COUNT}:1`)).toThrow(TypeError);
    expect(quantile(emptyHistogram(), 0.5)).toBeNull();
    expect(nearestRank(0.9, 10)).toBe(9);
    expect(nearestRank(0.5, 3)).toBe(2);
  });
});
