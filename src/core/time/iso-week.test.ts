import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, weekdayOf } from './day.js';
import {
  addWeeks,
  formatWeek,
  isoWeekOf,
  makeWeek,
  parseWeek,
  sameWeekLastYear,
  weekEnd,
  weekParts,
  weekStart,
  weeksBetween,
  weeksInYear,
} from './iso-week.js';
import { day, expectInvalid, fieldName, garbage, resultOrInvalid } from './testing.js';

/** ISO week by the textbook Date recipe (move to the Thursday, count weeks from 1 January): our oracle. */
function dateIsoWeek(text: string): number {
  const date = new Date(`${text}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const year = date.getUTCFullYear();
  return year * 100 + Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
}

const week = day.map(isoWeekOf);
const weekCount = fc.integer({ min: -600, max: 600 });

describe('ISO weeks: known answers', () => {
  it('puts New Year days in the right week-year', () => {
    expect(isoWeekOf('2021-01-03')).toBe(202053);
    expect(isoWeekOf('2021-01-04')).toBe(202101);
    expect(isoWeekOf('2026-01-01')).toBe(202601);
    expect(isoWeekOf('2024-12-30')).toBe(202501);
    expect(isoWeekOf('2027-01-01')).toBe(202653);
    expect(isoWeekOf('2008-12-29')).toBe(200901);
    expect(isoWeekOf('2010-01-03')).toBe(200953);
    expect(isoWeekOf('2025-06-02')).toBe(202523);
  });

  it('knows which years have 53 weeks', () => {
    const longYears = [];
    for (let year = 2000; year <= 2030; year++) {
      if (weeksInYear(year) === 53) {
        longYears.push(year);
      }
    }
    expect(longYears).toEqual([2004, 2009, 2015, 2020, 2026]);
  });

  it('has 71 long years in the 400-year Gregorian cycle the calendar spans', () => {
    let longYears = 0;
    for (let year = 1900; year <= 2299; year++) {
      longYears += weeksInYear(year) === 53 ? 1 : 0;
    }
    expect(longYears).toBe(71);
  });

  it('starts and ends weeks on Monday and Sunday, across the year end', () => {
    expect(weekStart(202053)).toBe('2020-12-28');
    expect(weekEnd(202053)).toBe('2021-01-03');
    expect(weekStart(202501)).toBe('2024-12-30');
    expect(weekStart(190001)).toBe('1900-01-01');
    expect(weekEnd(229952)).toBe('2299-12-31');
  });

  it('adds and counts weeks across 53-week years', () => {
    expect(addWeeks(202052, 1)).toBe(202053);
    expect(addWeeks(202053, 1)).toBe(202101);
    expect(addWeeks(202152, 1)).toBe(202201);
    expect(addWeeks(202101, -1)).toBe(202053);
    expect(weeksBetween(202001, 202101)).toBe(53);
    expect(weeksBetween(202101, 202201)).toBe(52);
  });

  it('compares week 53 with week 52 when last year had no week 53', () => {
    expect(sameWeekLastYear(202653)).toBe(202552);
    expect(sameWeekLastYear(202053)).toBe(201952);
    expect(sameWeekLastYear(202652)).toBe(202552);
    expect(sameWeekLastYear(202101)).toBe(202001);
    expect(sameWeekLastYear(202153 - 100)).toBe(201953 - 1);
    expectInvalid(() => sameWeekLastYear(190001), 'week', 'no previous year');
  });
});

describe('ISO weeks: properties', () => {
  it('agrees with the Date recipe on every day', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(isoWeekOf(d)).toBe(dateIsoWeek(d));
      }),
    );
  });

  it('starts every week on a Monday that belongs to it, and ends it six days later', () => {
    fc.assert(
      fc.property(week, (w) => {
        expect(weekdayOf(weekStart(w))).toBe(1);
        expect(isoWeekOf(weekStart(w))).toBe(w);
        expect(isoWeekOf(weekEnd(w))).toBe(w);
        expect(daysBetween(weekStart(w), weekEnd(w))).toBe(6);
      }),
    );
  });

  it('maps consecutive days to the same week or the next one', () => {
    fc.assert(
      fc.property(day, (d) => {
        fc.pre(d !== '2299-12-31');
        const next = isoWeekOf(addDays(d, 1));
        expect(next === isoWeekOf(d) || next === addWeeks(isoWeekOf(d), 1)).toBe(true);
        expect(next === isoWeekOf(d)).toBe(weekdayOf(d) !== 7);
      }),
    );
  });

  it('makes addWeeks and weeksBetween inverse', () => {
    fc.assert(
      fc.property(week, weekCount, (w, n) => {
        const moved = resultOrInvalid(() => addWeeks(w, n), 'n');
        if (moved !== undefined) {
          expect(weeksBetween(w, moved)).toBe(n);
          expect(addWeeks(moved, -n)).toBe(w);
          expect(daysBetween(weekStart(w), weekStart(moved))).toBe(7 * n);
        }
      }),
    );
    fc.assert(
      fc.property(week, week, (a, b) => {
        expect(addWeeks(a, weeksBetween(a, b))).toBe(b);
      }),
    );
  });

  it('has weeksInYear weeks in a year: the last is the week of 28 December', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2299 }), (year) => {
        expect(weeksInYear(year)).toBe(isoWeekOf(`${year}-12-28`) % 100);
        if (year < 2299) {
          expect(addWeeks(makeWeek(year, weeksInYear(year)), 1)).toBe((year + 1) * 100 + 1);
        }
      }),
    );
  });

  it('round-trips through every written form', () => {
    fc.assert(
      fc.property(week, (w) => {
        const { year, week: number } = weekParts(w);
        expect(makeWeek(year, number)).toBe(w);
        expect(parseWeek(formatWeek(w))).toBe(w);
        expect(parseWeek(formatWeek(w).replace('W', '-W'))).toBe(w);
        expect(parseWeek(String(w))).toBe(w);
        expect(parseWeek(w)).toBe(w);
      }),
    );
  });

  it('compares a week with a real week of the previous year', () => {
    fc.assert(
      fc.property(week, (w) => {
        fc.pre(w >= 190100);
        const last = sameWeekLastYear(w);
        expect(weekParts(last).year).toBe(weekParts(w).year - 1);
        expect(weekParts(last).week).toBe(Math.min(weekParts(w).week, weeksInYear(weekParts(w).year - 1)));
      }),
    );
  });
});

describe('parseWeek', () => {
  it('accepts 2025W23, 2025-W23, 2025w23, 202523 and the integer 202523', () => {
    for (const input of ['2025W23', '2025-W23', '2025w23', '202523', 202523]) {
      expect(parseWeek(input)).toBe(202523);
    }
    expect(parseWeek('2020W53')).toBe(202053);
    expect(formatWeek(202503)).toBe('2025W03');
  });

  it('rejects weeks that do not exist, saying how many the year has', () => {
    expectInvalid(() => parseWeek('2025W00'), 'week', '2025W00 does not exist: 2025 has 52 ISO weeks');
    expectInvalid(() => parseWeek('2026W54'), 'week', '2026 has 53 ISO weeks');
    expectInvalid(() => parseWeek('2025W53', 'rows.3.week'), 'rows.3.week', '2025W53 does not exist');
    expectInvalid(() => parseWeek(202553), 'week', '2025W53 does not exist');
    expectInvalid(() => parseWeek('3025W01'), 'week', 'outside the supported calendar');
    expectInvalid(() => makeWeek(2025, 53), 'week', '2025W53 does not exist');
  });

  it('rejects other shapes, naming the field', () => {
    for (const input of [
      'W23',
      '2025W3',
      '2025 W23',
      '2025--W23',
      '2025-23',
      '25W23',
      '2025W023',
      '',
      2025.23,
      -202523,
    ]) {
      expectInvalid(() => parseWeek(input, 'filters.week'), 'filters.week', 'expected an ISO week');
    }
    expectInvalid(() => formatWeek(2025), 'week', 'expected an ISO week');
    expectInvalid(() => weekStart(Number.NaN), 'week');
  });

  it('returns a valid week or an invalid_input error naming the field, never a crash', () => {
    fc.assert(
      fc.property(garbage, fieldName, (input, field) => {
        const parsed = resultOrInvalid(() => parseWeek(input, field), field);
        if (parsed !== undefined) {
          expect(parseWeek(formatWeek(parsed))).toBe(parsed);
        }
      }),
    );
  });
});
