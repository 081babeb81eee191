/**
 * The reference data of Farrington flexible for one monitored week k: R `surveillance` `algo.farrington.data.glm` and
 * `blocks` (R/farringtonFlexible.R) for a series with `epochAsDate = FALSE`, where "the same week i years ago" is
 * simply k − freq·i.
 *
 * For i = 1..b the weeks R_i − w..R_i + w around R_i = k − freq·i form the seasonal group of the current week
 * (group `noPeriods`); with noPeriods > 1 the weeks between R_i + w and R_{i−1} − w are cut into noPeriods − 1
 * consecutive blocks, the first (length mod (noPeriods−1)) of them one week longer, numbered 1..noPeriods − 1 in time
 * order (Noufaily et al. 2013). Weeks k − w..k belong to the current group too, then the weeks
 * k − pastWeeksNotIncluded..k are dropped.
 */
import { float64Arrays, int32Array } from './slab-arrays.js';

export interface FarringtonBaselineOptions {
  b: number;
  w: number;
  noPeriods: number;
  pastWeeksNotIncluded: number;
  freq: number;
}

export interface FarringtonBaseline {
  /** 1-based week index of each reference point (R's `wtime`), ascending. */
  weeks: Float64Array;
  counts: Float64Array;
  /** Seasonal group of each point, 0-based: noPeriods − 1 is the current week's group. */
  groups: Int32Array;
  groupCount: number;
}

/** Earliest week k that has b full years of reference weeks (k − freq·b − w ≥ 1). */
export function firstMonitorableWeek(options: Pick<FarringtonBaselineOptions, 'b' | 'w' | 'freq'>): number {
  return options.freq * options.b + options.w + 1;
}

/** The reference points of week k (1-based) from `counts` (index 0 = week 1). */
export function farringtonBaseline(
  counts: readonly number[],
  k: number,
  options: FarringtonBaselineOptions,
): FarringtonBaseline {
  const { b, w, noPeriods, pastWeeksNotIncluded, freq } = options;
  // group[t − 1] for weeks 1..k; −1 = not a reference week. (A plain array: a typed one this long costs a microsecond
  // to allocate, a tenth of the whole function.)
  const group: number[] = new Array(k).fill(-1);
  const current = noPeriods - 1;
  const assign = (from: number, to: number, value: number): void => {
    for (let t = from; t <= to; t++) {
      group[t - 1] = value;
    }
  };
  assign(k - w, k, current);
  // Block lengths between two reference windows, as R's `blocks`: the first `rest` blocks get one extra week.
  const gap = freq - 2 * w - 1;
  const blockLengths: number[] = [];
  if (noPeriods > 1) {
    const length = Math.floor(gap / (noPeriods - 1));
    const rest = gap % (noPeriods - 1);
    for (let j = 0; j < noPeriods - 1; j++) {
      blockLengths.push(length + (j < rest ? 1 : 0));
    }
  }
  for (let i = 1; i <= b; i++) {
    const reference = k - freq * i;
    assign(reference - w, reference + w, current);
    let start = reference + w + 1;
    blockLengths.forEach((length, j) => {
      assign(start, start + length - 1, j);
      start += length;
    });
  }
  for (let t = Math.max(1, k - pastWeeksNotIncluded); t <= k; t++) {
    group[t - 1] = -1;
  }
  let size = 0;
  for (let t = 1; t <= k; t++) {
    if (group[t - 1] >= 0) {
      size += 1;
    }
  }
  const [weeks, values] = float64Arrays(2, size);
  const groups = int32Array(size);
  let index = 0;
  for (let t = 1; t <= k; t++) {
    if (group[t - 1] >= 0) {
      weeks[index] = t;
      values[index] = counts[t - 1];
      groups[index] = group[t - 1];
      index += 1;
    }
  }
  return { weeks, counts: values, groups, groupCount: noPeriods };
}
