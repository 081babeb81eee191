/**
 * The probability functions the detectors need, written to agree with R's nmath: `qnorm` is Wichura's AS 241
 * (R qnorm.c), `pnorm` is Cody's rational Chebyshev algorithm (R pnorm.c), the Student t distribution goes through
 * the incomplete beta as R pt.c does. The Poisson and negative binomial laws are in discrete-distributions.ts.
 */
import { incompleteBetaBoth } from './special-functions.js';

const DBL_EPSILON = 2.220446049250313e-16;

/**
 * Standard normal quantile Φ⁻¹(p), Wichura (1988) AS 241 PPND16 as in R's qnorm.c (lower tail, not log).
 * `mean + sd · Φ⁻¹(p)` mirrors `qnorm(p, mean, sd)`.
 */
export function qnorm(p: number, mean = 0, sd = 1): number {
  if (Number.isNaN(p) || p < 0 || p > 1) {
    return Number.NaN;
  }
  if (p === 0) {
    return Number.NEGATIVE_INFINITY;
  }
  if (p === 1) {
    return Number.POSITIVE_INFINITY;
  }
  const q = p - 0.5;
  let value: number;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    value =
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1);
  } else {
    let r = q < 0 ? p : 1 - p;
    r = Math.sqrt(-Math.log(r));
    if (r <= 5) {
      r -= 1.6;
      value =
        (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) *
          r +
          3.6478483247632045) *
          r +
          5.769497221460691) *
          r +
          4.630337846156546) *
          r +
          1.4234371107496835) /
        (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
          0.14810397642748008) *
          r +
          0.6897673349851) *
          r +
          1.6763848301838038) *
          r +
          2.053191626637759) *
          r +
          1);
    } else {
      r -= 5;
      value =
        (((((((r * 2.0103343992922881e-7 + 2.7115555687434876e-5) * r + 0.0012426609473880784) * r +
          0.026532189526576124) *
          r +
          0.29656057182850487) *
          r +
          1.7848265399172913) *
          r +
          5.463784911164114) *
          r +
          6.657904643501103) /
        (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 1.8463183175100548e-5) * r +
          0.0007868691311456133) *
          r +
          0.014875361290850615) *
          r +
          0.1369298809227358) *
          r +
          0.599832206555888) *
          r +
          1);
    }
    if (q < 0) {
      value = -value;
    }
  }
  return mean + sd * value;
}

const PNORM_A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
const PNORM_B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const PNORM_C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283,
  11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const PNORM_D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598,
  38912.00328609327, 19685.429676859992,
];
const PNORM_P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 2.9112874951168793e-5,
  0.023073441764940174,
];
const PNORM_Q = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 7.297515550839662e-5,
];
const M_SQRT_32 = 5.656854249492381;
const M_1_SQRT_2PI = 0.3989422804014327;

/** Both tails [Φ(x), 1 − Φ(x)] of the standard normal, each computed without cancellation (Cody 1969; R pnorm.c). */
function pnormBoth(x: number): [lower: number, upper: number] {
  if (Number.isNaN(x)) {
    return [Number.NaN, Number.NaN];
  }
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let numerator = 0;
    let denominator = 0;
    if (y > DBL_EPSILON * 0.5) {
      const xsq = x * x;
      numerator = PNORM_A[4] * xsq;
      denominator = xsq;
      for (let i = 0; i < 3; i++) {
        numerator = (numerator + PNORM_A[i]) * xsq;
        denominator = (denominator + PNORM_B[i]) * xsq;
      }
    }
    const temp = (x * (numerator + PNORM_A[3])) / (denominator + PNORM_B[3]);
    return [0.5 + temp, 0.5 - temp];
  }
  let small: number;
  if (y <= M_SQRT_32) {
    let numerator = PNORM_C[8] * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + PNORM_C[i]) * y;
      denominator = (denominator + PNORM_D[i]) * y;
    }
    const temp = (numerator + PNORM_C[7]) / (denominator + PNORM_D[7]);
    small = tailWithSplitExponent(y, temp);
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x);
    let numerator = PNORM_P[5] * xsq;
    let denominator = xsq;
    for (let i = 0; i < 4; i++) {
      numerator = (numerator + PNORM_P[i]) * xsq;
      denominator = (denominator + PNORM_Q[i]) * xsq;
    }
    let temp = (xsq * (numerator + PNORM_P[4])) / (denominator + PNORM_Q[4]);
    temp = (M_1_SQRT_2PI - temp) / y;
    small = tailWithSplitExponent(x, temp);
  } else {
    small = 0;
  }
  // `small` is the tail beyond |x|; the other tail is 1 − small.
  return x > 0 ? [1 - small, small] : [small, 1 - small];
}

/** exp(−x²/2)·temp with x² split into an exact part and a remainder, as Cody does, to keep the tail accurate. */
function tailWithSplitExponent(x: number, temp: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * temp;
}

/** Normal distribution function P(X ≤ x) (lower) or P(X > x) (upper), as R `pnorm(x, mean, sd, lower.tail)`. */
export function pnorm(x: number, mean = 0, sd = 1, lowerTail = true): number {
  const [lower, upper] = pnormBoth((x - mean) / sd);
  return lowerTail ? lower : upper;
}

/** Student t distribution function P(T ≤ t) with `df` degrees of freedom, via the incomplete beta (R pt.c). */
export function pt(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) {
    return Number.NaN;
  }
  if (!Number.isFinite(t)) {
    return t < 0 ? 0 : 1;
  }
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2); both arguments of the beta are formed directly, without 1 − x.
  const tailBeyondAbsT = incompleteBetaBoth(df / (df + t * t), df / 2, 0.5, (t * t) / (df + t * t))[0];
  // tailBeyondAbsT = P(|T| > |t|); each side holds half of it.
  return t > 0 ? 1 - tailBeyondAbsT / 2 : tailBeyondAbsT / 2;
}
