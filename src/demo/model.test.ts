import { describe, expect, it } from 'vitest';
import { weekStart } from '../core/time/index.js';
import { createDemo } from './demo.js';
import { cellIndex } from './model.js';
import { springFestival } from './spring-festival.js';

/*
 * The statistical shape of the count model on a mid-size town (300 k records, the default seed): the patterns the
 * detectors and reports are meant to find must be there, at the sizes the profiles promise.
 */

const demo = createDemo({ records: 300_000 });
const { model, calendar } = demo;
const W = calendar.weeks.length;

/** Weekly town totals of the leaves whose code starts with `prefix`. */
function townSeries(prefix: string): number[] {
  const categories = model.categories.flatMap((c, i) => (c.code.startsWith(prefix) ? [i] : []));
  expect(categories.length).toBeGreaterThan(0);
  return calendar.weeks.map((_, w) => {
    let sum = 0;
    for (const c of categories) {
      for (let v = 0; v < model.villages.length; v++) {
        sum += model.counts[cellIndex(model, w, c, v)] as number;
      }
    }
    return sum;
  });
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const monthOf = (w: number) => Number(weekStart(calendar.weeks[w] as number).slice(5, 7));
const weeksIn = (months: number[]) => calendar.weeks.map((_, w) => w).filter((w) => months.includes(monthOf(w)));

/** Summer (June–August) mean over winter (December–February) mean of a series. */
function summerOverWinter(series: number[]): number {
  return (
    mean(weeksIn([6, 7, 8]).map((w) => series[w] as number)) / mean(weeksIn([12, 1, 2]).map((w) => series[w] as number))
  );
}

/** Days from the Thursday of week w to the next Spring Festival (negative: the festival is before it). */
function daysToFestival(w: number): number {
  const thursday = Date.parse(weekStart(calendar.weeks[w] as number)) + 3 * 86_400_000;
  const year = new Date(thursday).getUTCFullYear();
  const next = [year, year + 1].map((y) => Date.parse(springFestival(y))).find((ms) => ms >= thursday - 7 * 86_400_000);
  return ((next ?? thursday) - thursday) / 86_400_000;
}

describe('the count model', () => {
  it('draws exactly the number of records asked for', () => {
    expect(sum(Array.from(model.counts))).toBe(300_000);
    for (const records of [0, 1, 997]) {
      const small = createDemo({ records, seed: `exact ${records}` });
      expect(sum(Array.from(small.model.counts))).toBe(records);
    }
  });

  it('puts street stalls and neighbourhood noise in summer, fire hazards in winter', () => {
    expect(summerOverWinter(townSeries('city_appearance.street_stall'))).toBeGreaterThan(1.8);
    expect(summerOverWinter(townSeries('noise.neighbourhood'))).toBeGreaterThan(1.3);
    const fire = townSeries('fire_safety.three_in_one').map(
      (x, w) => x + (townSeries('fire_safety.fire_equipment')[w] ?? 0),
    );
    expect(summerOverWinter(fire)).toBeLessThan(0.75);
  });

  it('raises wage arrears in the weeks before the Spring Festival, every year', () => {
    const series = townSeries('labour.enterprise_dispute.wage_arrears');
    // The first four years, before the last-year drop changes the level.
    const weeks = calendar.weeks.map((_, w) => w).filter((w) => w < W - 60);
    const before = weeks.filter((w) => daysToFestival(w) >= 7 && daysToFestival(w) <= 35);
    const other = weeks.filter((w) => !before.includes(w));
    expect(before.length).toBeGreaterThanOrEqual(12);
    expect(mean(before.map((w) => series[w] as number)) / mean(other.map((w) => series[w] as number))).toBeGreaterThan(
      2,
    );
  });

  it('empties the town in the Spring Festival week', () => {
    const all = townSeries('');
    for (const year of [2022, 2023, 2024, 2025, 2026]) {
      // The week holding the middle of the break (New Year's Eve to 初六).
      const festivalWeek = Math.floor((calendar.days.indexOf(springFestival(year)) + 3) / 7);
      const weeksBefore = [6, 5, 4, 3].map((k) => all[festivalWeek - k] as number);
      expect((all[festivalWeek] as number) / mean(weeksBefore)).toBeLessThan(0.6);
    }
  });

  it('cuts enterprise labour disputes by about 64 % in the last year', () => {
    const series = townSeries('labour.enterprise_dispute.');
    const change = sum(series.slice(W - 52)) / sum(series.slice(W - 104, W - 52)) - 1;
    expect(change).toBeGreaterThan(-0.69);
    expect(change).toBeLessThan(-0.59);
  });

  it('lets rising categories rise and falling ones fall', () => {
    const ebike = townSeries('fire_safety.ebike_charging');
    expect(sum(ebike.slice(W - 52)) / sum(ebike.slice(0, 52))).toBeGreaterThan(1.6);
    const construction = townSeries('illegal_construction.');
    expect(sum(construction.slice(W - 52)) / sum(construction.slice(0, 52))).toBeLessThan(0.8);
  });
});

describe('injected events', () => {
  const byCode = new Map(model.villages.map((v, i) => [v.code, i]));

  it('stand out against the median of their series', () => {
    const outbreaks = model.events.filter((e) => e.kind === 'outbreak');
    expect(outbreaks).toHaveLength(12);
    for (const event of outbreaks) {
      const series = calendar.weeks.map((_, w) =>
        event.villages.reduce((s, v) => s + (model.counts[cellIndex(model, w, event.category, v)] as number), 0),
      );
      const median = [...series].sort((a, b) => a - b)[Math.floor(W / 2)] as number;
      const weeks = event.lastWeek - event.firstWeek + 1;
      const observed = sum(series.slice(event.firstWeek, event.lastWeek + 1));
      expect(observed).toBeGreaterThanOrEqual(2 * Math.max(1, median * weeks));
    }
  });

  it('are outbreaks of 1–4 weeks in neighbouring villages and drifts of 8–20 weeks, in the last two years', () => {
    for (const event of model.events) {
      const weeks = event.lastWeek - event.firstWeek + 1;
      expect(event.firstWeek).toBeGreaterThanOrEqual(W - 104);
      expect(event.lastWeek).toBeLessThan(W);
      if (event.kind === 'outbreak') {
        expect(weeks >= 1 && weeks <= 4).toBe(true);
        expect(event.multiplier >= 3 && event.multiplier <= 10).toBe(true);
        // Connected through shared borders.
        const reached = new Set<number | undefined>([event.villages[0]]);
        for (let round = 0; round < event.villages.length; round++) {
          for (const v of event.villages) {
            const neighbours = model.villages[v]?.neighbours.map((code) => byCode.get(code)) ?? [];
            if (neighbours.some((n) => reached.has(n))) {
              reached.add(v);
            }
          }
        }
        expect(reached.size).toBe(event.villages.length);
      } else {
        expect(weeks >= 8 && weeks <= 20).toBe(true);
      }
    }
    expect(model.events.filter((e) => e.kind === 'drift')).toHaveLength(4);
    expect(model.events.filter((e) => e.newTerm).length).toBeGreaterThanOrEqual(4);
  });

  it('keep drifts at their new level after the rise', () => {
    for (const event of model.events.filter((e) => e.kind === 'drift')) {
      for (let w = event.lastWeek + 1; w < W; w++) {
        for (const v of event.villages) {
          const i = cellIndex(model, w, event.category, v);
          expect((model.expected[i] as number) / (model.baseline[i] as number)).toBeCloseTo(event.multiplier, 9);
        }
      }
    }
  });

  it('are reported in the truth with what the series really got', () => {
    expect(demo.truth.events).toHaveLength(model.events.length);
    for (const [e, truth] of demo.truth.events.entries()) {
      const event = model.events[e];
      expect(truth.id).toBe(event?.id);
      expect(truth.firstWeek).toBe(calendar.weeks[event?.firstWeek ?? -1]);
      expect(truth.excessCount).toBe(Math.round(truth.observed - (model.eventStats[e]?.baseline ?? 0)));
      expect(truth.villageCodes.every((code) => byCode.has(code))).toBe(true);
      if (truth.kind === 'outbreak') {
        expect(truth.excessCount).toBeGreaterThan(0);
        expect(truth.multiplier).toBeGreaterThanOrEqual(3);
      }
    }
  });
});
