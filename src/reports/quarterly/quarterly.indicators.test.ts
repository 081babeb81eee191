import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INDICATORS,
  LOAD_INDICATORS,
  type LoadIndicator,
  loadScore,
  MIN_HANDLING_REFERENCE_MS,
  meanOf,
  nearestRank,
  type PlaceQuarter,
  ranksOf,
  rateScore,
  referencesOf,
  SCORE_KEYS,
  scoreChange,
  scorePlace,
  serviceParts,
} from './quarterly.indicators.js';

const HOUR = 3_600_000;

function place(
  overrides: Partial<PlaceQuarter> = {},
  loads: Partial<Record<LoadIndicator, number>> = {},
): PlaceQuarter {
  return {
    records: 100,
    loads: { safety: 10, environment: 20, marketOrder: 5, labour: 8, ...loads },
    overdue: 4,
    responseRate: 0.9,
    handlingMedian: 20 * HOUR,
    satisfactionRate: 0.8,
    ...overrides,
  };
}

const loadsArb = fc.record({
  safety: fc.nat(10_000),
  environment: fc.nat(10_000),
  marketOrder: fc.nat(10_000),
  labour: fc.nat(10_000),
});
const rateArb = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const placeArb: fc.Arbitrary<PlaceQuarter> = fc
  .record({
    records: fc.integer({ min: 1, max: 100_000 }),
    loads: loadsArb,
    overdue: fc.nat(100_000),
    responseRate: rateArb,
    handlingMedian: fc.option(fc.integer({ min: 0, max: 400 * HOUR }), { nil: null }),
    satisfactionRate: rateArb,
  })
  .map((pq) => ({ ...pq, overdue: Math.min(pq.overdue, pq.records) }));

