/**
 * Benchmark: the early-warning detectors (issue 7: Farrington-Noufaily on 1,000 six-year weekly series ≥ 100 × faster
 * than R `surveillance`, the same alarms as R on ≥ 99 % of monitored weeks). On simulated series (bench/detect-series.ts):
 *   - farrington_<N>_s: `farringtonNoufaily` over weeks 264..312 (the last 49, all that b = 5, w = 3 allow) of every
 *     series, against R's `farringtonFlexible` with the anchors' Noufaily control over the same weeks of the same
 *     series in one `sts` (bench/detect.R, only the call timed); bar ≥ 100 × faster;
 *   - farrington_ms_per_series_week: the same per monitored series-week;
 *   - ears_c3_<N>_s: `earsC3` over the last 52 weeks against R's `earsC` C3 (reported, no bar);
 *   - r_alarm_agreement: the share of monitored series-weeks whose Farrington alarm (1, 0 or NA) equals R's (bar ≥ 0.99).
 * R is measured in the same run when `Rscript -e 'library(surveillance)'` works (Debian: r-cran-surveillance);
 * otherwise, or with --no-r, the baselines are the timings of ../shared/anchors/surveillance/README.md (378 s and
 * 2.6 s for 1,000 series, scaled to N) and there is no agreement figure. R takes about 6 minutes for 1,000 series:
 * --r-series M times R's Farrington on the first M series only and scales its time by N/M (agreement then covers
 * those M series). Our times are the median of --rounds runs over all series, the first one included.
 *
 *   npx tsx bench/detect.ts [--series 1000] [--rounds 3] [--r-series M] [--no-r] [--seed shanzhi]
 *
 * Figures are merged into bench/results/detect.json (report.ts `mergeResults`, source "detect"), so that the engine's
 * benchmark can add its own figures (e.g. engine_10m_s) to the same file with `mergeResults('detect', 'engine', …)`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Alarm, earsC3, farringtonNoufaily, type WeekRange } from '../src/detect/index.js';
import { type BenchSeries, SERIES_WEEKS, simulateSeries } from './detect-series.js';
import { type Figure, mergeResults, printTable, round } from './report.js';

const R_SCRIPT = fileURLToPath(new URL('./detect.R', import.meta.url));
/** Weeks 264..312: with b = 5 years and w = 3, Farrington can monitor a 312-week series from week 5·52 + 3 + 1. */
const FARRINGTON_RANGE: WeekRange = [264, SERIES_WEEKS];
const EARS_RANGE: WeekRange = [SERIES_WEEKS - 51, SERIES_WEEKS];
/** The bars of the issue. */
const MIN_SPEEDUP = 100;
const MIN_AGREEMENT = 0.99;
/** R's timings in ../shared/anchors/surveillance/README.md ("Timing of R"), for 1,000 series on this kind of machine. */
const README_R_SECONDS = { farrington: 378, ears: 2.6, series: 1000 };

const { values: args } = parseArgs({
  options: {
    series: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    'r-series': { type: 'string' },
    'no-r': { type: 'boolean', default: false },
    seed: { type: 'string', default: 'shanzhi' },
  },
});
const seriesCount = Number(args.series);
const rounds = Number(args.rounds);
const rSeries = Math.min(Number(args['r-series'] ?? seriesCount), seriesCount);
if (!Number.isInteger(seriesCount) || seriesCount < 1 || !Number.isInteger(rounds) || rounds < 1) {
  throw new Error('--series and --rounds must be positive integers');
}
if (!Number.isInteger(rSeries) || rSeries < 1) {
  throw new Error('--r-series must be a positive integer');
}

type Detector = 'farrington-noufaily' | 'ears-c3';

/** Every series' alarms over the monitored weeks, one array per series. */
type Alarms = Alarm[][];

interface OurRun {
  /** Seconds of each round over all series. */
  rounds: number[];
  seconds: number;
  alarms: Alarms;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function runOurs(series: readonly BenchSeries[], detect: (counts: number[]) => Alarm[]): OurRun {
  const times: number[] = [];
  let alarms: Alarms = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    alarms = series.map((one) => detect(one.counts));
    times.push((performance.now() - started) / 1000);
  }
  return { rounds: times, seconds: median(times), alarms };
}

/** R and surveillance's versions when `library(surveillance)` loads, else undefined. */
function rVersions(): string | undefined {
  const check = spawnSync(
    'Rscript',
    [
      '-e',
      'suppressPackageStartupMessages(library(surveillance)); cat(R.version.string, "/ surveillance", format(packageVersion("surveillance")))',
    ],
    { encoding: 'utf8' },
  );
  return check.status === 0 ? check.stdout.trim() : undefined;
}

interface RRun {
  series: number;
  /** Seconds of R's detector call (bench/detect.R times only the call). */
  seconds: number;
  /** Seconds from spawn to exit: R's start-up, reading the CSV, the call and writing the alarms. */
  wallSeconds: number;
  alarms: Alarms;
}

