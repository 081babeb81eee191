/**
 * Special functions needed by the detectors: log-gamma, digamma, trigamma and the regularised incomplete beta
 * function. Accuracy target: ~1e-14 relative on the arguments the detectors use (positive reals), which is far below
 * the 1e-6 agreement required with R.
 */

const HALF_LOG_TWO_PI = 0.9189385332046728; // log(sqrt(2π))

/** Stirling's series needs x this large for ~1e-16 accuracy with the terms below. */
const STIRLING_FROM = 10;
/** The digamma and trigamma series below are truncated after x^-12; from 20 on the first omitted term is < 1e-18. */
const PSI_SERIES_FROM = 20;

/**
 * log Γ(x) for x > 0: Stirling's series for x ≥ 10, upward recurrence below (Abramowitz & Stegun 6.1.40–6.1.41).
 * Returns NaN for x ≤ 0 or NaN (the detectors never need the negative axis).
 */
export function lgamma(x: number): number {
  if (!(x > 0)) {
    return Number.NaN;
  }
  if (x === Number.POSITIVE_INFINITY) {
    return Number.POSITIVE_INFINITY;
  }
  if (x < STIRLING_FROM) {
    // Γ(x) = Γ(x + m) / (x (x+1) … (x+m−1)); the product is accumulated as a product to keep one rounding per step.
    let product = 1;
    let shifted = x;
    while (shifted < STIRLING_FROM) {
      product *= shifted;
      shifted += 1;
    }
    return lgammaStirling(shifted) - Math.log(product);
  }
  return lgammaStirling(x);
}

