import { invalidField } from '../core/errors.js';
import { formatWeek, type IsoWeek, parseWeek } from '../core/time/index.js';
import { buildCalendar, type DemoCalendar, lastCompleteWeekBefore } from './calendar.js';
import { type DemoCategory, demoCategories } from './categories.js';
import { buildEnterprises, DEFAULT_ENTERPRISE_COUNT, type DemoEnterprise } from './enterprises.js';
import { buildModel, type DemoModel } from './model.js';
import { DEFAULT_EVENT_OPTIONS } from './outbreaks.js';
import { Random } from './random.js';
import { buildRecordContext, type RecordContext } from './record-context.js';
import type { RecordDraft } from './record-draft.js';
import { generateWeek } from './records.js';
import { SPRING_FESTIVAL_FIRST_YEAR, SPRING_FESTIVAL_LAST_YEAR } from './spring-festival.js';
import { buildTownMap, type DemoTownMap } from './town.js';
import { buildTruth, type DemoTruth } from './truth.js';

/** What the demo town is generated from; every field has a default. */
export interface DemoOptions {
  /** Any text; the same seed gives the same town, records and truth. */
  seed: string;
  /** Total records (complaints and cases) over the five years, exactly. */
  records: number;
  /** The last week of the data (YYYYWW). */
  lastWeek: IsoWeek;
  enterprises: number;
  /**
   * Share of complaints repeating an earlier one (same address and category within days). Repeats need a busy cell
   * (two complaints of a category in a village in a week), so the share is met while the town has enough of them:
   * at the default 150 k records up to about 25 %.
   */
  repeatShare: number;
  /** Share of records flagged difficult. */
  difficultShare: number;
  outbreaks: number;
  drifts: number;
}

/** The "today" of the demo: data end with the last complete week before it, so the demo looks current. */
export const DEMO_REFERENCE_DAY = '2026-11-29';
/** Five years of ISO weeks (5 × 52.18, rounded). */
export const DEMO_WEEKS = 261;
/** Upper bound of `records`: the benchmarks need 10 M; beyond 20 M the 5-digit daily numbers could run out. */
export const MAX_RECORDS = 20_000_000;

/** What `createDemo()` uses for options not given: the 150 k-record demo town of `npm run demo`. */
export const DEFAULT_DEMO_OPTIONS: DemoOptions = {
  seed: 'shanzhi',
  records: 150_000,
  lastWeek: lastCompleteWeekBefore(DEMO_REFERENCE_DAY),
  enterprises: DEFAULT_ENTERPRISE_COUNT,
  repeatShare: 0.08,
  difficultShare: 0.04,
  outbreaks: DEFAULT_EVENT_OPTIONS.outbreaks,
  drifts: DEFAULT_EVENT_OPTIONS.drifts,
};

/** A generated demo town: its places, enterprises, count model and ground truth; records come from demoWeeks. */
export interface Demo {
  options: DemoOptions;
  map: DemoTownMap;
  enterprises: DemoEnterprise[];
  categories: DemoCategory[];
  calendar: DemoCalendar;
  model: DemoModel;
  truth: DemoTruth;
}

/** The generator's lookups and record stream of each demo, kept out of its public shape. */
const generators = new WeakMap<Demo, { context: RecordContext; random: Random }>();

function requireInteger(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidField(field, `must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function requireShare(field: string, value: number, max: number): number {
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw invalidField(field, `must be a share from 0 to ${max}, got ${value}`);
  }
  return value;
}

/** Options with defaults filled in, or an invalid_input error naming the first bad field (the CLI prints it). */
export function resolveDemoOptions(options: Partial<DemoOptions> = {}): DemoOptions {
  const merged = { ...DEFAULT_DEMO_OPTIONS, ...options };
  if (typeof merged.seed !== 'string' || merged.seed.length > 200) {
    throw invalidField('seed', 'must be text of at most 200 characters');
  }
  requireInteger('records', merged.records, 0, MAX_RECORDS);
  requireInteger('enterprises', merged.enterprises, 1, 5000);
  requireInteger('outbreaks', merged.outbreaks, 0, 40);
  requireInteger('drifts', merged.drifts, 0, 10);
  requireShare('repeatShare', merged.repeatShare, 0.5);
  requireShare('difficultShare', merged.difficultShare, 0.5);
  const lastWeek = parseWeek(merged.lastWeek, 'lastWeek');
  // The Spring Festival table must cover the year before the first week and the year after the last.
  const first = `${SPRING_FESTIVAL_FIRST_YEAR + 6}W01`;
  const last = `${SPRING_FESTIVAL_LAST_YEAR - 1}W52`;
  if (lastWeek < parseWeek(first) || lastWeek > parseWeek(last)) {
    throw invalidField('lastWeek', `must be from ${first} to ${last}, got ${formatWeek(lastWeek)}`);
  }
  return { ...merged, lastWeek };
}

/**
 * Generate the demo town: map, enterprises, count model and ground truth. Deterministic from the options; the records
 * themselves are drawn lazily, a week at a time, by demoWeeks / demoRecords. Throws invalid_input on bad options.
 */
export function createDemo(options: Partial<DemoOptions> = {}): Demo {
  const resolved = resolveDemoOptions(options);
  const random = new Random(resolved.seed);
  const map = buildTownMap(random.fork('town'));
  const enterprises = buildEnterprises(random.fork('enterprises'), map, resolved.enterprises);
  const categories = demoCategories();
  const calendar = buildCalendar(resolved.lastWeek, DEMO_WEEKS);
  const model = buildModel(random.fork('model'), calendar, categories, map.villages, enterprises, {
    records: resolved.records,
    events: { outbreaks: resolved.outbreaks, drifts: resolved.drifts, windowWeeks: DEFAULT_EVENT_OPTIONS.windowWeeks },
  });
  const truth = buildTruth(model, { seed: resolved.seed, records: resolved.records, town: map.town });
  const demo: Demo = { options: resolved, map, enterprises, categories, calendar, model, truth };
  generators.set(demo, {
    context: buildRecordContext(model, map, enterprises, resolved),
    random: random.fork('records'),
  });
  return demo;
}

/** One week's records. */
export interface DemoWeek {
  week: IsoWeek;
  records: RecordDraft[];
}

/** The drafts of one week of the demo (an ISO week inside its span), in time order. */
export function demoWeek(demo: Demo, week: IsoWeek): RecordDraft[] {
  const index = demo.calendar.weeks.indexOf(week);
  if (index < 0) {
    throw invalidField(
      'week',
      `must be a week from ${formatWeek(demo.calendar.firstWeek)} to ${formatWeek(demo.calendar.lastWeek)}`,
    );
  }
  const generator = generators.get(demo);
  if (!generator) {
    throw new TypeError('not a demo made by createDemo');
  }
  return generateWeek(generator.context, generator.random.fork(`week ${week}`), index);
}

/** The demo's records week by week, oldest first: one week in memory at a time. */
export function* demoWeeks(demo: Demo): Generator<DemoWeek> {
  for (const week of demo.calendar.weeks) {
    yield { week, records: demoWeek(demo, week) };
  }
}

/** The demo's records one by one, oldest first. */
export function* demoRecords(demo: Demo): Generator<RecordDraft> {
  for (const { records } of demoWeeks(demo)) {
    yield* records;
  }
}
