import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './day.js';
import { monthOf, monthStart } from './month.js';
import {
  addQuarters,
  makeQuarter,
  parseQuarter,
  quarterEnd,
  quarterOf,
  quarterParts,
  quarterStart,
  quartersBetween,
} from './quarter.js';
import { day, expectInvalid, fieldName, garbage, resultOrInvalid } from './testing.js';

const quarter = day.map(quarterOf);

describe('quarters', () => {
  it('knows known answers', () => {
    expect(quarterOf('2025-04-01')).toBe('2025Q2');
    expect(quarterOf('2025-03-31')).toBe('2025Q1');
    expect(quarterOf('2025-12-31')).toBe('2025Q4');
    expect(quarterStart('2025Q2')).toBe('2025-04-01');
    expect(quarterEnd('2025Q2')).toBe('2025-06-30');
    expect(quarterEnd('2024Q1')).toBe('2024-03-31');
    expect(quarterEnd('2299Q4')).toBe('2299-12-31');
    expect(addQuarters('2025Q4', 1)).toBe('2026Q1');
    expect(addQuarters('2025Q1', -1)).toBe('2024Q4');
    expect(quartersBetween('2024Q4', '2026Q1')).toBe(5);
    expect(makeQuarter(2025, 2)).toBe('2025Q2');
    expect(quarterParts('2025Q2')).toEqual({ year: 2025, quarter: 2 });
  });

  it('accepts 2025Q2, 2025-Q2 and 2025q2, always answering 2025Q2', () => {
    for (const input of ['2025Q2', '2025-Q2', '2025q2', '2025-q2']) {
      expect(parseQuarter(input)).toBe('2025Q2');
    }
  });

  it('tiles the calendar with three whole months each', () => {
    fc.assert(
      fc.property(day, (d) => {
        const q = quarterOf(d);
        expect(daysBetween(quarterStart(q), d)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(d, quarterEnd(q))).toBeGreaterThanOrEqual(0);
        expect(quarterOf(monthStart(monthOf(d)))).toBe(q);
        expect(quarterStart(q).slice(5, 7)).toMatch(/^(01|04|07|10)$/);
        if (q !== '2299Q4') {
          expect(addDays(quarterEnd(q), 1)).toBe(quarterStart(addQuarters(q, 1)));
        }
      }),
    );
  });

  it('makes addQuarters and quartersBetween inverse', () => {
    fc.assert(
      fc.property(quarter, fc.integer({ min: -800, max: 800 }), (q, n) => {
        const moved = resultOrInvalid(() => addQuarters(q, n), 'n');
        if (moved !== undefined) {
          expect(quartersBetween(q, moved)).toBe(n);
          expect(addQuarters(moved, -n)).toBe(q);
        }
      }),
    );
  });

  it('round-trips through parse and parts', () => {
    fc.assert(
      fc.property(quarter, (q) => {
        expect(parseQuarter(q)).toBe(q);
        expect(parseQuarter(q.replace('Q', '-q'))).toBe(q);
        const { year, quarter: number } = quarterParts(q);
        expect(makeQuarter(year, number)).toBe(q);
      }),
    );
  });

  it('rejects bad quarters, naming the field', () => {
    expectInvalid(() => parseQuarter('2025Q5'), 'quarter', 'quarters run Q1 to Q4');
    expectInvalid(() => parseQuarter('2025Q0', 'filters.quarter'), 'filters.quarter', '2025Q0 is not a quarter');
    for (const input of ['Q2', '2025Q', '2025 Q2', '2025Q12', '2025-2', 20252]) {
      expectInvalid(() => parseQuarter(input), 'quarter', 'expected a quarter');
    }
    expectInvalid(() => addQuarters('1900Q1', -1), 'n', 'outside the supported calendar');
    expectInvalid(() => makeQuarter(2025, 0), 'quarter');
  });

  it('returns a valid quarter or an invalid_input error naming the field, never a crash', () => {
    fc.assert(
      fc.property(garbage, fieldName, (input, field) => {
        const parsed = resultOrInvalid(() => parseQuarter(input, field), field);
        if (parsed !== undefined) {
          expect(parsed).toMatch(/^\d{4}Q[1-4]$/);
        }
      }),
    );
  });
});
