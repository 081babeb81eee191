import { describe, expect, it } from 'vitest';
import { binomial, gamma, logGamma, logNormal, negativeBinomial, normal, poisson } from './distributions.js';
import { Random } from './random.js';

/** Mean and variance of n draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sumSquares / n - mean * mean };
}

const N = 100_000;

/*
 * Each check allows about five standard errors (the variance's standard error taken from the fourth moment, rounded
 * up), so a correct sampler passes for any seed while a wrong formula (a variance off by a term) fails.
 */
describe('samplers: mean and variance with a fixed seed', () => {
  it('normal', () => {
    const random = new Random('normal');
    const m = moments(N, () => normal(random));
    expect(Math.abs(m.mean)).toBeLessThan(0.016);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.025);
  });

  it.each([0.3, 1, 2.5, 9])('gamma with shape %f', (shape) => {
    const random = new Random(`gamma ${shape}`);
    const scale = 2;
    const m = moments(N, () => gamma(random, shape, scale));
    const mean = shape * scale;
    const variance = shape * scale * scale;
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(shape < 1 ? 0.08 : 0.04);
  });

  it.each([0, 0.2, 3, 9.9, 10, 42, 1000])('poisson with mean %f', (lambda) => {
    const random = new Random(`poisson ${lambda}`);
    const m = moments(N, () => poisson(random, lambda));
    expect(Math.abs(m.mean - lambda)).toBeLessThanOrEqual(5 * Math.sqrt(lambda / N));
    if (lambda > 0) {
      expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(0.04);
    }
  });

  it('poisson gives the right probabilities, not only the right moments', () => {
    const random = new Random('poisson pmf');
    const lambda = 15;
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const k = poisson(random, lambda);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const k of [8, 12, 15, 18, 22]) {
      const p = Math.exp(-lambda + k * Math.log(lambda) - logGamma(k + 1));
      expect(Math.abs((counts.get(k) ?? 0) / N - p)).toBeLessThan(5 * Math.sqrt(p / N));
    }
  });

  it.each([
    [0.4, 1],
    [5, 2],
    [30, 5],
    [200, 0.8],
  ])('negative binomial with mean %f and size %f', (mean, size) => {
    const random = new Random(`nb ${mean} ${size}`);
    const m = moments(N, () => negativeBinomial(random, mean, size));
    const variance = mean + (mean * mean) / size;
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.1);
  });

  it('log-normal: median, mean and variance', () => {
    const random = new Random('lognormal');
    const median = 3;
    const sigma = 0.6;
    const values: number[] = [];
    const m = moments(N, () => {
      const x = logNormal(random, median, sigma);
      values.push(x);
      return x;
    });
    const mean = median * Math.exp((sigma * sigma) / 2);
    const variance = (Math.exp(sigma * sigma) - 1) * mean * mean;
    expect(Math.abs(m.mean / mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.06);
    values.sort((a, b) => a - b);
    expect(Math.abs((values[N / 2] as number) / median - 1)).toBeLessThan(0.01);
  });

  it.each([
    [10, 0.3],
    [7, 0.9],
    [400, 0.05],
    [1, 0.5],
  ])('binomial with n = %i and p = %f', (n, p) => {
    const random = new Random(`binomial ${n} ${p}`);
    let outside = 0;
    const m = moments(N, () => {
      const k = binomial(random, n, p);
      outside += k < 0 || k > n || !Number.isInteger(k) ? 1 : 0;
      return k;
    });
    expect(outside).toBe(0);
    const variance = n * p * (1 - p);
    expect(Math.abs(m.mean - n * p)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.04);
  });

  it('binomial and negative binomial handle their edges', () => {
    const random = new Random('edges');
    expect(binomial(random, 0, 0.5)).toBe(0);
    expect(binomial(random, 5, 0)).toBe(0);
    expect(binomial(random, 5, 1)).toBe(5);
    expect(negativeBinomial(random, 0, 2)).toBe(0);
    expect(poisson(random, -1)).toBe(0);
  });
});

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(21)).toBeCloseTo(Math.log(2_432_902_008_176_640_000), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252_712_651_734_206, 10);
  });
});
