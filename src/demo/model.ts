import type { DemoCalendar } from './calendar.js';
import type { DemoCategory } from './categories.js';
import { logNormal, negativeBinomial, normal, poisson } from './distributions.js';
import type { DemoEnterprise } from './enterprises.js';
import { type DemoEvent, driftLevel, type EventOptions, sampleEvents } from './outbreaks.js';
import { type Random, WeightedChoice } from './random.js';
import { holidayFactor, seasonalFactor, WEEKDAY_WEIGHTS } from './season.js';
import type { DemoVillage } from './town.js';

/*
 * The count model: the expected number of records of each category in each village in each week, and counts drawn
 * from it.
 *
 *   μ(c, v, w) = scale · weight(c) · shape(c, w) · trend(c, w) · share(c, v) · drift(c, v, w)  + outbreak excess
 *
 * shape is the mean over the week's days of season × holiday (weighted by the category's weekday pattern); share
 * is the village's part of the category's driver (residents, commerce or the enterprises' workforce), with a fixed
 * random village effect; scale makes the expected total equal the number of records asked for. A count is
 * negative-binomial around μ (the dispersion of the category) times a town-wide weekly shock of the category
 * (weather, a campaign, the news), plus Poisson outbreak excess; the counts are then nudged to the exact total.
 */

const WEEKS_PER_YEAR = 365.2425 / 7;
/** Town-wide week-to-week variation of a category beyond the village counts' own (log-normal σ). */
const WEEKLY_SHOCK_SIGMA = 0.15;
/** Spread of the fixed effect of a village on a category (log-normal σ): some villages simply complain more. */
const VILLAGE_EFFECT_SIGMA = 0.3;
/** Workforce every village has beyond its registered enterprises (small workshops, shops, farms). */
const INFORMAL_WORKFORCE = 60;

/** What the count model is built for. */
export interface ModelOptions {
  /** Total records over all weeks, exactly. */
  records: number;
  events: EventOptions;
}

/** Expected and observed sizes of an event, for truth.json. */
export interface EventStats {
  /** Expected count of the event's series over its weeks without the event. */
  baseline: number;
  /** Expected count the event adds over its weeks. */
  expectedExcess: number;
}

/**
 * The count model of a demo town. Arrays indexed by cellIndex(week, category, village) hold the expected and drawn
 * counts; weeks, categories and villages are indices into `calendar.weeks`, `categories` and `villages`.
 */
export interface DemoModel {
  calendar: DemoCalendar;
  categories: readonly DemoCategory[];
  villages: readonly DemoVillage[];
  events: readonly DemoEvent[];
  eventStats: readonly EventStats[];
  /** Multiplies the relative rates into expected counts. */
  scale: number;
  /** Village shares per category (each row sums to 1). */
  shares: readonly Float64Array[];
  /** Daily factor (season × holiday) per category over the data's days, for spreading a week over its days. */
  dayFactors: readonly Float64Array[];
  /** Expected counts without any event, by cellIndex. */
  baseline: Float64Array;
  /** Expected counts with the events. */
  expected: Float64Array;
  /** The drawn counts, by cellIndex; they sum to the records asked for. */
  counts: Uint32Array;
}

/** The position of (week, category, village) in the model's arrays. */
export function cellIndex(model: DemoModel, week: number, category: number, village: number): number {
  return (week * model.categories.length + category) * model.villages.length + village;
}

function villageShares(
  random: Random,
  categories: readonly DemoCategory[],
  villages: readonly DemoVillage[],
  enterprises: readonly DemoEnterprise[],
): Float64Array[] {
  const workforce = new Map(villages.map((v) => [v.code, INFORMAL_WORKFORCE]));
  for (const e of enterprises) {
    workforce.set(e.villageCode, (workforce.get(e.villageCode) ?? 0) + e.employees);
  }
  return categories.map((category) => {
    const row = Float64Array.from(villages, (v) => {
      const driver = category.profile.driver;
      const size = driver === 'population' ? v.population : driver === 'commerce' ? v.commerce : workforce.get(v.code);
      return (size ?? 0) * logNormal(random, 1, VILLAGE_EFFECT_SIGMA);
    });
    const sum = row.reduce((s, x) => s + x, 0);
    return row.map((x) => x / sum);
  });
}

function dailyFactors(calendar: DemoCalendar, categories: readonly DemoCategory[]): Float64Array[] {
  const days = calendar.weeks.length * 7;
  return categories.map(({ profile }) =>
    Float64Array.from({ length: days }, (_, d) => {
      const fromFestival = calendar.fromSpringFestival[d] as number;
      return (
        seasonalFactor(profile.season, calendar.dayOfYear[d] as number, fromFestival) *
        holidayFactor(fromFestival, calendar.month[d] as number, calendar.dayOfMonth[d] as number)
      );
    }),
  );
}

