import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qnorm } from './distributions.js';
import { deltaThreshold, negativeBinomialThreshold } from './farrington-threshold.js';

describe('Farrington thresholds', () => {
  it('delta method with the 2/3 power: U = (μ^{2/3} + z σ)^{3/2}, σ² = 4/9 μ^{1/3} (φ + se²/μ)', () => {
    const mu = 3.5;
    const se = 0.8;
    const phi = 1.7;
    const sigma = Math.sqrt((4 / 9) * mu ** (1 / 3) * (phi + (se * se) / mu));
    const { upper, score } = deltaThreshold(mu, se, phi, 0.05, 6, '2/3');
    expect(upper).toBeCloseTo((mu ** (2 / 3) + qnorm(0.95) * sigma) ** 1.5, 12);
    expect(score).toBeCloseTo((6 - mu) / (upper - mu), 12);
  });

  it('score > 1 exactly when the count exceeds the bound', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        fc.nat({ max: 400 }),
        (mu, seEta, phi, y) => {
          const delta = deltaThreshold(mu, seEta * mu, phi, 0.05, y, '2/3');
          expect(delta.score > 1).toBe(y > delta.upper);
          const nb = negativeBinomialThreshold(Math.log(mu), seEta, phi, 0.05, y, 'nbPlugin');
          expect(nb.score > 1).toBe(y > nb.upper);
          expect(nb.pvalue).toBeGreaterThanOrEqual(0);
          expect(nb.pvalue).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps p-values in [0, 1] when φ is a hair above 1 (a huge negative binomial size)', () => {
    const result = negativeBinomialThreshold(Math.log(5.112636586404328), 0, 1.0000000000000002, 0.05, 3, 'nbPlugin');
    expect(result.pvalue).toBeLessThanOrEqual(1);
    expect(result.upper).toBe(9);
  });

  it('muan plugs in exp(η + z·se) and gives up (NA) when that overflows', () => {
    const result = negativeBinomialThreshold(1, 0.5, 2, 0.05, 3, 'muan');
    expect(result.mean).toBeCloseTo(Math.exp(1 + qnorm(0.95) * 0.5), 12);
    const overflow = negativeBinomialThreshold(700, 100, 2, 0.05, 3, 'muan');
    expect(overflow.upper).toBeNaN();
    expect(overflow.score).toBeNaN();
  });
});