function lgammaStirling(x: number): number {
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  // Bernoulli terms B_{2k} / (2k (2k−1) x^{2k−1}), k = 1..7.
  const series =
    inverse *
    (1 / 12 +
      inverse2 *
        (-1 / 360 +
          inverse2 *
            (1 / 1260 + inverse2 * (-1 / 1680 + inverse2 * (1 / 1188 + inverse2 * (-691 / 360360 + inverse2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
}

/** ψ(x) = d/dx log Γ(x) for x > 0: asymptotic series for x ≥ 20 after upward recurrence (A&S 6.3.5, 6.3.18). */
export function digamma(x: number): number {
  if (!(x > 0)) {
    return Number.NaN;
  }
  let shift = 0;
  let value = x;
  while (value < PSI_SERIES_FROM) {
    shift += 1 / value;
    value += 1;
  }
  const inverse2 = 1 / (value * value);
  const series =
    inverse2 *
    (1 / 12 -
      inverse2 *
        (1 / 120 - inverse2 * (1 / 252 - inverse2 * (1 / 240 - inverse2 * (1 / 132 - (691 / 32760) * inverse2)))));
  return Math.log(value) - 0.5 / value - series - shift;
}

/** ψ′(x) for x > 0: asymptotic series for x ≥ 20 after upward recurrence (A&S 6.4.12, 6.4.6). */
export function trigamma(x: number): number {
  if (!(x > 0)) {
    return Number.NaN;
  }
  let shift = 0;
  let value = x;
  while (value < PSI_SERIES_FROM) {
    shift += 1 / (value * value);
    value += 1;
  }
  const inverse = 1 / value;
  const inverse2 = inverse * inverse;
  const series =
    inverse +
    inverse2 / 2 +
    inverse *
      inverse2 *
      (1 / 6 - inverse2 * (1 / 30 - inverse2 * (1 / 42 - inverse2 * (1 / 30 - (5 / 66) * inverse2))));
  return series + shift;
}

const LN_SQRT_2PI = 0.9189385332046728;
const LN_2PI = 1.8378770664093453;

/** log(n!) − log(√(2πn)(n/e)^n) for real n > 0, Loader (2000) as R stirlerr.c (series for n > 15). */
function stirlingError(n: number): number {
  if (n <= 15) {
    return lgamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const nn = n * n;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  if (n > 500) {
    return (s0 - s1 / nn) / n;
  }
  if (n > 80) {
    return (s0 - (s1 - s2 / nn) / nn) / n;
  }
  if (n > 35) {
    return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  }
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/** The deviance term x log(x/np) + np − x, without cancellation when x ≈ np: Loader (2000) as R bd0.c. */
function deviancePart(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    if (Math.abs(s) < 2.2250738585072014e-308) {
      return s;
    }
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) {
        return next;
      }
      s = next;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/**
 * log of C(n, x) p^x q^(n−x) for real 0 ≤ x ≤ n, q = 1 − p, by Loader's saddle-point formula (R dbinom_raw), accurate
 * for any magnitude of n.
 */
export function binomialLogDensity(x: number, n: number, p: number, q: number): number {
  if (x === 0) {
    return p < 0.1 ? -deviancePart(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) {
    return q < 0.1 ? -deviancePart(n, n * p) - n * q : n * Math.log(p);
  }
  const lc =
    stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviancePart(x, n * p) - deviancePart(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/** log of λ^x e^{−λ}/Γ(x + 1) for real x ≥ 0 by Loader's formula (R dpois_raw), accurate for any magnitude. */
export function poissonLogDensity(x: number, lambda: number): number {
  if (x === 0) {
    return -lambda;
  }
  return -stirlingError(x) - deviancePart(x, lambda) - 0.5 * (LN_2PI + Math.log(x));
}

/**
 * Regularised incomplete beta I_x(a, b), both tails [I_x(a,b), 1 − I_x(a,b)], by the continued fraction of Numerical
 * Recipes §6.4 (modified Lentz). Whichever tail the fraction converges for is computed directly and the other as its
 * complement, so a small tail is never the result of a cancellation. `complement` is 1 − x, passed by callers that
 * know it more accurately than `1 - x` (as R's pbeta_raw does). The factor x^a (1−x)^b / B(a, b) is Loader's binomial
 * density times ab/(a+b), accurate for large a and b where log-gamma differences would cancel.
 */
export function incompleteBetaBoth(
  x: number,
  a: number,
  b: number,
  complement = 1 - x,
): [lower: number, upper: number] {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) {
    return [Number.NaN, Number.NaN];
  }
  if (x <= 0) {
    return [0, 1];
  }
  if (complement <= 0) {
    return [1, 0];
  }
  const front = Math.exp(binomialLogDensity(a, a + b, x, complement)) * ((a * b) / (a + b));
  const lowerConverges = x < (a + 1) / (a + b + 2);
  if (front === 0) {
    // The tail the fraction would compute underflows (and the fraction itself may overflow for huge a or b).
    return lowerConverges ? [0, 1] : [1, 0];
  }
  if (lowerConverges) {
    const lower = clampProbability((front * betaContinuedFraction(x, a, b)) / a);
    return [lower, 1 - lower];
  }
  const upper = clampProbability((front * betaContinuedFraction(complement, b, a)) / b);
  return [1 - upper, upper];
}

/** Regularised incomplete beta I_x(a, b) (R `pbeta(x, a, b)`). */
export function incompleteBeta(x: number, a: number, b: number): number {
  return incompleteBetaBoth(x, a, b)[0];
}

/**
 * Regularised incomplete gamma, both tails [P(a, x), Q(a, x)] (R `pgamma(x, a)` and its complement): the series for P
 * when x < a + 1, else the continued fraction for Q (Numerical Recipes §6.2, modified Lentz), each for the tail it
 * computes without cancellation. The factor x^a e^{−x}/Γ(a) is a·dpois_raw(a, x) by Loader's formula.
 */
export function incompleteGammaBoth(a: number, x: number): [lower: number, upper: number] {
  if (Number.isNaN(x) || !(a > 0)) {
    return [Number.NaN, Number.NaN];
  }
  if (x <= 0) {
    return [0, 1];
  }
  const front = Math.exp(poissonLogDensity(a, x)) * a;
  if (front === 0) {
    // The directly computed tail underflows.
    return x < a + 1 ? [0, 1] : [1, 0];
  }
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100_000_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) {
        break;
      }
    }
    const lower = clampProbability(front * sum);
    return [lower, 1 - lower];
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) {
      d = TINY;
    }
    c = b + an / c;
    if (Math.abs(c) < TINY) {
      c = TINY;
    }
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) {
      break;
    }
  }
  const upper = clampProbability(front * h);
  return [1 - upper, upper];
}

const TINY = 1e-300;

/** Rounding in the fractions can overshoot [0, 1] by a few ulps where a tail is nearly 1. */
function clampProbability(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) {
    d = TINY;
  }
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) {
      d = TINY;
    }
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) {
      c = TINY;
    }
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) {
      d = TINY;
    }
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) {
      c = TINY;
    }
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) {
      break;
    }
  }
  return h;
}
