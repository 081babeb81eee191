import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './day.js';
import { addMonths, makeMonth, monthEnd, monthOf, monthParts, monthStart, monthsBetween, parseMonth } from './month.js';
import { day, expectInvalid, fieldName, garbage, resultOrInvalid } from './testing.js';

const month = day.map(monthOf);
const monthCount = fc.integer({ min: -2400, max: 2400 });

describe('months', () => {
  it('knows known answers', () => {
    expect(monthOf('2025-06-30')).toBe('2025-06');
    expect(monthStart('2025-06')).toBe('2025-06-01');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2100-02')).toBe('2100-02-28');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
    expect(addMonths('2025-11', 2)).toBe('2026-01');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(monthsBetween('2024-12', '2026-01')).toBe(13);
    expect(makeMonth(2025, 6)).toBe('2025-06');
    expect(monthParts('2025-06')).toEqual({ year: 2025, month: 6 });
  });

  it('has the month lengths of Date', () => {
    fc.assert(
      fc.property(month, (m) => {
        const { year, month: number } = monthParts(m);
        const length = new Date(Date.UTC(year, number, 0)).getUTCDate();
        expect(daysBetween(monthStart(m), monthEnd(m)) + 1).toBe(length);
      }),
    );
  });

  it('tiles the calendar: a month ends the day before the next one starts, and owns its days', () => {
    fc.assert(
      fc.property(day, (d) => {
        const m = monthOf(d);
        expect(daysBetween(monthStart(m), d)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(d, monthEnd(m))).toBeGreaterThanOrEqual(0);
        if (m !== '2299-12') {
          expect(addDays(monthEnd(m), 1)).toBe(monthStart(addMonths(m, 1)));
        }
      }),
    );
  });

  it('makes addMonths and monthsBetween inverse', () => {
    fc.assert(
      fc.property(month, monthCount, (m, n) => {
        const moved = resultOrInvalid(() => addMonths(m, n), 'n');
        if (moved !== undefined) {
          expect(monthsBetween(m, moved)).toBe(n);
          expect(addMonths(moved, -n)).toBe(m);
        }
      }),
    );
  });

  it('round-trips through parse and parts', () => {
    fc.assert(
      fc.property(month, (m) => {
        expect(parseMonth(m)).toBe(m);
        const { year, month: number } = monthParts(m);
        expect(makeMonth(year, number)).toBe(m);
      }),
    );
  });

  it('rejects bad months, naming the field', () => {
    expectInvalid(() => parseMonth('2025-13'), 'month', 'months run 01 to 12');
    expectInvalid(() => parseMonth('2025-00', 'rows.7.month'), 'rows.7.month', 'not a month');
    for (const input of ['2025-6', '202506', '2025/06', '2025-06-01', 'June', 202506]) {
      expectInvalid(() => parseMonth(input), 'month', 'expected a month YYYY-MM');
    }
    expectInvalid(() => parseMonth('1899-12'), 'month', 'outside the supported calendar');
    expectInvalid(() => addMonths('2299-12', 1), 'n', 'outside the supported calendar');
    expectInvalid(() => makeMonth(2025, 13), 'month');
  });

  it('returns a valid month or an invalid_input error naming the field, never a crash', () => {
    fc.assert(
      fc.property(garbage, fieldName, (input, field) => {
        const parsed = resultOrInvalid(() => parseMonth(input, field), field);
        if (parsed !== undefined) {
          expect(parsed).toBe(input);
        }
      }),
    );
  });
});
