import type { Random } from './random.js';

/*
 * The samplers the demo town needs, each exact (no normal approximations) so that the statistical tests measure the
 * model and not the sampler. Each takes the stream to draw from first.
 */

/** A standard normal deviate (Box–Muller; one value per call, two uniforms, no hidden state). */
export function normal(random: Random): number {
  const u = random.nextOpen();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A log-normal deviate given its median (e^μ) and the standard deviation σ of its logarithm. */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/**
 * A gamma deviate of the given shape (k > 0) and scale (θ > 0), mean kθ and variance kθ²: Marsaglia and Tsang,
 * "A simple method for generating gamma variables", ACM TOMS 26(3), 2000, with their boost u^(1/k) for k < 1.
 */
export function gamma(random: Random, shape: number, scale: number): number {
  if (shape < 1) {
    return gamma(random, shape + 1, scale) * random.nextOpen() ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(random);
    const t = 1 + c * x;
    if (t <= 0) {
      continue;
    }
    const v = t * t * t;
    const u = random.nextOpen();
    // The squeeze accepts about 98 % of draws without a logarithm.
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return d * v * scale;
    }
  }
}

const LANCZOS = [
  0.999_999_999_999_809_9, 676.520_368_121_885_1, -1_259.139_216_722_402_8, 771.323_428_777_653_1,
  -176.615_029_162_140_6, 12.507_343_278_686_905, -0.138_571_095_265_720_12, 9.984_369_578_019_572e-6,
  1.505_632_735_149_311_6e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps the series in its accurate range.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) {
    sum += (LANCZOS[i] as number) / (z + i);
  }
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * A Poisson deviate of mean λ ≥ 0. Below λ = 10 Knuth's product of uniforms (about λ + 1 uniforms, and almost every
 * cell of the demo has a small mean); above it Hörmann's PTRS transformed rejection ("The transformed rejection method
 * for generating Poisson random variables", Insurance: Mathematics and Economics 12, 1993), as in NumPy.
 */
export function poisson(random: Random, lambda: number): number {
  if (!(lambda > 0)) {
    return 0;
  }
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = random.next();
    while (product > limit) {
      k++;
      product *= random.next();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const logLambda = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.024_83 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.next() - 0.5;
    const v = random.nextOpen();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) {
      return k;
    }
    if (k < 0 || (us < 0.013 && v > us)) {
      continue;
    }
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logGamma(k + 1)) {
      return k;
    }
  }
}

/**
 * A negative-binomial deviate with the given mean and size (dispersion) k: variance mean + mean²/k, drawn as a
 * gamma–Poisson mixture. Large k tends to Poisson; k = 1 is geometric. This is the count model of surveillance
 * (Farrington, Noufaily) and of the CUSUM detectors the demo town is made to exercise.
 */
export function negativeBinomial(random: Random, mean: number, size: number): number {
  if (!(mean > 0)) {
    return 0;
  }
  return poisson(random, gamma(random, size, mean / size));
}

/**
 * A binomial deviate: successes in n trials of probability p. Counts the geometric gaps between successes, so the cost
 * is about n·min(p, 1 − p) + 1 uniforms: exact, and cheap for the demo's small cells.
 */
export function binomial(random: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) {
    return 0;
  }
  if (p >= 1) {
    return n;
  }
  if (p > 0.5) {
    return n - binomial(random, n, 1 - p);
  }
  const logQ = Math.log1p(-p);
  let successes = 0;
  let position = 0;
  for (;;) {
    position += Math.ceil(Math.log(random.nextOpen()) / logQ);
    if (position > n) {
      return successes;
    }
    successes++;
  }
}
