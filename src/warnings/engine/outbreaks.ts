/**
 * Outbreaks (苗头/突增): which series are unusually high in the target week, since when, and which methods agree.
 * The primary detector is Farrington flexible with Noufaily's settings, on as many whole years of history as the
 * series has (b ≤ 5); a series with less than a year falls back to EARS C2 with a floor of one on its standard
 * deviation. Only series the primary flags are run through the others (EARS C1–C3, the negative-binomial GLR chart),
 * which then only corroborate. Pure.
 */
import { earsC1, earsC2, earsC3, farringtonNoufaily, glrNb, type MethodName } from '../../detect/index.js';
import type { Series } from './series.js';
import type { Cell } from './shape.js';

export interface Verdict {
  method: MethodName;
  observed: number;
  expected: number | null;
  upperbound: number | null;
  alarm: boolean;
}

export interface OutbreakAlarm extends Cell {
  series: Series;
  /** Index (into the series' weeks) of the first week of the current run of alarmed weeks. */
  since: number;
  /** The primary detector's verdict on the target week, then the corroborating methods'. */
  verdicts: Verdict[];
  /** The primary detector's expected value and bound over the monitored weeks, for the chart. */
  expected: (number | null)[];
  upperbound: (number | null)[];
  /** The monitored weeks' first index. */
  from: number;
}

export interface OutbreakOptions {
  /** Weeks monitored up to and including the target (the episode is looked for within them). Default 8. */
  window: number;
  /** Fewest records in the target week for a warning (default 5: Farrington's own low-count rule). */
  minCount: number;
  /**
   * One-sided level of the primary detector (default 0.01, stricter than R's 0.05: the engine watches some 2,900
   * series a week; on the demo town this cut false alarms by about two thirds and lost one 4-record outbreak —
   * bench/detect-eval.ts).
   */
  alpha: number;
}

export const DEFAULT_OUTBREAK_OPTIONS: OutbreakOptions = { window: 8, minCount: 5, alpha: 0.01 };

const W = 3;
const FREQ = 52;
/** Noufaily leaves out the 26 latest weeks; one year of history then means 52 + 3 + 1 weeks before the target. */
const yearsAvailable = (k: number): number => Math.min(5, Math.floor((k - W - 1) / FREQ));

export interface Detection {
  method: MethodName;
  expected: (number | null)[];
  upperbound: (number | null)[];
  alarm: (0 | 1 | null)[];
}

/** The primary detector over weeks `from..to` (1-based, inclusive), or null when the series is too short. */
export function primaryDetection(
  counts: number[],
  from: number,
  to: number,
  alpha = DEFAULT_OUTBREAK_OPTIONS.alpha,
): Detection | null {
  const b = yearsAvailable(from);
  if (b >= 1) {
    const result = farringtonNoufaily(counts, { range: [from, to], b, alpha });
    return { method: 'farrington-noufaily', ...result };
  }
  if (from >= 10) {
    const result = earsC2(counts, { range: [from, to], minSigma: 1 });
    return { method: 'ears-c2', ...result };
  }
  return null;
}

function corroborate(counts: number[], from: number, to: number, skip: MethodName): Verdict[] {
  const verdicts: Verdict[] = [];
  const add = (method: MethodName, run: () => Pick<Detection, 'expected' | 'upperbound' | 'alarm'>) => {
    if (method === skip) {
      return;
    }
    const result = run();
    const last = result.alarm.length - 1;
    verdicts.push({
      method,
      observed: counts[to - 1] as number,
      expected: result.expected[last] ?? null,
      upperbound: result.upperbound[last] ?? null,
      alarm: result.alarm[last] === 1,
    });
  };
  if (from >= 8) {
    add('ears-c1', () => earsC1(counts, { range: [from, to] }));
  }
  if (from >= 10) {
    add('ears-c2', () => earsC2(counts, { range: [from, to] }));
  }
  if (from >= 12) {
    add('ears-c3', () => earsC3(counts, { range: [from, to] }));
  }
  if (from >= 53) {
    add('glrnb', () => glrNb(counts, { range: [from, to] }));
  }
  return verdicts;
}

/** The series whose target week (0-based index `target`) the primary detector flags, with `minCount` records. */
export function findOutbreaks(
  series: readonly Series[],
  target: number,
  options: OutbreakOptions = DEFAULT_OUTBREAK_OPTIONS,
): OutbreakAlarm[] {
  const to = target + 1;
  const from = Math.max(1, to - options.window + 1);
  const alarms: OutbreakAlarm[] = [];
  for (const one of series) {
    const observed = one.counts[target] as number;
    if (observed < options.minCount) {
      continue;
    }
    const counts = Array.from(one.counts.subarray(0, to));
    const detection = primaryDetection(counts, from, to, options.alpha);
    const last = to - from;
    if (detection === null || detection.alarm[last] !== 1) {
      continue;
    }
    let since = last;
    while (since > 0 && detection.alarm[since - 1] === 1) {
      since--;
    }
    alarms.push({
      series: one,
      category: one.category,
      villageId: one.villageId,
      since: from - 1 + since,
      verdicts: [
        {
          method: detection.method,
          observed,
          expected: detection.expected[last] ?? null,
          upperbound: detection.upperbound[last] ?? null,
          alarm: true,
        },
        ...corroborate(counts, from, to, detection.method),
      ],
      expected: detection.expected,
      upperbound: detection.upperbound,
      from: from - 1,
    });
  }
  return alarms;
}