/**
 * The relative level of a category in each week: the weekly mean of its daily factors, times its trend. A pinned
 * last-year change is a step in the first weeks of the last year (a logistic over about a month), sized so that the
 * expected last 52 weeks are exactly (1 + change) times the 52 before, whatever the seasons do.
 */
function weeklyLevels(category: DemoCategory, days: Float64Array, weekCount: number): Float64Array {
  const profile = category.profile;
  const weekdays = WEEKDAY_WEIGHTS[profile.days];
  const weekdayMean = weekdays.reduce((s, x) => s + x, 0) / 7;
  const level = Float64Array.from({ length: weekCount }, (_, w) => {
    let sum = 0;
    for (let k = 0; k < 7; k++) {
      sum += (days[w * 7 + k] as number) * ((weekdays[k] as number) / weekdayMean);
    }
    const yearsFromEnd = (w - (weekCount - 1)) / WEEKS_PER_YEAR;
    return (sum / 7) * (1 + profile.annualTrend) ** yearsFromEnd;
  });
  if (profile.lastYearChange === undefined || weekCount < 104) {
    return level;
  }
  const target = 1 + profile.lastYearChange;
  const stepCentre = weekCount - 52 + 3;
  const ramp = (w: number) => 1 / (1 + Math.exp(-(w - stepCentre) / 1.5));
  let a0 = 0;
  let r0 = 0;
  let a1 = 0;
  let r1 = 0;
  for (let w = weekCount - 104; w < weekCount; w++) {
    const a = level[w] as number;
    if (w < weekCount - 52) {
      a0 += a;
      r0 += a * ramp(w);
    } else {
      a1 += a;
      r1 += a * ramp(w);
    }
  }
  // Σlast a(1 + (s − 1)r) = target · Σprev a(1 + (s − 1)r), linear in the step s.
  const step = 1 + (target * a0 - a1) / (r1 - target * r0);
  return level.map((a, w) => a * (1 + (step - 1) * ramp(w)));
}

/** Draws the counts for the exact total: first around μ, then adds or removes single records at random. */
function reconcile(random: Random, counts: Uint32Array, expected: Float64Array, total: number): void {
  let sum = counts.reduce((s, x) => s + x, 0);
  if (sum < total) {
    const choice = new WeightedChoice(
      Array.from({ length: expected.length }, (_, i) => i),
      Array.from(expected),
    );
    for (; sum < total; sum++) {
      const i = choice.index(random);
      counts[i] = (counts[i] as number) + 1;
    }
  } else if (sum > total) {
    // Remove uniformly among the drawn records: pick a cell by its original count, keep the pick with probability
    // current / original (so the pick is proportional to the current count).
    const original = Uint32Array.from(counts);
    const choice = new WeightedChoice(
      Array.from({ length: counts.length }, (_, i) => i),
      Array.from(original),
    );
    while (sum > total) {
      const i = choice.index(random);
      if (random.next() * (original[i] as number) < (counts[i] as number)) {
        counts[i] = (counts[i] as number) - 1;
        sum--;
      }
    }
  }
}

/** Unscaled expected counts by cellIndex: without events, and with the drifts' rising levels. */
function relativeRates(
  categories: readonly DemoCategory[],
  shares: readonly Float64Array[],
  levels: readonly Float64Array[],
  events: readonly DemoEvent[],
  weekCount: number,
): { relative: Float64Array; drifted: Float64Array } {
  const C = categories.length;
  const V = shares[0]?.length ?? 0;
  const relative = new Float64Array(weekCount * C * V);
  for (let w = 0; w < weekCount; w++) {
    for (let c = 0; c < C; c++) {
      const rate = (categories[c]?.profile.weight ?? 0) * (levels[c]?.[w] ?? 0);
      const row = shares[c] as Float64Array;
      for (let v = 0; v < V; v++) {
        relative[(w * C + c) * V + v] = rate * (row[v] as number);
      }
    }
  }
  const drifted = Float64Array.from(relative);
  for (const event of events.filter((e) => e.kind === 'drift')) {
    for (let w = event.firstWeek; w < weekCount; w++) {
      for (const v of event.villages) {
        const i = (w * C + event.category) * V + v;
        drifted[i] = (drifted[i] as number) * driftLevel(event, w);
      }
    }
  }
  return { relative, drifted };
}

interface OutbreakCell {
  event: DemoEvent;
  index: number;
  /** The cell's part of its outbreak-week, for spreading the floor. */
  floorShare: number;
}

/**
 * The scale that makes the expected total `records`, and the expected excess of each outbreak cell at that scale.
 * The excess is (multiplier − 1) × the expected count, but at least three records a week (fewer in a tiny town)
 * spread over the outbreak's villages, so that an outbreak in a quiet series is still visible; where that floor
 * binds, the multiplier truth.json reports is above the drawn one. The total is monotone in the scale: bisection.
 */
