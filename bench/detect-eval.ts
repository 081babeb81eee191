/**
 * Evaluation of early warning (issue 7): every detector and the warnings engine on the demo town's series, against
 * what was injected into it (truth.json: outbreaks and drifts, docs/demo.md). The demo town is generated with
 * `shanzhi demo generate --no-warnings` into a temporary SQLite folder; the weekly series are read from its base
 * cuboid, as the engine reads them (they equal the demo model's counts, which the script checks).
 *
 *   - Each method of `detectionMethods` (EARS C1–C3, the three Farringtons, the GLR charts) on every leaf category ×
 *     village series, monitoring the last --weeks weeks; and the trend test (Mann-Kendall with Sen's slope and
 *     Benjamini–Hochberg across the series, 13 weeks, as src/warnings/engine/trends.ts runs it) week by week. The demo
 *     has 261 weeks, fewer than the 264 a five-year Farrington needs, so the Farringtons take as many whole years of
 *     history as each week has (b = 2…4, as the engine does).
 *   - A what-if beside them: the engine's primary detector (Farrington-Noufaily) at α = 0.01 instead of 0.05.
 *   - The engine (`runWarningsEngine`) week by week over the same weeks, oldest first, as if it ran every Monday.
 *
 * An event is detected by a method when the method alarms in one of the event's series (its category in one of its
 * villages) during the event's weeks (drifts: firstWeek … lastWeek + 4); by the engine when a warning of type outbreak,
 * trend or emerging found in those weeks has the event's category or an ancestor of it and concerns one of its
 * villages or the whole town — or carries the event's new term. Alarms and warnings matching no event are false,
 * except those about a drift's raised level after its window (the level stays raised; neither true nor false).
 *
 *   npx tsx bench/detect-eval.ts [--records 150000] [--seed shanzhi] [--weeks 104] [--data-dir DIR] [--no-engine]
 *
 * --data-dir keeps the generated store there (and reuses it on the next run; the engine's earlier warnings are
 * deleted first). Writes bench/results/detect-eval.json.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { startOfDay, weekEnd } from '../src/core/time/index.js';
import { createDemo, type Demo, type TruthEvent } from '../src/demo/index.js';
import {
  type DetectionMethod,
  detectionMethods,
  type FarringtonResult,
  farringtonFlexible,
  farringtonNoufaily,
  farringtonNoufailyMuan,
  farringtonOriginal,
  type MethodName,
  methodNames,
  type WeekRange,
} from '../src/detect/index.js';
import { requireTown } from '../src/records/index.js';
import type { Db } from '../src/store/database.js';
import { openStore } from '../src/store/open.js';
import { selectTownShape, selectWeeklyCells } from '../src/warnings/engine/engine.repo.js';
import { buildSeries, type Series } from '../src/warnings/engine/series.js';
import type { TownShape } from '../src/warnings/engine/shape.js';
import { DEFAULT_TREND_OPTIONS, findTrends } from '../src/warnings/engine/trends.js';
import { runWarningsEngine } from '../src/warnings/index.js';
import { shanzhi } from './import-runs.js';
import { type Figure, printTable, round, writeResults } from './report.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '150000' },
    seed: { type: 'string', default: 'shanzhi' },
    weeks: { type: 'string', default: '104' },
    'data-dir': { type: 'string' },
    'no-engine': { type: 'boolean', default: false },
  },
});
const records = Number(args.records);
const monitoredWeeks = Number(args.weeks);
if (!Number.isInteger(records) || records < 1) {
  throw new Error(`--records must be a positive whole number, got ${args.records}`);
}
if (!Number.isInteger(monitoredWeeks) || monitoredWeeks < 13 || monitoredWeeks > 200) {
  throw new Error(`--weeks must be a whole number from 13 to 200, got ${args.weeks}`);
}

/** Weeks after a drift's last week during which an alarm still counts as finding it. */
const DRIFT_GRACE_WEEKS = 4;
const TREND_METHOD = 'mann-kendall-bh';
/**
 * Not one of `detectionMethods`: the engine's primary detector at a stricter level, to show what the engine's outbreak
 * alpha costs and buys. Left out of the choice of the best single method.
 */
const WHAT_IF_METHOD = 'farrington-noufaily-alpha-0.01';
/** The engine's primary outbreak detector: the comparator of the single methods' false alarms and delays. */
const PRIMARY: MethodName = 'farrington-noufaily';
const SEVERITIES = ['red', 'orange', 'yellow', 'blue'] as const;
type Severity = (typeof SEVERITIES)[number];

type EvalMethod = MethodName | typeof TREND_METHOD | typeof WHAT_IF_METHOD;

/* ------------------------------------------------------------------------------------------------------------ */
/* The store and the series                                                                                      */

interface Town {
  db: Db;
  close: () => Promise<void>;
  townId: number;
  shape: TownShape;
  /** Leaf category × village series over all the demo's weeks, in the order of `cells`. */
  series: Series[];
  cells: { categoryCode: string; villageCode: string }[];
  /** Whether the store's counts equal the demo model's, cell by cell. */
  countsMatchModel: boolean;
  generateSeconds: number | null;
}

