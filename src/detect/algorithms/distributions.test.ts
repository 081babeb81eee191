import { describe, expect, it } from 'vitest';
import { negativeBinomialUpperTail, poissonUpperTail, qnbinom, qpois } from './discrete-distributions.js';
import { pnorm, pt, qnorm } from './distributions.js';

/** Relative difference, with an absolute floor so that values near zero compare sensibly. */
function close(actual: number, expected: number, relative = 1e-14): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(Math.abs(expected), 1e-300));
}

// Expected values printed by R 4.2.2 with options(digits = 17).
describe('qnorm (AS 241)', () => {
  it('matches R at central, tail and extreme probabilities', () => {
    close(qnorm(0.95), 1.6448536269514715);
    close(qnorm(0.975), 1.9599639845400536);
    close(qnorm(0.999), 3.090232306167813);
    close(qnorm(1e-10), -6.361340902404056);
    close(qnorm(0.3), -0.5244005127080407);
    close(qnorm(1e-300), -37.0470962993612);
    expect(qnorm(0.5)).toBe(0);
  });

  it('handles the boundaries and a location-scale', () => {
    expect(qnorm(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(qnorm(1)).toBe(Number.POSITIVE_INFINITY);
    expect(qnorm(1.5)).toBeNaN();
    close(qnorm(0.95, 2, 3), 2 + 3 * 1.6448536269514715);
  });
});

describe('pnorm (Cody)', () => {
  it('matches R in both tails', () => {
    close(pnorm(1.96), 0.9750021048517796);
    close(pnorm(-3), 0.0013498980316300946);
    close(pnorm(-10), 7.619853024160527e-24);
    close(pnorm(0.5), 0.691462461274013);
    close(pnorm(6), 9.999999990134123e-1);
    close(pnorm(0.1), 0.539827837277029);
    expect(pnorm(-40)).toBe(0);
    close(pnorm(1.96, 0, 1, false), 0.024997895148220428);
    close(pnorm(10, 0, 1, false), 7.619853024160527e-24);
  });

  it('is the inverse of qnorm', () => {
    for (const p of [1e-12, 0.001, 0.2, 0.5, 0.77, 0.999999]) {
      close(pnorm(qnorm(p)), p, 1e-13);
    }
  });
});

describe('pt', () => {
  it('matches R', () => {
    close(pt(-2, 30), 2.731252248149155e-2, 1e-12);
    close(pt(-0.5, 5), 0.3191494358204645, 1e-12);
    close(pt(-10, 200), 1.1887415722103924e-19, 1e-10);
    close(pt(2, 30), 1 - 2.731252248149155e-2, 1e-12);
  });
});

describe('discrete distributions', () => {
  it('qnbinom and qpois match R', () => {
    expect(qnbinom(0.95, 0.5, 0.3)).toBe(5);
    expect(qnbinom(0.95, 3.2, 0.6)).toBe(6);
    expect(qnbinom(0.95, 1e5, 0.99)).toBe(1063);
    expect(qpois(0.95, 0.001)).toBe(0);
    expect(qpois(0.95, 2.5)).toBe(5);
    expect(qpois(0.95, 40)).toBe(51);
  });

  it('upper tails match R, including tiny p-values', () => {
    close(negativeBinomialUpperTail(4, 0.5, 0.3), 0.10122151579386632, 1e-12);
    close(negativeBinomialUpperTail(11, 3.2, 0.6), 0.0016707977458822337, 1e-12);
    expect(negativeBinomialUpperTail(1, 1e5, 0.99)).toBe(1);
    close(poissonUpperTail(1, 0.001), 0.0009995001666250082, 1e-12);
    close(poissonUpperTail(6, 2.5), 0.04202103819530609, 1e-12);
    close(poissonUpperTail(61, 40), 0.0012009793488309314, 1e-11);
    expect(poissonUpperTail(0, 3)).toBe(1);
  });

  it('stay exact for large means and spreads', () => {
    expect(qnbinom(0.95, 1e4, 0.01)).toBe(1006422);
    expect(qnbinom(0.95, 2e6, 0.5)).toBe(2003291);
    expect(qnbinom(0.95, 3e9, 0.999)).toBe(3005855);
    expect(qnbinom(0.95, 50, 1 / 1.0001)).toBe(0);
    // Very skewed (size 0.35) with a spread of 1e6: a Farrington-Noufaily bound on counts around 1e5.
    const mean = 622961.35487222124;
    const phi = 1771300.4857906515;
    expect(qnbinom(0.95, mean / (phi - 1), 1 / phi)).toBe(2704518);
    expect(qpois(0.95, 2e6)).toBe(2002326);
    expect(qpois(0.95, 5e9)).toBe(5000116309);
    // sd > 1e6: Cornish–Fisher, within 1e-12 relative of R here.
    expect(Math.abs(qpois(0.95, 1e13) - 10000005201484)).toBeLessThan(10);
    close(negativeBinomialUpperTail(3e5 + 1, 2000, 0.01), 2.8667203725435334e-88, 1e-9);
    close(negativeBinomialUpperTail(1e9 + 1, 1e9, 0.5), 0.49999107937942044, 1e-9);
    close(poissonUpperTail(2e6 + 2001, 2e6), 0.07861502275997308, 1e-9);
    close(poissonUpperTail(51, 40), 0.05262804910675869, 1e-12);
  });
});
