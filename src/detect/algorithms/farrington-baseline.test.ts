import { describe, expect, it } from 'vitest';
import { farringtonBaseline } from './farrington-baseline.js';

const counts = Array.from({ length: 312 }, (_, i) => i + 1);

describe('Farrington reference weeks (R blocks / algo.farrington.data.glm)', () => {
  it('original: 5 years × 7 weeks around the same week, all in one group', () => {
    const data = farringtonBaseline(counts, 300, { b: 5, w: 3, noPeriods: 1, pastWeeksNotIncluded: 3, freq: 52 });
    expect(data.weeks.length).toBe(35);
    const expected = [5, 4, 3, 2, 1].flatMap((year) => [-3, -2, -1, 0, 1, 2, 3].map((d) => 300 - 52 * year + d));
    expect(Array.from(data.weeks)).toEqual(expected);
    expect(new Set(data.groups)).toEqual(new Set([0]));
    expect(Array.from(data.counts)).toEqual(expected);
  });

  it('Noufaily: 10 groups, 9 blocks of 5 weeks between windows, the last 26 weeks left out', () => {
    const k = 300;
    const data = farringtonBaseline(counts, k, { b: 5, w: 3, noPeriods: 10, pastWeeksNotIncluded: 26, freq: 52 });
    expect(data.weeks.length).toBe(237);
    expect(data.weeks[0]).toBe(k - 260 - 3);
    expect(data.weeks[data.weeks.length - 1]).toBe(k - 27);
    const groupOf = new Map(Array.from(data.weeks, (week, i) => [week, data.groups[i]]));
    // The current group is the last one (index 9); blocks are numbered in time order after each window.
    expect(groupOf.get(k - 52)).toBe(9);
    expect(groupOf.get(k - 52 + 4)).toBe(0);
    expect(groupOf.get(k - 52 + 8)).toBe(0);
    expect(groupOf.get(k - 52 + 9)).toBe(1);
    expect(groupOf.get(k - 104 + 48)).toBe(8);
    expect(groupOf.has(k - 26)).toBe(false);
  });
});