async function openTown(demo: Demo, dir: string): Promise<Town> {
  const env = { SHANZHI_DATA_DIR: dir };
  let generateSeconds: number | null = null;
  if (!existsSync(join(dir, 'shanzhi.db'))) {
    console.error(`shanzhi demo generate --records ${records} --seed ${args.seed} --no-warnings → ${dir} …`);
    const run = shanzhi(
      ['demo', 'generate', '--records', String(records), '--seed', args.seed, '--json', '--no-warnings'],
      env,
    );
    generateSeconds = run.seconds;
  }
  const store = await openStore(loadConfig({ ...env }));
  const townId = (await requireTown(store.db, demo.map.town.code, 'town')).id;
  const shape = await selectTownShape(store.db, townId);
  if (shape === undefined) {
    throw new Error(`the store in ${dir} holds no town ${demo.map.town.code}`);
  }
  const weeks = demo.calendar.weeks;
  const built = buildSeries(
    shape,
    weeks,
    await selectWeeklyCells(store.db, townId, weeks[0] as number, weeks.at(-1) as number),
  );
  const byKey = new Map(built.map((s) => [`${s.category?.id ?? 0}:${s.villageId ?? 0}`, s]));
  const categoryByCode = new Map([...shape.categories.values()].map((c) => [c.code, c]));
  const series: Series[] = [];
  const cells: Town['cells'] = [];
  const { model } = demo;
  const C = model.categories.length;
  const V = model.villages.length;
  let countsMatchModel = true;
  model.categories.forEach((demoCategory, c) => {
    const category = categoryByCode.get(demoCategory.code);
    if (category === undefined) {
      throw new Error(`the store's taxonomy lacks the demo category ${demoCategory.code}`);
    }
    model.villages.forEach((demoVillage, v) => {
      const village = [...shape.villages.values()].find((x) => x.code === demoVillage.code);
      if (village === undefined) {
        throw new Error(`the store lacks the demo village ${demoVillage.code}`);
      }
      // A series without any record is still watched: zeros.
      const one = byKey.get(`${category.id}:${village.id}`) ?? {
        category,
        villageId: village.id,
        counts: new Int32Array(weeks.length),
      };
      for (let w = 0; w < weeks.length; w++) {
        if (one.counts[w] !== model.counts[(w * C + c) * V + v]) {
          countsMatchModel = false;
        }
      }
      series.push(one);
      cells.push({ categoryCode: demoCategory.code, villageCode: demoVillage.code });
    });
  });
  if (!countsMatchModel) {
    await store.close();
    throw new Error(
      `the weekly counts in ${dir} differ from the demo model's: a --data-dir of another seed or size? (truth.json would not describe them)`,
    );
  }
  return {
    db: store.db,
    close: () => store.close(),
    townId,
    shape,
    series,
    cells,
    countsMatchModel,
    generateSeconds,
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Events and matching                                                                                           */

interface EventWindow {
  event: TruthEvent;
  /** Indices into the demo's weeks, inclusive: where a detection counts. */
  from: number;
  to: number;
  /** Indices of the event's leaf × village series. */
  series: Set<number>;
}

function eventWindows(demo: Demo, town: Town, first: number): EventWindow[] {
  const weeks = demo.calendar.weeks;
  const last = weeks.length - 1;
  return demo.truth.events
    .filter((event) => weeks.indexOf(event.firstWeek) >= first)
    .map((event) => {
      const from = weeks.indexOf(event.firstWeek);
      const end = weeks.indexOf(event.lastWeek);
      const series = new Set<number>();
      town.cells.forEach((cell, i) => {
        if (cell.categoryCode === event.categoryCode && event.villageCodes.includes(cell.villageCode)) {
          series.add(i);
        }
      });
      return {
        event,
        from,
        to: Math.min(last, event.kind === 'drift' ? end + DRIFT_GRACE_WEEKS : end),
        series,
      };
    });
}

/** Per series, the weeks (indices into the demo's weeks) that are an event's or a drift's raised level after it. */
function eventZones(windows: readonly EventWindow[], seriesCount: number, weekCount: number) {
  /** 1 = an event's window, 2 = after a drift's window (excluded). */
  const zone = new Uint8Array(seriesCount * weekCount);
  for (const w of windows) {
    for (const s of w.series) {
      const end = w.event.kind === 'drift' ? weekCount - 1 : w.to;
      for (let t = w.from; t <= end; t++) {
        const i = s * weekCount + t;
        zone[i] = t <= w.to || zone[i] === 1 ? 1 : 2;
      }
    }
  }
  return zone;
}

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

interface EventOutcome {
  id: string;
  kind: TruthEvent['kind'];
  /** Weeks from the event's first week to the first alarm in its window; null when missed. */
  delay: number | null;
}

interface Score {
  events: EventOutcome[];
  detected: number;
  detectedOutbreaks: number;
  detectedDrifts: number;
  sensitivity: number;
  sensitivityOutbreaks: number;
  sensitivityDrifts: number;
  medianDelay: number | null;
  medianDelayOutbreaks: number | null;
  medianDelayDrifts: number | null;
}

function score(windows: readonly EventWindow[], delays: readonly (number | null)[]): Score {
  const events = windows.map((w, i) => ({ id: w.event.id, kind: w.event.kind, delay: delays[i] ?? null }));
  const of = (kind?: TruthEvent['kind']) => events.filter((e) => kind === undefined || e.kind === kind);
  const found = (list: EventOutcome[]) => list.filter((e) => e.delay !== null);
  const share = (list: EventOutcome[]) => (list.length === 0 ? 0 : found(list).length / list.length);
  const med = (list: EventOutcome[]) => median(found(list).map((e) => e.delay as number));
  return {
    events,
    detected: found(of()).length,
    detectedOutbreaks: found(of('outbreak')).length,
    detectedDrifts: found(of('drift')).length,
    sensitivity: share(of()),
    sensitivityOutbreaks: share(of('outbreak')),
    sensitivityDrifts: share(of('drift')),
    medianDelay: med(of()),
    medianDelayOutbreaks: med(of('outbreak')),
    medianDelayDrifts: med(of('drift')),
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The single methods                                                                                            */

/** Years of history Farrington has at week k (1-based) with w = 3, at most 5 (as src/warnings/engine/outbreaks.ts). */
const farringtonYears = (k: number) => Math.min(5, Math.floor((k - 3 - 1) / 52));

/** A Farrington variant over weeks `from..to` (1-based), each week with all the whole years it has. */
function farringtonByYears(
  variant: (counts: readonly number[], options: { range: WeekRange; b: number }) => FarringtonResult,
): DetectionMethod {
  return (counts, range) => {
    const [from, to] = range ?? [1, counts.length];
    const rows: ReturnType<DetectionMethod> = [];
    for (let start = from; start <= to; ) {
      const b = farringtonYears(start);
      let end = start;
      while (end < to && farringtonYears(end + 1) === b) {
        end++;
      }
      const result = variant(counts, { range: [start, end], b });
      result.alarm.forEach((alarm, i) => {
        rows.push({
          weekIndex: start + i,
          observed: result.observed[i] as number,
          expected: result.expected[i] ?? null,
          upperbound: result.upperbound[i] ?? null,
          alarm,
          extras: { b },
        });
      });
      start = end + 1;
    }
    return rows;
  };
}

const runners: Record<MethodName | typeof WHAT_IF_METHOD, DetectionMethod> = {
  ...detectionMethods,
  'farrington-original': farringtonByYears(farringtonOriginal),
  'farrington-noufaily': farringtonByYears(farringtonNoufaily),
  'farrington-noufaily-muan': farringtonByYears(farringtonNoufailyMuan),
  // farringtonNoufaily's control (src/detect/algorithms/farrington.ts) with alpha 0.01.
  [WHAT_IF_METHOD]: farringtonByYears((counts, options) =>
    farringtonFlexible(counts, {
      ...options,
      weightsThreshold: 2.58,
      pThresholdTrend: 1,
      noPeriods: 10,
      pastWeeksNotIncluded: 26,
      thresholdMethod: 'nbPlugin',
      alpha: 0.01,
    }),
  ),
};

/** Alarms of one method: 1 per (series, monitored week), row-major by series. */
function methodAlarms(
  method: MethodName | typeof WHAT_IF_METHOD,
  town: Town,
  first: number,
  weekCount: number,
): Uint8Array {
  const span = weekCount - first;
  const alarms = new Uint8Array(town.series.length * span);
  town.series.forEach((one, s) => {
    const rows = runners[method](Array.from(one.counts), [first + 1, weekCount]);
    for (const row of rows) {
      if (row.alarm === 1) {
        alarms[s * span + (row.weekIndex - 1 - first)] = 1;
      }
    }
  });
  return alarms;
}

/** The engine's trend test on the leaf × village series, week by week. */
function trendAlarms(town: Town, first: number, weekCount: number): Uint8Array {
  const span = weekCount - first;
  const alarms = new Uint8Array(town.series.length * span);
  const index = new Map(town.series.map((s, i) => [s, i]));
  for (let t = first; t < weekCount; t++) {
    for (const alarm of findTrends(town.series, t, DEFAULT_TREND_OPTIONS)) {
      alarms[(index.get(alarm.series) as number) * span + (t - first)] = 1;
    }
  }
  return alarms;
}

interface MethodEvaluation extends Score {
  method: EvalMethod;
  seconds: number;
  alarms: number;
  falseAlarms: number;
  /** Series-weeks outside every event's window and drift's aftermath. */
  cleanSeriesWeeks: number;
  falsePerSeriesYear: number;
  falsePerTownWeek: number;
  /**
   * Events the method would be expected to "detect" by chance alone: Σ over events of 1 − exp(−r·n·w/52), r its false
   * alarms per series-year, n the event's series, w its window in weeks. Wide, long events (a town-wide drift) are
   * found by chance.
   */
  chanceDetections: number;
}

function evaluateAlarms(
  method: EvalMethod,
  alarms: Uint8Array,
  seconds: number,
  windows: readonly EventWindow[],
  zone: Uint8Array,
  first: number,
  weekCount: number,
): MethodEvaluation {
  const span = weekCount - first;
  const seriesCount = alarms.length / span;
  let falseAlarms = 0;
  let cleanSeriesWeeks = 0;
  let total = 0;
  for (let s = 0; s < seriesCount; s++) {
    for (let i = 0; i < span; i++) {
      const alarm = alarms[s * span + i] === 1;
      total += alarm ? 1 : 0;
      if (zone[s * weekCount + first + i] === 0) {
        cleanSeriesWeeks++;
        falseAlarms += alarm ? 1 : 0;
      }
    }
  }
  const delays = windows.map((w) => {
    for (let t = w.from; t <= w.to; t++) {
      for (const s of w.series) {
        if (alarms[s * span + (t - first)] === 1) {
          return t - w.from;
        }
      }
    }
    return null;
  });
  return {
    method,
    seconds,
    alarms: total,
    falseAlarms,
    cleanSeriesWeeks,
    falsePerSeriesYear: falseAlarms / (cleanSeriesWeeks / 52),
    falsePerTownWeek: falseAlarms / span,
    chanceDetections: windows.reduce(
      (sum, w) =>
        sum + 1 - Math.exp(-((falseAlarms / (cleanSeriesWeeks / 52)) * w.series.size * (w.to - w.from + 1)) / 52),
      0,
    ),
    ...score(windows, delays),
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* The engine                                                                                                    */

interface Finding {
  /** Index into the demo's weeks of the run that found it. */
  week: number;
  id: number;
  created: boolean;
  type: 'outbreak' | 'trend' | 'emerging' | 'backlog';
  severity: Severity;
  categoryCode: string | null;
  villageCodes: string[];
  terms: string[];
}

async function clearWarnings(db: Db): Promise<void> {
  await db.deleteFrom('monthly_problem').execute();
  await db.deleteFrom('warning_event').execute();
  await db.deleteFrom('warning_village').execute();
  await db.deleteFrom('warning').execute();
  await db.deleteFrom('warning_run').execute();
}

async function readFindings(db: Db, ids: readonly number[], createdIds: ReadonlySet<number>, week: number) {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('warning')
    .leftJoin('category', 'category.id', 'warning.category_id')
    .select(['warning.id', 'warning.type', 'warning.severity', 'warning.facts', 'category.code as categoryCode'])
    .where('warning.id', 'in', ids)
    .execute();
  const villages = await db
    .selectFrom('warning_village')
    .innerJoin('place', 'place.id', 'warning_village.village_id')
    .select(['warning_village.warning_id', 'place.code'])
    .where('warning_village.warning_id', 'in', ids)
    .execute();
  return rows.map(
    (r): Finding => ({
      week,
      id: Number(r.id),
      created: createdIds.has(Number(r.id)),
      type: r.type,
      severity: r.severity,
      categoryCode: r.categoryCode ?? null,
      villageCodes: villages.filter((v) => Number(v.warning_id) === Number(r.id)).map((v) => v.code),
      terms: (JSON.parse(r.facts) as { terms?: string[] }).terms ?? [],
    }),
  );
}

/** The finding is about the event's series: its category on the event's path, one of its villages or the town. */
function concerns(finding: Finding, event: TruthEvent): boolean {
  const code = finding.categoryCode;
  const category = code !== null && (event.categoryCode === code || event.categoryCode.startsWith(`${code}.`));
  const place = finding.villageCodes.length === 0 || finding.villageCodes.some((v) => event.villageCodes.includes(v));
  return category && place;
}

const carriesTerm = (finding: Finding, event: TruthEvent) => event.newTerms.some((t) => finding.terms.includes(t));

/** What a finding is: a detection of some event, about a drift's later raised level, backlog, or false. */
function classify(finding: Finding, windows: readonly EventWindow[]): 'event' | 'after-drift' | 'backlog' | 'false' {
  if (finding.type === 'backlog') {
    return 'backlog';
  }
  if (
    windows.some(
      (w) =>
        finding.week >= w.from && finding.week <= w.to && (concerns(finding, w.event) || carriesTerm(finding, w.event)),
    )
  ) {
    return 'event';
  }
  if (windows.some((w) => w.event.kind === 'drift' && finding.week > w.to && concerns(finding, w.event))) {
    return 'after-drift';
  }
  return 'false';
}

interface EngineEvaluation extends Score {
  runs: number;
  secondsPerRun: { median: number | null; max: number };
  series: number;
  findings: number;
  findingsByType: Record<string, number>;
  falseFindings: number;
  falseFindingsByType: Record<string, number>;
  falseWarnings: number;
  warnings: number;
  backlogFindings: number;
  afterDriftFindings: number;
  falsePerTownWeek: number;
  falseNewPerTownWeek: number;
  falsePerSeriesYear: number;
  newPerWeekBySeverity: Record<Severity, number>;
  foundPerWeekBySeverity: Record<Severity, number>;
  newPerWeek: number;
  foundPerWeek: number;
  termEvents: { id: string; terms: string[]; carried: boolean; byType: string[] }[];
  eventDetails: {
    id: string;
    delay: number | null;
    by: { id: number; type: string; category: string | null; severity: string } | null;
  }[];
  topFalse: { type: string; category: string | null; place: string; weeks: number }[];
  /** Detection counted only when the warning names the event's leaf category (or carries its term). */
  leafCategory: Pick<Score, 'detectedOutbreaks' | 'detectedDrifts' | 'sensitivity' | 'medianDelay'> & {
    delays: Record<string, number | null>;
  };
}

async function runEngine(
  demo: Demo,
  town: Town,
  windows: readonly EventWindow[],
  first: number,
): Promise<EngineEvaluation> {
  const weeks = demo.calendar.weeks;
  const lastWeek = weeks.at(-1) as number;
  // The Monday after the data's last week: every week has ended.
  const now = () => startOfDay(weekEnd(lastWeek)) + 86_400_000;
  await clearWarnings(town.db);
  const findings: Finding[] = [];
  const seconds: number[] = [];
  let seriesWatched = 0;
  for (let t = first; t < weeks.length; t++) {
    const started = performance.now();
    const result = await runWarningsEngine(
      { db: town.db, now },
      { town: { id: town.townId }, week: weeks[t] as number, trigger: 'cli' },
    );
    seconds.push((performance.now() - started) / 1000);
    seriesWatched = Math.max(seriesWatched, result.series);
    const ids = [...result.created, ...result.updated, ...result.unchanged];
    findings.push(...(await readFindings(town.db, ids, new Set(result.created), t)));
    if ((t - first + 1) % 13 === 0) {
      console.error(`engine: ${t - first + 1}/${weeks.length - first} weeks, ${findings.length} findings`);
    }
  }
  const span = weeks.length - first;
  const kinds = findings.map((f) => classify(f, windows));
  const delaysWhere = (matches: (f: Finding, event: TruthEvent) => boolean) =>
    windows.map((w) => {
      const hit = findings.find(
        (f) => f.type !== 'backlog' && f.week >= w.from && f.week <= w.to && matches(f, w.event),
      );
      return hit === undefined ? null : hit.week - w.from;
    });
  const delays = delaysWhere((f, event) => concerns(f, event) || carriesTerm(f, event));
  // Stricter: the warning names the event's own leaf category (or carries its term), not only an ancestor of it.
  const leaf = score(
    windows,
    delaysWhere((f, event) => (concerns(f, event) && f.categoryCode === event.categoryCode) || carriesTerm(f, event)),
  );
  const eventDetails = windows.map((w, i) => {
    const hit = findings.find(
      (f) =>
        f.type !== 'backlog' &&
        f.week === (delays[i] ?? -1) + w.from &&
        (concerns(f, w.event) || carriesTerm(f, w.event)),
    );
    return {
      id: w.event.id,
      delay: delays[i] ?? null,
      by: hit ? { id: hit.id, type: hit.type, category: hit.categoryCode, severity: hit.severity } : null,
    };
  });
  const countBy = <T>(list: readonly T[], key: (x: T) => string) => {
    const counts: Record<string, number> = {};
    for (const x of list) {
      counts[key(x)] = (counts[key(x)] ?? 0) + 1;
    }
    return counts;
  };
  const falseList = findings.filter((_, i) => kinds[i] === 'false');
  // A warning is false when no week it was found in matched an event (or a drift's aftermath, or is a backlog).
  const trueIds = new Set(findings.filter((_, i) => kinds[i] !== 'false').map((f) => f.id));
  const falseIds = new Set(falseList.filter((f) => !trueIds.has(f.id)).map((f) => f.id));
  const perWeek = (list: readonly Finding[]) =>
    Object.fromEntries(SEVERITIES.map((s) => [s, list.filter((f) => f.severity === s).length / span])) as Record<
      Severity,
      number
    >;
  const created = findings.filter((f) => f.created);
  const falseByCell = new Map<string, { type: string; category: string | null; place: string; weeks: number }>();
  for (const f of falseList) {
    const place = f.villageCodes.length === 0 ? 'town' : f.villageCodes.join('+');
    const key = `${f.type}:${f.categoryCode}:${place}`;
    const entry = falseByCell.get(key) ?? { type: f.type, category: f.categoryCode, place, weeks: 0 };
    entry.weeks++;
    falseByCell.set(key, entry);
  }
  const termEvents = windows
    .filter((w) => w.event.newTerms.length > 0)
    .map((w) => {
      const carriers = findings.filter((f) => f.week >= w.from && f.week <= w.to && carriesTerm(f, w.event));
      return {
        id: w.event.id,
        terms: w.event.newTerms,
        carried: carriers.length > 0,
        byType: [...new Set(carriers.map((f) => f.type))],
      };
    });
  return {
    runs: span,
    secondsPerRun: { median: median(seconds), max: Math.max(...seconds) },
    series: seriesWatched,
    findings: findings.length,
    findingsByType: countBy(findings, (f) => f.type),
    falseFindings: falseList.length,
    falseFindingsByType: countBy(falseList, (f) => f.type),
    falseWarnings: falseIds.size,
    warnings: new Set(findings.map((f) => f.id)).size,
    backlogFindings: kinds.filter((k) => k === 'backlog').length,
    afterDriftFindings: kinds.filter((k) => k === 'after-drift').length,
    falsePerTownWeek: falseList.length / span,
    falseNewPerTownWeek: falseIds.size / span,
    falsePerSeriesYear: falseList.length / ((town.series.length * span) / 52),
    newPerWeekBySeverity: perWeek(created),
    foundPerWeekBySeverity: perWeek(findings),
    newPerWeek: created.length / span,
    foundPerWeek: findings.length / span,
    termEvents,
    eventDetails,
    topFalse: [...falseByCell.values()].sort((a, b) => b.weeks - a.weeks).slice(0, 15),
    leafCategory: {
      detectedOutbreaks: leaf.detectedOutbreaks,
      detectedDrifts: leaf.detectedDrifts,
      sensitivity: leaf.sensitivity,
      medianDelay: leaf.medianDelay,
      delays: Object.fromEntries(leaf.events.map((e) => [e.id, e.delay])),
    },
    ...score(windows, delays),
  };
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Figures                                                                                                       */

/** value ÷ baseline; 1 when both are 0; NaN (null in the JSON) when only the baseline is. */
function ratioOf(value: number, baseline: number): number {
  if (baseline === 0) {
    return value === 0 ? 1 : Number.NaN;
  }
  return round(value / baseline, 3);
}

const fmt = (x: number | null, digits = 2) => (x === null ? '–' : String(round(x, digits)));

function methodFigures(
  list: readonly MethodEvaluation[],
  eventCount: number,
  counts: { outbreaks: number; drifts: number },
) {
  const primary = list.find((m) => m.method === PRIMARY) as MethodEvaluation;
  const figures: Figure[] = [];
  for (const m of list) {
    const truth = (n: number, what: string) => `truth.json: ${n} ${what} in the monitored weeks (value = share found)`;
    figures.push(
      {
        metric: `sensitivity_${m.method}`,
        value: round(m.sensitivity, 3),
        unit: 'share of events',
        baseline: truth(eventCount, 'events'),
        baseline_value: eventCount,
        ratio: round(m.sensitivity, 3),
        bar: 'reported',
      },
      {
        metric: `sensitivity_outbreaks_${m.method}`,
        value: round(m.sensitivityOutbreaks, 3),
        unit: 'share of outbreaks',
        baseline: truth(counts.outbreaks, 'outbreaks'),
        baseline_value: counts.outbreaks,
        ratio: round(m.sensitivityOutbreaks, 3),
        bar: 'reported',
      },
      {
        metric: `sensitivity_drifts_${m.method}`,
        value: round(m.sensitivityDrifts, 3),
        unit: 'share of drifts',
        baseline: truth(counts.drifts, 'drifts'),
        baseline_value: counts.drifts,
        ratio: round(m.sensitivityDrifts, 3),
        bar: 'reported',
      },
      {
        metric: `false_per_series_year_${m.method}`,
        value: round(m.falsePerSeriesYear, 4),
        unit: 'alarms per series-year',
        baseline: `${PRIMARY} (the engine's primary detector), same series and weeks`,
        baseline_value: round(primary.falsePerSeriesYear, 4),
        ratio: ratioOf(m.falsePerSeriesYear, primary.falsePerSeriesYear),
        bar: 'reported',
      },
      {
        metric: `median_weeks_to_detection_${m.method}`,
        value: m.medianDelay ?? Number.NaN,
        unit: 'weeks',
        baseline: `${PRIMARY} (the engine's primary detector), same events`,
        baseline_value: primary.medianDelay ?? Number.NaN,
        ratio: ratioOf(m.medianDelay ?? Number.NaN, primary.medianDelay ?? Number.NaN),
        bar: 'reported',
      },
    );
  }
  return figures;
}

/** The best single method: most events found, then fewest false alarms per series-year. */
function bestMethod(list: readonly MethodEvaluation[]): MethodEvaluation {
  return list
    .filter((m) => m.method !== WHAT_IF_METHOD)
    .sort((a, b) => b.detected - a.detected || a.falsePerSeriesYear - b.falsePerSeriesYear)[0] as MethodEvaluation;
}

function engineFigures(engine: EngineEvaluation, best: MethodEvaluation, termEvents: number): Figure[] {
  const vsBest = `the best single method, ${best.method} (most events found, then fewest false alarms), on the leaf × village series`;
  const figures: Figure[] = [
    {
      metric: 'engine_sensitivity',
      value: round(engine.sensitivity, 3),
      unit: 'share of events',
      baseline: vsBest,
      baseline_value: round(best.sensitivity, 3),
      ratio: ratioOf(engine.sensitivity, best.sensitivity),
      bar: 'reported',
    },
    {
      metric: 'engine_sensitivity_outbreaks',
      value: round(engine.sensitivityOutbreaks, 3),
      unit: 'share of outbreaks',
      baseline: vsBest,
      baseline_value: round(best.sensitivityOutbreaks, 3),
      ratio: ratioOf(engine.sensitivityOutbreaks, best.sensitivityOutbreaks),
      bar: 'reported',
    },
    {
      metric: 'engine_sensitivity_drifts',
      value: round(engine.sensitivityDrifts, 3),
      unit: 'share of drifts',
      baseline: vsBest,
      baseline_value: round(best.sensitivityDrifts, 3),
      ratio: ratioOf(engine.sensitivityDrifts, best.sensitivityDrifts),
      bar: 'reported',
    },
    {
      metric: 'engine_sensitivity_leaf_category',
      value: round(engine.leafCategory.sensitivity, 3),
      unit: 'share of events',
      baseline: `${vsBest}; a warning counts only with the event's own leaf category (or its new term)`,
      baseline_value: round(best.sensitivity, 3),
      ratio: ratioOf(engine.leafCategory.sensitivity, best.sensitivity),
      bar: 'reported',
    },
    {
      metric: 'engine_false_per_town_week',
      value: round(engine.falsePerTownWeek, 3),
      unit: 'false warnings listed per week',
      baseline: `${vsBest}: its false alarm-weeks per week`,
      baseline_value: round(best.falsePerTownWeek, 3),
      ratio: ratioOf(engine.falsePerTownWeek, best.falsePerTownWeek),
      bar: 'reported',
    },
    {
      metric: 'engine_false_new_per_town_week',
      value: round(engine.falseNewPerTownWeek, 3),
      unit: 'false warnings (distinct) per week',
      baseline: `${vsBest}: its false alarm-weeks per week`,
      baseline_value: round(best.falsePerTownWeek, 3),
      ratio: ratioOf(engine.falseNewPerTownWeek, best.falsePerTownWeek),
      bar: 'reported',
    },
    {
      metric: 'engine_false_per_series_year',
      value: round(engine.falsePerSeriesYear, 4),
      unit: 'false warning-weeks per leaf × village series-year',
      baseline: vsBest,
      baseline_value: round(best.falsePerSeriesYear, 4),
      ratio: ratioOf(engine.falsePerSeriesYear, best.falsePerSeriesYear),
      bar: 'reported',
    },
    {
      metric: 'engine_median_weeks_to_detection',
      value: engine.medianDelay ?? Number.NaN,
      unit: 'weeks',
      baseline: vsBest,
      baseline_value: best.medianDelay ?? Number.NaN,
      ratio: ratioOf(engine.medianDelay ?? Number.NaN, best.medianDelay ?? Number.NaN),
      bar: 'reported',
    },
  ];
  for (const severity of SEVERITIES) {
    figures.push({
      metric: `engine_new_warnings_per_week_${severity}`,
      value: round(engine.newPerWeekBySeverity[severity], 3),
      unit: 'new warnings per week',
      baseline: 'all new warnings per week (ratio = share)',
      baseline_value: round(engine.newPerWeek, 3),
      ratio: ratioOf(engine.newPerWeekBySeverity[severity], engine.newPerWeek),
      bar: 'reported',
    });
  }
  const carried = engine.termEvents.filter((e) => e.carried).length;
  figures.push({
    metric: 'engine_new_terms_carried',
    value: carried,
    unit: 'events',
    baseline: 'truth.json: events bringing a new term, in the monitored weeks',
    baseline_value: termEvents,
    ratio: ratioOf(carried, termEvents),
    bar: 'reported',
  });
  return figures;
}

function printMethodTable(
  list: readonly MethodEvaluation[],
  engine: EngineEvaluation | null,
  counts: { outbreaks: number; drifts: number },
) {
  const rows = [
    [
      'method',
      'outbreaks',
      'drifts',
      'sensitivity',
      'by chance',
      'false/series-yr',
      'false/week',
      'median wk (o/d)',
      's',
    ],
    ...list.map((m) => [
      m.method,
      `${m.detectedOutbreaks}/${counts.outbreaks}`,
      `${m.detectedDrifts}/${counts.drifts}`,
      fmt(m.sensitivity),
      fmt(m.chanceDetections, 1),
      fmt(m.falsePerSeriesYear, 3),
      fmt(m.falsePerTownWeek, 1),
      `${fmt(m.medianDelay, 1)} (${fmt(m.medianDelayOutbreaks, 1)}/${fmt(m.medianDelayDrifts, 1)})`,
      fmt(m.seconds, 1),
    ]),
  ];
  if (engine) {
    rows.push([
      'engine',
      `${engine.detectedOutbreaks}/${counts.outbreaks}`,
      `${engine.detectedDrifts}/${counts.drifts}`,
      fmt(engine.sensitivity),
      '',
      fmt(engine.falsePerSeriesYear, 3),
      fmt(engine.falsePerTownWeek, 1),
      `${fmt(engine.medianDelay, 1)} (${fmt(engine.medianDelayOutbreaks, 1)}/${fmt(engine.medianDelayDrifts, 1)})`,
      fmt((engine.secondsPerRun.median ?? 0) * engine.runs, 1),
    ]);
  }
  printRows(rows);
}

function printRows(rows: readonly string[][]): void {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  for (const row of rows) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  }
  console.log();
}

/** Per event: its size and each method's weeks to detection (– = missed). */
function printEventTable(
  windows: readonly EventWindow[],
  list: readonly MethodEvaluation[],
  engine: EngineEvaluation | null,
) {
  const short = (m: string) =>
    m
      .replace('farrington-', 'f-')
      .replace('noufaily', 'nouf')
      .replace('original', 'orig')
      .replace('glrpois-cases', 'glrp-cases')
      .replace(TREND_METHOD, 'mk-bh');
  const rows = [
    [
      'event',
      'category',
      'villages',
      'weeks',
      '×',
      'excess',
      ...list.map((m) => short(m.method)),
      ...(engine ? ['engine', 'engine-leaf'] : []),
    ],
    ...windows.map((w, i) => [
      w.event.id,
      w.event.categoryCode,
      String(w.event.villageCodes.length),
      `${w.event.firstWeek}–${w.event.lastWeek}`,
      String(w.event.multiplier),
      String(w.event.excessCount),
      ...list.map((m) => fmt(m.events[i]?.delay ?? null, 0)),
      ...(engine
        ? [fmt(engine.events[i]?.delay ?? null, 0), fmt(engine.leafCategory.delays[w.event.id] ?? null, 0)]
        : []),
    ]),
  ];
  printRows(rows);
}

/* ------------------------------------------------------------------------------------------------------------ */

async function main(): Promise<void> {
  const demo = createDemo({ seed: args.seed, records });
  const weekCount = demo.calendar.weeks.length;
  const first = weekCount - monitoredWeeks;
  const dir = args['data-dir'] ?? mkdtempSync(join(tmpdir(), 'shanzhi-detect-eval-'));
  const town = await openTown(demo, dir);
  try {
    const windows = eventWindows(demo, town, first);
    const counts = {
      outbreaks: windows.filter((w) => w.event.kind === 'outbreak').length,
      drifts: windows.filter((w) => w.event.kind === 'drift').length,
    };
    const zone = eventZones(windows, town.series.length, weekCount);
    console.error(
      `${town.series.length} leaf × village series, weeks ${demo.calendar.weeks[first]}–${demo.calendar.weeks.at(-1)}, ` +
        `${counts.outbreaks} outbreaks and ${counts.drifts} drifts; store counts ${town.countsMatchModel ? 'equal' : 'DIFFER FROM'} the model's`,
    );

    const evaluations: MethodEvaluation[] = [];
    for (const method of [...methodNames, TREND_METHOD, WHAT_IF_METHOD] as const) {
      const started = performance.now();
      const alarms =
        method === TREND_METHOD ? trendAlarms(town, first, weekCount) : methodAlarms(method, town, first, weekCount);
      const seconds = (performance.now() - started) / 1000;
      evaluations.push(evaluateAlarms(method, alarms, seconds, windows, zone, first, weekCount));
      console.error(`${method}: ${seconds.toFixed(1)} s`);
    }

    const engine = args['no-engine'] ? null : await runEngine(demo, town, windows, first);
    const termEvents = windows.filter((w) => w.event.newTerms.length > 0).length;
    const best = bestMethod(evaluations);

    console.log(
      `\nDemo town ${records.toLocaleString('en-US')} records, seed "${args.seed}": methods on ${town.series.length} leaf × village series, last ${monitoredWeeks} weeks\n`,
    );
    printMethodTable(evaluations, engine, counts);
    console.log(
      "Weeks to detection per event (– = missed; engine-leaf: only warnings naming the event's own leaf category or its term):\n",
    );
    printEventTable(windows, evaluations, engine);
    if (engine) {
      console.log(
        `engine: ${engine.warnings} warnings (${engine.findings} warning-weeks: ${JSON.stringify(engine.findingsByType)}), ` +
          `${engine.falseWarnings} false (${engine.falseFindings} warning-weeks: ${JSON.stringify(engine.falseFindingsByType)}), ` +
          `${engine.afterDriftFindings} after a drift, ${engine.backlogFindings} backlog; with the event's own leaf ` +
          `category only: ${engine.leafCategory.detectedOutbreaks}/${counts.outbreaks} outbreaks, ` +
          `${engine.leafCategory.detectedDrifts}/${counts.drifts} drifts; new terms carried for ` +
          `${engine.termEvents.filter((e) => e.carried).length}/${termEvents} events; ${fmt(engine.secondsPerRun.median, 2)} s a run\n`,
      );
    }
    const figures = [
      ...methodFigures(evaluations, windows.length, counts),
      ...(engine ? engineFigures(engine, best, termEvents) : []),
    ];
    printTable(figures);
    const out = writeResults('detect-eval', {
      figures,
      runs: {
        records,
        seed: args.seed,
        weeks: [demo.calendar.weeks[first], demo.calendar.weeks.at(-1)],
        series: town.series.length,
        source: 'base cuboid of a `shanzhi demo generate --no-warnings` SQLite store (leaf category × village)',
        countsMatchModel: town.countsMatchModel,
        generateSeconds: town.generateSeconds,
        events: windows.map((w) => ({
          id: w.event.id,
          kind: w.event.kind,
          categoryCode: w.event.categoryCode,
          villages: w.event.villageCodes.length,
          firstWeek: w.event.firstWeek,
          lastWeek: w.event.lastWeek,
          windowEnd: demo.calendar.weeks[w.to],
          multiplier: w.event.multiplier,
          expectedBaseline: w.event.expectedBaseline,
          excessCount: w.event.excessCount,
          newTerms: w.event.newTerms,
        })),
        methods: evaluations.map(({ events, ...m }) => ({
          ...m,
          delays: Object.fromEntries(events.map((e) => [e.id, e.delay])),
        })),
        bestMethod: best.method,
        engine: engine && {
          ...engine,
          events: undefined,
          delays: Object.fromEntries(engine.events.map((e) => [e.id, e.delay])),
        },
      },
    });
    console.error(`wrote ${out}`);
  } finally {
    await town.close();
    if (args['data-dir'] === undefined) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();
