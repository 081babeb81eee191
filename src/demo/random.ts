/**
 * The demo town's only source of randomness: a seeded generator, so that the same seed always gives the same town,
 * byte for byte, on every machine and Node version (Math.random is neither seedable nor specified).
 *
 * The generator is SFC32, Chris Doty-Humphrey's "small fast chaotic" generator from PractRand (public domain): 128
 * bits of state, passes PractRand and BigCrush, and needs only 32-bit integer operations, which JavaScript does fast.
 * A text seed is spread over the 128 bits by cyrb128, bryc's public-domain string hash
 * (https://github.com/bryc/code/blob/master/jshash/PRNGs.md), the seeding that page recommends for SFC32.
 */

/** cyrb128: four 32-bit words from a string, well mixed even for seeds that differ in one character. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1_779_033_703;
  let h2 = 3_144_134_277;
  let h3 = 1_013_904_242;
  let h4 = 2_773_480_762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597_399_067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2_869_860_233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951_274_213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2_716_044_179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597_399_067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2_869_860_233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951_274_213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2_716_044_179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const TWO_POW_32 = 4_294_967_296;

/**
 * A seeded stream of random numbers. `fork(label)` derives an independent stream, so that each part of the demo
 * (the map, the enterprises, week 202523 …) draws from its own stream: adding a draw to one part never shifts the
 * numbers of another, and any week can be generated without generating the weeks before it.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    // The first outputs of a freshly seeded SFC32 are still correlated with the seed words; PractRand's reference
    // seeding discards them the same way.
    for (let i = 0; i < 15; i++) {
      this.nextUint32();
    }
  }

  /** An independent stream for one named part, derived from this stream's seed (not from its position). */
  fork(label: string): Random {
    return new Random(`${this.seed}\u001f${label}`);
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** A uniform number in (0, 1): safe to take the logarithm of. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) / TWO_POW_32;
  }

  /** A uniform integer in [0, n) for 1 ≤ n ≤ 2^32 (multiply-shift; the bias is below 2^-32 · n, invisible here). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniform integer in [min, max], both included. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** A uniform number in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError('pick from an empty list');
    }
    return items[this.int(items.length)] as T;
  }

  /** The list in a uniformly random order (Fisher–Yates), as a new array. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const swap = out[i] as T;
      out[i] = out[j] as T;
      out[j] = swap;
    }
    return out;
  }
}

/**
 * Draws from a fixed discrete distribution in O(log n): the cumulative weights are built once, each draw is one
 * uniform number and a binary search. Weights need not sum to 1; zero weights are never drawn.
 */
export class WeightedChoice<T> {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError('a weighted choice needs one weight per item and at least one item');
    }
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, i) => {
      if (!(weight >= 0) || !Number.isFinite(weight)) {
        throw new RangeError(`weight ${i} must be a finite number ≥ 0, got ${weight}`);
      }
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) {
      throw new RangeError('a weighted choice needs a positive total weight');
    }
    this.total = sum;
  }

  /** The index of a weighted draw. */
  index(random: Random): number {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] as number) > target) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  /** A weighted draw. */
  pick(random: Random): T {
    return this.items[this.index(random)] as T;
  }
}
