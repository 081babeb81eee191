import { negativeBinomial } from '../src/demo/distributions.js';
import { Random } from '../src/demo/random.js';

/*
 * The weekly series bench/detect.ts runs the detectors on: six years (312 weeks) each, simulated from a seed with the
 * demo town's generator, so that every run (and R) sees the same counts. Each series is negative-binomial around
 * log μ_t = log(level) + trend·t + amplitude·cos(2π(t − peak)/52) (+ a second harmonic for some), with:
 *   - a level drawn log-uniformly from 0.2 to 200 cases a week, so that about a quarter of the series are sparse (mean
 *     below 1: most weeks empty, the low-count rule and the μ clamp at work);
 *   - a slow log-linear trend of at most ±50 % over the six years;
 *   - over-dispersion from near-Poisson (size 100) to strong (size 1);
 *   - outbreaks in about one series in eight: 1–4 weeks of extra cases, 2–6 standard deviations above the mean,
 *     half in the monitored last year and half in the baseline years (where reweighting must discount them).
 */

export const SERIES_WEEKS = 312;

/** One simulated series and how it was made (kept in the results for the record). */
export interface BenchSeries {
  name: string;
  counts: number[];
  level: number;
  size: number;
  outbreakWeeks: number[];
}

function seriesOf(random: Random, index: number, weeks: number): BenchSeries {
  const level = Math.exp(random.between(Math.log(0.2), Math.log(200)));
  const trend = random.between(-0.5, 0.5) / weeks;
  const amplitude = random.between(0, 0.8);
  const peak = random.between(0, 52);
  const secondHarmonic = random.chance(0.3) ? random.between(0, 0.3) : 0;
  const size = Math.exp(random.between(Math.log(1), Math.log(100)));
  const means: number[] = [];
  for (let t = 1; t <= weeks; t++) {
    const phase = (2 * Math.PI * (t - peak)) / 52;
    means.push(level * Math.exp(trend * t + amplitude * Math.cos(phase) + secondHarmonic * Math.cos(2 * phase)));
  }
  const counts = means.map((mean) => negativeBinomial(random, mean, size));
  const outbreakWeeks: number[] = [];
  if (random.chance(1 / 8)) {
    const length = random.intBetween(1, 4);
    const start = random.chance(0.5) ? random.intBetween(264, weeks - length + 1) : random.intBetween(1, 260);
    const strength = random.between(2, 6);
    for (let t = start; t < start + length; t++) {
      const mean = means[t - 1];
      const sd = Math.sqrt(mean + (mean * mean) / size);
      counts[t - 1] += Math.max(1, Math.round(strength * sd));
      outbreakWeeks.push(t);
    }
  }
  return { name: `s${String(index + 1).padStart(4, '0')}`, counts, level, size, outbreakWeeks };
}

/** `count` series of `weeks` weeks from `seed`; series i depends on the seed and i only. */
export function simulateSeries(count: number, seed: string, weeks = SERIES_WEEKS): BenchSeries[] {
  const root = new Random(`detect-bench\u001f${seed}`);
  return Array.from({ length: count }, (_, i) => seriesOf(root.fork(String(i)), i, weeks));
}
