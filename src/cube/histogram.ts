/*
 * Handling-time histograms that merge by adding: log-spaced buckets, so a cell of the cube keeps a few dozen counts
 * whatever its size, and any set of cells sums to the histogram of all their records. Bucket 0 holds durations under
 * one minute; bucket i ≥ 1 holds [1 min · R^(i−1), 1 min · R^i) with R = 2^(1/8). A quantile reads as the geometric
 * middle of the bucket holding it, so from one minute up it is within ±4.43 % (√R − 1) of the true duration; below a
 * minute within ±30 s.
 *
 * Stored as text: `bucket:count` pairs by ascending bucket, separated by spaces (`"41:3 42:1"`); '' when empty.
 */

export const BUCKET_RATIO = 2 ** (1 / 8);
export const FIRST_BUCKET_MS = 60_000;
/** The last bucket is open-ended; 1 min · R^198 ≈ 29 years. */
export const BUCKET_COUNT = 200;
/** The relative error bound of a quantile of one minute or more. */
export const QUANTILE_RELATIVE_ERROR = Math.sqrt(BUCKET_RATIO) - 1;

const LOG_RATIO = Math.log(BUCKET_RATIO);

export function bucketOf(ms: number): number {
  if (!(ms >= FIRST_BUCKET_MS)) {
    return 0;
  }
  return Math.min(BUCKET_COUNT - 1, 1 + Math.floor(Math.log(ms / FIRST_BUCKET_MS) / LOG_RATIO));
}

/** The duration a bucket stands for: its geometric middle (30 s for bucket 0). */
export function bucketValue(bucket: number): number {
  if (bucket <= 0) {
    return FIRST_BUCKET_MS / 2;
  }
  return FIRST_BUCKET_MS * BUCKET_RATIO ** (bucket - 0.5);
}

/** Dense counts by bucket, for summing many stored histograms. */
export type Histogram = Float64Array;

export function emptyHistogram(): Histogram {
  return new Float64Array(BUCKET_COUNT);
}

/** Add a stored histogram's counts (times `sign`) into `into`. */
export function addStored(into: Histogram, text: string, sign = 1): void {
  if (text === '') {
    return;
  }
  for (const pair of text.split(' ')) {
    const colon = pair.indexOf(':');
    const bucket = Number(pair.slice(0, colon));
    const count = Number(pair.slice(colon + 1));
    if (!(Number.isInteger(bucket) && bucket >= 0 && bucket < BUCKET_COUNT && Number.isInteger(count))) {
      throw new TypeError(`not a stored histogram: ${JSON.stringify(text)}`);
    }
    into[bucket] = (into[bucket] as number) + sign * count;
  }
}

/**
 * A stored histogram plus changes as flat `bucket, count` pairs (a bucket may repeat), stored again: the write path's
 * merge, which never needs the dense form.
 */
export function mergeStored(text: string | undefined, pairs: readonly number[]): string {
  if (!text && pairs.length === 2 && (pairs[1] as number) > 0 && (pairs[0] as number) < BUCKET_COUNT) {
    return `${pairs[0]}:${pairs[1]}`; // a new cell of one duration: most base cells
  }
  const counts = new Map<number, number>();
  if (text) {
    for (const pair of text.split(' ')) {
      const colon = pair.indexOf(':');
      counts.set(Number(pair.slice(0, colon)), Number(pair.slice(colon + 1)));
    }
  }
  for (let i = 0; i < pairs.length; i += 2) {
    const bucket = pairs[i] as number;
    counts.set(bucket, (counts.get(bucket) ?? 0) + (pairs[i + 1] as number));
  }
  const buckets = [...counts.keys()].sort((a, b) => a - b);
  const stored: string[] = [];
  for (const bucket of buckets) {
    const count = counts.get(bucket) as number;
    if (count < 0 || !Number.isInteger(bucket) || bucket < 0 || bucket >= BUCKET_COUNT) {
      throw new RangeError(`histogram bucket ${bucket} would hold ${count}`);
    }
    if (count > 0) {
      stored.push(`${bucket}:${count}`);
    }
  }
  return stored.join(' ');
}

/** The stored text of dense counts; refuses a negative count (a roll-up that removed what it never added). */
export function storeHistogram(counts: Histogram): string {
  const pairs: string[] = [];
  for (let bucket = 0; bucket < counts.length; bucket++) {
    const count = counts[bucket] as number;
    if (count < 0) {
      throw new RangeError(`histogram bucket ${bucket} would hold ${count}`);
    }
    if (count > 0) {
      pairs.push(`${bucket}:${count}`);
    }
  }
  return pairs.join(' ');
}

export function histogramTotal(counts: Histogram): number {
  let total = 0;
  for (const count of counts) {
    total += count;
  }
  return total;
}

/** k = ⌈q·n⌉ (at least 1), not fooled by binary fractions (0.9 · 10 is 9.000000000000002). */
export function nearestRank(q: number, n: number): number {
  return Math.max(1, Math.ceil(q * n - 1e-9));
}

/**
 * The q-quantile (0 < q ≤ 1) by nearest rank — the k-th smallest duration, k = ⌈q·n⌉ — as its bucket's value; null
 * for an empty histogram.
 */
export function quantile(counts: Histogram, q: number): number | null {
  const total = histogramTotal(counts);
  if (total === 0) {
    return null;
  }
  const rank = nearestRank(q, total);
  let seen = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    seen += counts[bucket] as number;
    if (seen >= rank) {
      return bucketValue(bucket);
    }
  }
  return bucketValue(counts.length - 1);
}