function scaleAndExcess(
  drifted: Float64Array,
  events: readonly DemoEvent[],
  C: number,
  V: number,
  records: number,
): { scale: number; excess: Float64Array } {
  const minExcess = Math.min(3, records / 50_000);
  const cells: OutbreakCell[] = [];
  for (const event of events.filter((e) => e.kind === 'outbreak')) {
    for (let w = event.firstWeek; w <= event.lastWeek; w++) {
      const indices = event.villages.map((v) => (w * C + event.category) * V + v);
      const sum = indices.reduce((s, i) => s + (drifted[i] as number), 0);
      for (const index of indices) {
        cells.push({ event, index, floorShare: sum > 0 ? (drifted[index] as number) / sum : 1 / indices.length });
      }
    }
  }
  const excessAt = (cell: OutbreakCell, scale: number) =>
    Math.max((cell.event.multiplier - 1) * scale * (drifted[cell.index] as number), minExcess * cell.floorShare);
  const driftedTotal = drifted.reduce((s, x) => s + x, 0);
  const totalAt = (scale: number) => scale * driftedTotal + cells.reduce((s, cell) => s + excessAt(cell, scale), 0);
  let low = 0;
  let high = records / driftedTotal;
  for (let iteration = 0; iteration < 60; iteration++) {
    const middle = (low + high) / 2;
    if (totalAt(middle) < records) {
      low = middle;
    } else {
      high = middle;
    }
  }
  const scale = (low + high) / 2;
  const excess = new Float64Array(drifted.length);
  for (const cell of cells) {
    excess[cell.index] = excessAt(cell, scale);
  }
  return { scale, excess };
}

/** Counts around the expectation: negative binomial × the category's weekly shock, plus Poisson outbreak excess. */
function drawCounts(
  random: Random,
  categories: readonly DemoCategory[],
  means: Float64Array,
  excess: Float64Array,
  weekCount: number,
  V: number,
): Uint32Array {
  const C = categories.length;
  const counts = new Uint32Array(means.length);
  for (let w = 0; w < weekCount; w++) {
    for (let c = 0; c < C; c++) {
      const dispersion = categories[c]?.profile.dispersion ?? 4;
      const shock = Math.exp(WEEKLY_SHOCK_SIGMA * normal(random) - (WEEKLY_SHOCK_SIGMA * WEEKLY_SHOCK_SIGMA) / 2);
      for (let v = 0; v < V; v++) {
        const i = (w * C + c) * V + v;
        counts[i] =
          negativeBinomial(random, (means[i] as number) * shock, dispersion) + poisson(random, excess[i] as number);
      }
    }
  }
  return counts;
}

/**
 * Build the count model of the demo town: village shares, weekly levels, the injected events, the scale that makes
 * the expected total `options.records`, and counts drawn from it that sum to exactly that.
 */
export function buildModel(
  random: Random,
  calendar: DemoCalendar,
  categories: readonly DemoCategory[],
  villages: readonly DemoVillage[],
  enterprises: readonly DemoEnterprise[],
  options: ModelOptions,
): DemoModel {
  const weekCount = calendar.weeks.length;
  const C = categories.length;
  const V = villages.length;
  const shares = villageShares(random.fork('village effects'), categories, villages, enterprises);
  const dayFactors = dailyFactors(calendar, categories);
  const levels = categories.map((category, c) => weeklyLevels(category, dayFactors[c] as Float64Array, weekCount));
  const events = sampleEvents(random.fork('events'), categories, villages, shares, weekCount, options.events);
  const { relative, drifted } = relativeRates(categories, shares, levels, events, weekCount);
  const { scale, excess } = scaleAndExcess(drifted, events, C, V, options.records);

  const baseline = relative.map((x) => x * scale);
  const withDrifts = drifted.map((x) => x * scale);
  const expected = withDrifts.map((x, i) => x + (excess[i] as number));
  const counts = drawCounts(random.fork('counts'), categories, withDrifts, excess, weekCount, V);
  reconcile(random.fork('reconcile'), counts, expected, options.records);

  const eventStats = events.map((event): EventStats => {
    let without = 0;
    let added = 0;
    for (let w = event.firstWeek; w <= event.lastWeek; w++) {
      for (const v of event.villages) {
        const i = (w * C + event.category) * V + v;
        // A drift is measured against the series without it; an outbreak against the series with any drift.
        const base = event.kind === 'drift' ? (baseline[i] as number) : (withDrifts[i] as number);
        without += base;
        added += (expected[i] as number) - base;
      }
    }
    return { baseline: without, expectedExcess: added };
  });

  return { calendar, categories, villages, events, eventStats, scale, shares, dayFactors, baseline, expected, counts };
}