describe('quarterly indicators', () => {
  it('takes nearest-rank percentiles', () => {
    expect(nearestRank([], 0.9)).toBeNull();
    expect(nearestRank([5], 0.9)).toBe(5);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([10, 1, 3, 2], 0.5)).toBe(2);
    expect(nearestRank([0, 0, 0], 0)).toBe(0);
  });

  it('scores a load against its reference, clipped to 0–100', () => {
    expect(loadScore(0, 40)).toBe(100);
    expect(loadScore(10, 40)).toBe(75);
    expect(loadScore(40, 40)).toBe(0);
    expect(loadScore(90, 40)).toBe(0);
    expect(loadScore(1, 3)).toBe(66.7);
    expect(loadScore(0, 0)).toBe(100);
    expect(() => loadScore(-1, 3)).toThrow(/^load/);
    expect(() => loadScore(1, Number.NaN)).toThrow(/^reference/);
  });

  it('takes the references from the window: P90 of the loads, twice the typical median', () => {
    const window = Array.from({ length: 10 }, (_, i) =>
      place({ handlingMedian: (i + 1) * HOUR }, { safety: i * 10, marketOrder: 0 }),
    );
    window.push(place({ records: 0, handlingMedian: 1000 * HOUR }, { safety: 9999 }));
    const refs = referencesOf(window);
    expect(refs.loads.safety).toBe(80);
    expect(refs.loads.marketOrder).toBe(1);
    expect(refs.handlingMedian).toBe(10 * HOUR);
    expect(referencesOf([]).handlingMedian).toBe(MIN_HANDLING_REFERENCE_MS);
    expect(referencesOf([]).loads.labour).toBe(1);
  });

  it('scores a place: loads, service parts, satisfaction and the composite', () => {
    const refs = { loads: { safety: 40, environment: 40, marketOrder: 10, labour: 16 }, handlingMedian: 40 * HOUR };
    const pq = place();
    expect(serviceParts(pq, refs)).toEqual({ response: 90, onTime: 96, handling: 50 });
    const scores = scorePlace(pq, refs);
    expect(scores).toEqual({
      safety: 75,
      environment: 50,
      marketOrder: 50,
      labour: 50,
      service: 78.7,
      satisfaction: 80,
      composite: meanOf([75, 50, 50, 50, 78.7, 80]),
    });
    // Without complaints or handled records, service is what remains; without ratings, satisfaction is missing.
    const quiet = scorePlace(place({ responseRate: null, handlingMedian: null, satisfactionRate: null }), refs);
    expect(quiet.service).toBe(96);
    expect(quiet.satisfaction).toBeNull();
    expect(quiet.composite).toBe(meanOf([75, 50, 50, 50, 96]));
    // No records: no data, no scores.
    expect(scorePlace(place({ records: 0 }), refs)).toEqual(Object.fromEntries(SCORE_KEYS.map((k) => [k, null])));
  });

  it('changes and ranks', () => {
    expect(scoreChange(80, 72.5)).toBe(7.5);
    expect(scoreChange(null, 1)).toBeNull();
    const ranks = ranksOf([
      { key: 'a', score: 70 },
      { key: 'b', score: 90 },
      { key: 'c', score: 70 },
      { key: 'd', score: null },
      { key: 'e', score: 10 },
    ]);
    expect([...ranks.entries()].sort()).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['e', 4],
    ]);
    expect(rateScore(null)).toBeNull();
    expect(rateScore(0.4567)).toBe(45.7);
    expect(() => rateScore(Number.POSITIVE_INFINITY)).toThrow(/^rate/);
  });

  it('keeps every score within 0–100 (property)', () => {
    fc.assert(
      fc.property(placeArb, fc.array(placeArb, { maxLength: 20 }), (pq, window) => {
        const scores = scorePlace(pq, referencesOf(window));
        for (const key of SCORE_KEYS) {
          const s = scores[key];
          if (s !== null) {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(100);
          }
        }
        for (const indicator of LOAD_INDICATORS) {
          expect(scores[indicator]).not.toBeNull();
        }
        expect(scores.composite).not.toBeNull();
      }),
    );
  });

  it('never raises a score for more problems, slower handling, more overdue or fewer answers (property)', () => {
    fc.assert(
      fc.property(
        placeArb,
        fc.array(placeArb, { minLength: 1, maxLength: 20 }),
        fc.constantFrom(...LOAD_INDICATORS),
        fc.nat(5_000),
        fc.nat(1_000),
        fc.integer({ min: 0, max: 100 * HOUR }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pq, window, indicator, more, moreOverdue, slower, lessAnswered) => {
          const refs = referencesOf(window);
          const base = scorePlace(pq, refs);
          const worse = scorePlace({ ...pq, loads: { ...pq.loads, [indicator]: pq.loads[indicator] + more } }, refs);
          expect(worse[indicator] as number).toBeLessThanOrEqual(base[indicator] as number);
          expect(worse.composite as number).toBeLessThanOrEqual(base.composite as number);
          const late = scorePlace({ ...pq, overdue: Math.min(pq.records, pq.overdue + moreOverdue) }, refs);
          expect(late.service as number).toBeLessThanOrEqual(base.service as number);
          if (pq.handlingMedian !== null) {
            const slow = scorePlace({ ...pq, handlingMedian: pq.handlingMedian + slower }, refs);
            expect(slow.service as number).toBeLessThanOrEqual(base.service as number);
          }
          if (pq.responseRate !== null) {
            const rate = pq.responseRate * lessAnswered;
            const unanswered = scorePlace({ ...pq, responseRate: rate }, refs);
            expect(unanswered.service as number).toBeLessThanOrEqual(base.service as number);
          }
          if (pq.satisfactionRate !== null) {
            const rate = pq.satisfactionRate * lessAnswered;
            const unhappy = scorePlace({ ...pq, satisfactionRate: rate }, refs);
            expect(unhappy.satisfaction as number).toBeLessThanOrEqual(base.satisfaction as number);
          }
        },
      ),
    );
  });

  it('scores the same load lower against a lower reference (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), fc.nat(10_000), (load, ref, more) => {
        expect(loadScore(load, ref)).toBeLessThanOrEqual(loadScore(load, ref + more));
      }),
    );
  });

  it('lists six indicators, four of them loads', () => {
    expect(INDICATORS).toHaveLength(6);
    expect(LOAD_INDICATORS.every((i) => (INDICATORS as readonly string[]).includes(i))).toBe(true);
  });
});
