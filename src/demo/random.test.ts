import { describe, expect, it } from 'vitest';
import { Random, WeightedChoice } from './random.js';

function draws(random: Random, n: number): number[] {
  return Array.from({ length: n }, () => random.next());
}

describe('Random', () => {
  it('repeats itself for the same seed and differs for another', () => {
    expect(draws(new Random('云溪'), 50)).toEqual(draws(new Random('云溪'), 50));
    expect(draws(new Random('云溪'), 50)).not.toEqual(draws(new Random('云溪 '), 50));
    expect(draws(new Random(''), 5)).not.toEqual(draws(new Random('a'), 5));
  });

  it('forks streams that depend on the label and the seed, not on what was drawn before', () => {
    const used = new Random('seed');
    draws(used, 1000);
    expect(draws(used.fork('week'), 20)).toEqual(draws(new Random('seed').fork('week'), 20));
    expect(draws(new Random('seed').fork('a'), 20)).not.toEqual(draws(new Random('seed').fork('b'), 20));
    expect(draws(new Random('x').fork('a'), 20)).not.toEqual(draws(new Random('y').fork('a'), 20));
  });

  it('is uniform on [0, 1): a chi-square test over 20 bins passes at the 0.1 % level', () => {
    const random = new Random('uniformity');
    const bins = new Array<number>(20).fill(0);
    const n = 200_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = random.next();
      outside += x >= 0 && x < 1 ? 0 : 1;
      bins[Math.floor(x * 20)] = (bins[Math.floor(x * 20)] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    const expected = n / 20;
    const chiSquare = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 99.9th percentile of chi-square with 19 degrees of freedom.
    expect(chiSquare).toBeLessThan(43.82);
  });

  it('keeps neighbouring forks uncorrelated', () => {
    const a = draws(new Random('s').fork('week:202401'), 20_000);
    const b = draws(new Random('s').fork('week:202402'), 20_000);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const ma = mean(a);
    const mb = mean(b);
    let covariance = 0;
    a.forEach((x, i) => {
      covariance += (x - ma) * ((b[i] as number) - mb);
    });
    const correlation = covariance / a.length / (1 / 12);
    expect(Math.abs(correlation)).toBeLessThan(0.03);
  });

  it('draws integers in range, including both ends of intBetween', () => {
    const random = new Random('ints');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const k = random.intBetween(3, 8);
      expect(Number.isInteger(k) && k >= 3 && k <= 8).toBe(true);
      seen.add(k);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('shuffles into a permutation and refuses to pick from nothing', () => {
    const random = new Random('shuffle');
    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const shuffled = random.shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});

describe('WeightedChoice', () => {
  it('draws in proportion to the weights and never draws a zero weight', () => {
    const random = new Random('weights');
    const choice = new WeightedChoice(['a', 'b', 'c', 'd'], [1, 0, 3, 6]);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const item = choice.pick(random);
      counts[item] = (counts[item] ?? 0) + 1;
    }
    expect(counts.b).toBe(0);
    expect((counts.a ?? 0) / n).toBeCloseTo(0.1, 2);
    expect((counts.c ?? 0) / n).toBeCloseTo(0.3, 2);
    expect((counts.d ?? 0) / n).toBeCloseTo(0.6, 2);
  });

  it('rejects weights it cannot draw from', () => {
    expect(() => new WeightedChoice([], [])).toThrow(RangeError);
    expect(() => new WeightedChoice(['a'], [0])).toThrow(RangeError);
    expect(() => new WeightedChoice(['a', 'b'], [1, -1])).toThrow(RangeError);
    expect(() => new WeightedChoice(['a', 'b'], [1, Number.NaN])).toThrow(RangeError);
    expect(() => new WeightedChoice(['a', 'b'], [1])).toThrow(RangeError);
    expect(new WeightedChoice(['only'], [2]).pick(new Random('x'))).toBe('only');
  });
});
