import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysBetween, parseDay, startOfDay, weekdayOf } from './day.js';
import { anyInstant, dateDayNumber, day, expectInvalid, fieldName, garbage, resultOrInvalid } from './testing.js';

const HOUR = 3_600_000;

describe('dayOf and startOfDay', () => {
  it('puts an instant on its Asia/Shanghai day, changing day at 16:00 UTC', () => {
    expect(dayOf(Date.UTC(2024, 0, 1, 15, 59, 59, 999))).toBe('2024-01-01');
    expect(dayOf(Date.UTC(2024, 0, 1, 16))).toBe('2024-01-02');
    expect(dayOf(Date.UTC(2023, 11, 31, 16))).toBe('2024-01-01');
    expect(dayOf(0)).toBe('1970-01-01');
    expect(dayOf(-8 * HOUR - 1)).toBe('1969-12-31');
  });

  it('starts a day at 00:00 UTC+8', () => {
    expect(startOfDay('2024-01-01')).toBe(Date.UTC(2023, 11, 31, 16));
    expect(startOfDay('1970-01-01')).toBe(-8 * HOUR);
    expect(startOfDay('1900-01-01')).toBe(Date.UTC(1899, 11, 31, 16));
  });

  it('agrees with Date shifted by eight hours for every instant of the calendar', () => {
    fc.assert(
      fc.property(anyInstant, (ms) => {
        expect(dayOf(ms)).toBe(new Date(ms + 8 * HOUR).toISOString().slice(0, 10));
      }),
    );
  });

  it('round-trips: a day starts on itself and the instant before belongs to the day before', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(dayOf(startOfDay(d))).toBe(d);
        if (d !== '1900-01-01') {
          expect(dayOf(startOfDay(d) - 1)).toBe(addDays(d, -1));
        }
      }),
    );
  });

  it('rejects instants that are not integers or fall outside the calendar', () => {
    expectInvalid(() => dayOf(Number.NaN), 'ms', 'expected an integer');
    expectInvalid(() => dayOf(1.5), 'ms');
    expectInvalid(() => dayOf(Date.UTC(2300, 0, 1)), 'ms', 'outside the supported calendar');
    expectInvalid(() => dayOf(Date.UTC(1899, 11, 31)), 'ms', 'outside the supported calendar');
  });
});

describe('day arithmetic', () => {
  it('knows month ends and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('1900-01-01', '2299-12-31')).toBe(146_096);
  });

  it('numbers weekdays Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2024-01-01')).toBe(1);
    expect(weekdayOf('2021-01-03')).toBe(7);
    expect(weekdayOf('1900-01-01')).toBe(1);
    expect(weekdayOf('2299-12-31')).toBe(7);
  });

  it('agrees with Date on weekdays and day counts', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(weekdayOf(a)).toBe(new Date(`${a}T00:00:00Z`).getUTCDay() || 7);
        expect(daysBetween(a, b)).toBe(dateDayNumber(b) - dateDayNumber(a));
      }),
    );
  });

  it('makes addDays and daysBetween inverse', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(addDays(a, daysBetween(a, b))).toBe(b);
      }),
    );
  });

  it('refuses to leave the calendar, naming the count', () => {
    expectInvalid(() => addDays('2299-12-31', 1), 'n', 'outside the supported calendar');
    expectInvalid(() => addDays('1900-01-01', -1), 'n');
    expectInvalid(() => addDays('2024-01-01', 0.5), 'n', 'expected an integer');
    expectInvalid(() => daysBetween('2024-01-01', '2024-1-2'), 'b');
  });
});

describe('parseDay', () => {
  it('accepts real dates, including 29 February of leap years', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2000-02-29')).toBe('2000-02-29');
    expect(parseDay('2299-12-31')).toBe('2299-12-31');
  });

  it('rejects dates that do not exist, saying why', () => {
    expectInvalid(() => parseDay('2024-02-30'), 'day', '2024-02 has 29 days');
    expectInvalid(() => parseDay('2023-02-29'), 'day', '2023-02 has 28 days');
    expectInvalid(() => parseDay('1900-02-29'), 'day', '1900-02 has 28 days');
    expectInvalid(() => parseDay('2024-13-01'), 'day', 'no month 13');
    expectInvalid(() => parseDay('2024-00-10'), 'day', 'no month 00');
    expectInvalid(() => parseDay('2024-04-00'), 'day', 'not a real date');
  });

  it('rejects other shapes and slipped years, naming the field', () => {
    for (const text of [
      '2024/01/02',
      '2024-1-2',
      '20240102',
      ' 2024-01-02',
      '2024-01-02T00:00',
      '２０２４-01-02',
      '',
    ]) {
      expectInvalid(() => parseDay(text, 'receivedDay'), 'receivedDay', 'expected a date YYYY-MM-DD');
    }
    expectInvalid(() => parseDay('0224-05-01'), 'day', 'year 224 is outside the supported calendar');
    expectInvalid(() => parseDay('3024-05-01'), 'day', 'outside the supported calendar');
    expectInvalid(() => parseDay(20240102), 'day', 'got 20240102');
    expectInvalid(() => parseDay(null), 'day', 'got nothing');
    expectInvalid(() => parseDay('x'.repeat(10_000)), 'day', '…');
  });

  it('returns valid input unchanged and rejects everything else with invalid_input, never a crash', () => {
    fc.assert(
      fc.property(garbage, fieldName, (input, field) => {
        const parsed = resultOrInvalid(() => parseDay(input, field), field);
        if (parsed !== undefined) {
          expect(parsed).toBe(input);
        }
      }),
    );
  });
});