/** One of R's alarm cells as write.csv writes a logical matrix: TRUE, FALSE or empty (NA). */
function alarmOf(cell: string): Alarm {
  const text = cell.replaceAll('"', '').trim();
  if (text === 'TRUE' || text === '1') {
    return 1;
  }
  if (text === 'FALSE' || text === '0') {
    return 0;
  }
  if (text === '' || text === 'NA') {
    return null;
  }
  throw new Error(`unexpected alarm "${cell}" from R`);
}

/** Run bench/detect.R on the first `count` series: a wide CSV in (one column per series), the alarms out. */
function runR(detector: Detector, series: readonly BenchSeries[], count: number, range: WeekRange): RRun {
  const dir = mkdtempSync(join(tmpdir(), 'shanzhi-bench-detect-'));
  try {
    const input = join(dir, 'counts.csv');
    const output = join(dir, 'alarms.csv');
    const chosen = series.slice(0, count);
    const lines = [chosen.map((one) => one.name).join(',')];
    for (let t = 0; t < SERIES_WEEKS; t++) {
      lines.push(chosen.map((one) => one.counts[t]).join(','));
    }
    writeFileSync(input, `${lines.join('\n')}\n`);
    console.error(`R ${detector} on ${count.toLocaleString('en-US')} series, weeks ${range[0]}..${range[1]} …`);
    const started = performance.now();
    const child = spawnSync('Rscript', [R_SCRIPT, detector, input, String(range[0]), String(range[1]), output], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const wallSeconds = (performance.now() - started) / 1000;
    if (child.status !== 0) {
      throw new Error(`Rscript ${R_SCRIPT} ${detector} failed (exit ${child.status}): ${child.stdout}`);
    }
    const { seconds } = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as { seconds: number };
    const rows = readFileSync(output, 'utf8').trim().split('\n').slice(1);
    const alarms: Alarms = chosen.map(() => []);
    for (const row of rows) {
      row.split(',').forEach((cell, i) => {
        alarms[i].push(alarmOf(cell));
      });
    }
    return { series: count, seconds, wallSeconds, alarms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Agreement {
  share: number;
  compared: number;
  /** Series-weeks where R says NA, or we do, and the other does not. */
  naMismatches: number;
  /** Alarm in R only, in ours only. */
  rOnly: number;
  oursOnly: number;
}

function agreement(ours: Alarms, r: Alarms): Agreement {
  let same = 0;
  let compared = 0;
  let naMismatches = 0;
  let rOnly = 0;
  let oursOnly = 0;
  r.forEach((rWeeks, s) => {
    if (rWeeks.length !== ours[s].length) {
      throw new Error(`R gave ${rWeeks.length} weeks for series ${s + 1}, we gave ${ours[s].length}`);
    }
    rWeeks.forEach((rAlarm, t) => {
      const ourAlarm = ours[s][t];
      compared += 1;
      if (rAlarm === ourAlarm) {
        same += 1;
      } else if (rAlarm === null || ourAlarm === null) {
        naMismatches += 1;
      } else if (rAlarm === 1) {
        rOnly += 1;
      } else {
        oursOnly += 1;
      }
    });
  });
  return { share: same / compared, compared, naMismatches, rOnly, oursOnly };
}

function countAlarms(alarms: Alarms): number {
  return alarms.reduce((total, weeks) => total + weeks.filter((alarm) => alarm === 1).length, 0);
}

function speedFigure(metric: string, unit: string, ours: number, r: number, baseline: string, bar: string): Figure {
  return { metric, value: round(ours, 4), unit, baseline, baseline_value: round(r, 4), ratio: round(r / ours, 1), bar };
}

function main(): void {
  const series = simulateSeries(seriesCount, args.seed);
  const n = seriesCount.toLocaleString('en-US');
  const farringtonWeeks = FARRINGTON_RANGE[1] - FARRINGTON_RANGE[0] + 1;
  console.error(
    `${n} series of ${SERIES_WEEKS} weeks (seed ${args.seed}): ${series.filter((one) => one.level < 1).length} sparse ` +
      `(mean < 1 a week), ${series.filter((one) => one.outbreakWeeks.length > 0).length} with an outbreak`,
  );
  // The machines are shared: the 1-minute load average beside each measurement tells how busy the machine was.
  const load: Record<string, number> = { ours: round(loadavg()[0], 2) };
  console.error(`ours: farringtonNoufaily, weeks ${FARRINGTON_RANGE.join('..')}, ${rounds} rounds …`);
  const farrington = runOurs(series, (counts) => farringtonNoufaily(counts, { range: FARRINGTON_RANGE }).alarm);
  console.error(`ours: earsC3, weeks ${EARS_RANGE.join('..')}, ${rounds} rounds …`);
  const ears = runOurs(series, (counts) => earsC3(counts, { range: EARS_RANGE }).alarm);

  const versions = args['no-r'] ? undefined : rVersions();
  let rFarrington: RRun | undefined;
  let rEars: RRun | undefined;
  let rFarringtonSeconds: number;
  let rEarsSeconds: number;
  let farringtonBaseline: string;
  let earsBaseline: string;
  if (versions) {
    load.r = round(loadavg()[0], 2);
    rFarrington = runR('farrington-noufaily', series, rSeries, FARRINGTON_RANGE);
    load.afterR = round(loadavg()[0], 2);
    rEars = runR('ears-c3', series, seriesCount, EARS_RANGE);
    const scale = seriesCount / rSeries;
    rFarringtonSeconds = rFarrington.seconds * scale;
    rEarsSeconds = rEars.seconds;
    farringtonBaseline =
      rSeries === seriesCount
        ? `R farringtonFlexible (Noufaily control), same ${n} series, measured in this run (${versions})`
        : `R farringtonFlexible (Noufaily control) on the first ${rSeries.toLocaleString('en-US')} series, ` +
          `scaled × ${round(scale, 3)} to ${n}, measured in this run (${versions})`;
    earsBaseline = `R earsC C3, same ${n} series, measured in this run (${versions})`;
  } else {
    const scale = seriesCount / README_R_SECONDS.series;
    rFarringtonSeconds = README_R_SECONDS.farrington * scale;
    rEarsSeconds = README_R_SECONDS.ears * scale;
    const why = args['no-r'] ? '--no-r' : 'R surveillance not installed';
    const scaled = scale === 1 ? '' : `, scaled to ${n} series`;
    farringtonBaseline = `R farringtonFlexible (Noufaily) on 1,000 series, from the anchors README (${why})${scaled}`;
    earsBaseline = `R earsC C3 on 1,000 series, from the anchors README (${why})${scaled}`;
  }

  const seriesWeeks = seriesCount * farringtonWeeks;
  const figures: Figure[] = [
    speedFigure(
      `farrington_${seriesCount}_s`,
      's',
      farrington.seconds,
      rFarringtonSeconds,
      farringtonBaseline,
      `ratio ≥ ${MIN_SPEEDUP}`,
    ),
    speedFigure(
      'farrington_ms_per_series_week',
      'ms',
      (farrington.seconds * 1000) / seriesWeeks,
      (rFarringtonSeconds * 1000) / seriesWeeks,
      `${farringtonBaseline}; ${farringtonWeeks} weeks per series`,
      `ratio ≥ ${MIN_SPEEDUP}`,
    ),
    speedFigure(`ears_c3_${seriesCount}_s`, 's', ears.seconds, rEarsSeconds, earsBaseline, 'reported'),
  ];
  let farringtonAgreement: Agreement | undefined;
  let earsAgreement: Agreement | undefined;
  if (rFarrington && rEars) {
    farringtonAgreement = agreement(farrington.alarms, rFarrington.alarms);
    earsAgreement = agreement(ears.alarms, rEars.alarms);
    figures.push({
      metric: 'r_alarm_agreement',
      value: round(farringtonAgreement.share, 5),
      unit: 'share of monitored series-weeks',
      baseline: `R's own Farrington-Noufaily alarms (1, 0 or NA) on ${farringtonAgreement.compared.toLocaleString('en-US')} series-weeks`,
      baseline_value: 1,
      ratio: round(farringtonAgreement.share, 5),
      bar: `≥ ${MIN_AGREEMENT}`,
    });
  }

  printTable(figures);
  console.log('');
  console.log(`R baseline: ${farringtonBaseline}`);
  if (rSeries !== seriesCount && rFarrington) {
    console.log(
      `--r-series ${rSeries}: R's Farrington time is scaled linearly from ${rSeries} series to ${seriesCount}`,
    );
  }
  if (farringtonAgreement && earsAgreement) {
    const { rOnly, oursOnly, naMismatches, compared } = farringtonAgreement;
    console.log(
      `Farrington alarms differing from R: ${compared - Math.round(farringtonAgreement.share * compared)} of ${compared} ` +
        `(alarm in R only ${rOnly}, in ours only ${oursOnly}, NA on one side ${naMismatches}); ` +
        `EARS C3 agreement ${round(earsAgreement.share, 5)}`,
    );
  } else {
    console.log('no agreement figure: R was not run');
  }
  const out = mergeResults('detect', 'detect', figures, {
    seed: args.seed,
    series: seriesCount,
    sparseSeries: series.filter((one) => one.level < 1).length,
    seriesWithOutbreaks: series.filter((one) => one.outbreakWeeks.length > 0).length,
    rounds,
    loadAverage: load,
    r: versions ?? null,
    farrington: {
      range: FARRINGTON_RANGE,
      oursSeconds: farrington.rounds,
      oursAlarms: countAlarms(farrington.alarms),
      rSeries: rFarrington?.series ?? null,
      rSeconds: rFarrington?.seconds ?? null,
      rWallSeconds: rFarrington?.wallSeconds ?? null,
      rAlarms: rFarrington ? countAlarms(rFarrington.alarms) : null,
      agreement: farringtonAgreement ?? null,
    },
    ears: {
      range: EARS_RANGE,
      oursSeconds: ears.rounds,
      oursAlarms: countAlarms(ears.alarms),
      rSeconds: rEars?.seconds ?? null,
      rWallSeconds: rEars?.wallSeconds ?? null,
      rAlarms: rEars ? countAlarms(rEars.alarms) : null,
      agreement: earsAgreement ?? null,
    },
  });
  console.log(`\nwritten to ${out}`);
}

main();
