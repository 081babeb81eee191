import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, startOfDay } from './day.js';
import {
  addPeriods,
  formatPeriod,
  type Period,
  type PeriodKind,
  parsePeriod,
  periodOf,
  periodRange,
  previousPeriod,
  samePeriodLastYear,
} from './period.js';
import { day, expectInvalid, fieldName, garbage, resultOrInvalid } from './testing.js';

const DAY_MS = 86_400_000;
const kind = fc.constantFrom<PeriodKind>('day', 'week', 'month', 'quarter', 'year');
const period = fc.tuple(kind, day).map(([k, d]) => periodOf(k, d));

describe('parsePeriod and formatPeriod', () => {
  it('recognises every form', () => {
    expect(parsePeriod('2025-06-01')).toEqual({ kind: 'day', day: '2025-06-01' });
    expect(parsePeriod('2025W23')).toEqual({ kind: 'week', week: 202523 });
    expect(parsePeriod('2025-W23')).toEqual({ kind: 'week', week: 202523 });
    expect(parsePeriod('2025-06')).toEqual({ kind: 'month', month: '2025-06' });
    expect(parsePeriod('2025Q2')).toEqual({ kind: 'quarter', quarter: '2025Q2' });
    expect(parsePeriod('2025-q2')).toEqual({ kind: 'quarter', quarter: '2025Q2' });
    expect(parsePeriod('2025')).toEqual({ kind: 'year', year: 2025 });
  });

  it('lets the kind judge the value, and refuses six bare digits as ambiguous', () => {
    expectInvalid(() => parsePeriod('2025W53', 'filters.period'), 'filters.period', '2025 has 52 ISO weeks');
    expectInvalid(() => parsePeriod('2024-02-30'), 'period', '2024-02 has 29 days');
    expectInvalid(() => parsePeriod('2025Q5'), 'period', 'quarters run Q1 to Q4');
    expectInvalid(() => parsePeriod('202506'), 'period', 'write 2025W06 for a week or 2025-06 for a month');
    expectInvalid(() => parsePeriod('1850'), 'period', 'outside the supported calendar');
    for (const input of ['', 'last week', '2025-6', '2025/06', 2025, null]) {
      expectInvalid(() => parsePeriod(input), 'period', 'expected a day (2025-06-01), week (2025W23)');
    }
  });

  it('round-trips every period through its text', () => {
    fc.assert(
      fc.property(period, (p) => {
        expect(parsePeriod(formatPeriod(p))).toEqual(p);
      }),
    );
  });

  it('returns a period or an invalid_input error naming the field, never a crash', () => {
    fc.assert(
      fc.property(garbage, fieldName, (input, field) => {
        const parsed = resultOrInvalid(() => parsePeriod(input, field), field);
        if (parsed !== undefined) {
          expect(formatPeriod(parsed)).toBe(formatPeriod(parsePeriod(formatPeriod(parsed))));
        }
      }),
    );
  });
});

describe('periodRange', () => {
  it('gives days and instants in town time', () => {
    expect(periodRange({ kind: 'week', week: 202053 })).toEqual({
      fromDay: '2020-12-28',
      toDay: '2021-01-03',
      fromMs: Date.UTC(2020, 11, 27, 16),
      toMsExclusive: Date.UTC(2021, 0, 3, 16),
    });
    expect(periodRange(parsePeriod('2024'))).toMatchObject({ fromDay: '2024-01-01', toDay: '2024-12-31' });
    expect(periodRange(parsePeriod('2299')).toMsExclusive).toBe(Date.UTC(2299, 11, 31, 16));
  });

  it('contains the day it was made from, spans whole days, and meets the next period exactly', () => {
    fc.assert(
      fc.property(kind, day, (k, d) => {
        const p = periodOf(k, d);
        const range = periodRange(p);
        expect(daysBetween(range.fromDay, d)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(d, range.toDay)).toBeGreaterThanOrEqual(0);
        expect(range.fromMs).toBe(startOfDay(range.fromDay));
        expect(range.toMsExclusive - range.fromMs).toBe((daysBetween(range.fromDay, range.toDay) + 1) * DAY_MS);
        const next = resultOrInvalid(() => addPeriods(p, 1), 'n');
        if (next !== undefined) {
          expect(periodRange(next).fromMs).toBe(range.toMsExclusive);
          expect(periodRange(next).fromDay).toBe(addDays(range.toDay, 1));
        }
      }),
    );
  });
});

describe('previousPeriod (环比) and samePeriodLastYear (同比)', () => {
  const cases: Array<[string, string, string]> = [
    ['2025-03-01', '2025-02-28', '2024-03-01'],
    ['2024-02-29', '2024-02-28', '2023-02-28'],
    ['2025W01', '2024W52', '2024W01'],
    ['2021W01', '2020W53', '2020W01'],
    ['2026W53', '2026W52', '2025W52'],
    ['2025-01', '2024-12', '2024-01'],
    ['2025Q1', '2024Q4', '2024Q1'],
    ['2025', '2024', '2024'],
  ];
  it.each(cases)('%s: previous %s, a year ago %s', (text, previous, lastYear) => {
    const p = parsePeriod(text);
    expect(formatPeriod(previousPeriod(p))).toBe(previous);
    expect(formatPeriod(samePeriodLastYear(p))).toBe(lastYear);
  });

  it('keeps the kind, steps back one period and lands in the previous year', () => {
    fc.assert(
      fc.property(period, (p: Period) => {
        fc.pre(periodRange(p).fromDay >= '1901-01-07');
        const previous = previousPeriod(p);
        expect(previous.kind).toBe(p.kind);
        expect(periodRange(previous).toMsExclusive).toBe(periodRange(p).fromMs);
        const lastYear = samePeriodLastYear(p);
        expect(lastYear.kind).toBe(p.kind);
        expect(Number(formatPeriod(lastYear).slice(0, 4))).toBe(Number(formatPeriod(p).slice(0, 4)) - 1);
      }),
    );
  });

  it('refuses to step out of the calendar', () => {
    expectInvalid(() => previousPeriod(parsePeriod('1900')), 'n', 'outside the supported calendar');
    expectInvalid(() => samePeriodLastYear(parsePeriod('1900-06-01')), 'period', 'outside the supported calendar');
    expectInvalid(() => addPeriods(parsePeriod('2299Q4'), 1), 'n');
  });
});
