import { describe, expect, it } from 'vitest';
import { qnorm } from './distributions.js';
import { earsC1, earsC2, earsC3 } from './ears.js';

const counts = [3, 5, 4, 6, 5, 4, 7, 12, 6, 5, 4, 5, 9, 14];

function sampleStatistics(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

describe('EARS (Hutwagner 2005, R earsC)', () => {
  it('C1 compares week t with mean + z·sd of the 7 weeks before it', () => {
    const result = earsC1(counts, { range: [8, 8] });
    const { mean, sd } = sampleStatistics(counts.slice(0, 7));
    expect(result.upperbound[0]).toBeCloseTo(mean + qnorm(0.999) * sd, 12);
    expect(result.alarm[0]).toBe(1);
    expect(result.expected[0]).toBeNull();
  });

  it('C2 lags the baseline by two weeks', () => {
    const result = earsC2(counts, { range: [10, 10] });
    const { mean, sd } = sampleStatistics(counts.slice(0, 7));
    expect(result.upperbound[0]).toBeCloseTo(mean + qnorm(0.999) * sd, 12);
  });

  it('C3 uses y_t and the excesses of the two previous C2 statistics, as R codes it', () => {
    const result = earsC3(counts, { range: [14, 14] });
    const c2 = (u: number): number => {
      const { mean, sd } = sampleStatistics(counts.slice(u - 10, u - 3));
      return (counts[u - 1] - mean) / sd;
    };
    const { sd } = sampleStatistics(counts.slice(4, 11));
    const z = qnorm(0.975);
    const upper = Math.max(0, counts[13] + sd * (z - (Math.max(0, c2(12) - 1) + Math.max(0, c2(13) - 1))));
    expect(result.upperbound[0]).toBeCloseTo(upper, 12);
  });

  it('keeps R NaN semantics: a zero-variance baseline gives NA bound and alarm in C3, the mean in C1', () => {
    const flat = new Array(14).fill(2);
    expect(earsC1(flat, { range: [8, 8] }).upperbound[0]).toBe(2);
    expect(earsC1(flat, { range: [8, 8] }).alarm[0]).toBe(0);
    const c3 = earsC3(flat, { range: [12, 14] });
    expect(c3.upperbound).toEqual([null, null, null]);
    expect(c3.alarm).toEqual([null, null, null]);
  });

  it('refuses a range without enough history', () => {
    expect(() => earsC1(counts, { range: [7, 8] })).toThrow(/week 8 or later/);
    expect(() => earsC3(counts, { range: [11, 14] })).toThrow(/week 12 or later/);
  });
});
