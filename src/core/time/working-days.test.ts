import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingDay } from './cn-calendar.js';
import { addDays, dayOf, startOfDay } from './day.js';
import { dataDay, dataInstant, expectInvalid, resultOrInvalid } from './testing.js';
import { addWorkingDays, deadlineAfter, workingDaysBetween, workingTimeBetween } from './working-days.js';

const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;

/** An instant given in town time (UTC+8). */
function townTime(day: string, hours: number, minutes = 0): number {
  return startOfDay(day) + hours * HOUR + minutes * 60_000;
}

/** Working time by walking the days one by one: the oracle for the closed form. */
function walkedWorkingTime(fromMs: number, toMs: number): number {
  let total = 0;
  for (let start = startOfDay(dayOf(fromMs)); start < toMs; start += DAY_MS) {
    if (isWorkingDay(dayOf(start))) {
      total += Math.min(toMs, start + DAY_MS) - Math.max(fromMs, start);
    }
  }
  return total;
}

const workingDayCount = fc.integer({ min: 0, max: 60 });

describe('addWorkingDays: the deadline day', () => {
  it('does not count the day of receipt and skips weekends and holidays', () => {
    expect(addWorkingDays('2024-09-30', 1)).toBe('2024-10-08'); // over National Day
    expect(addWorkingDays('2024-09-27', 1)).toBe('2024-09-29'); // a Sunday make-up working day
    expect(addWorkingDays('2024-09-28', 1)).toBe('2024-09-29'); // received on a rest day
    expect(addWorkingDays('2024-02-08', 2)).toBe('2024-02-18'); // 2/9, then the Spring Festival, then Sunday 2/18
    expect(addWorkingDays('2024-06-07', 1)).toBe('2024-06-11'); // Dragon Boat Monday
    expect(addWorkingDays('2025-06-13', 5)).toBe('2025-06-20');
    expect(addWorkingDays('2025-06-13', 0)).toBe('2025-06-13');
    expect(addWorkingDays('2024-10-08', -1)).toBe('2024-09-30');
    expect(addWorkingDays('2014-09-30', 1)).toBe('2014-10-01'); // before the data: weekends only
  });

  it('lands on a working day with exactly n working days after the start', () => {
    fc.assert(
      fc.property(dataDay, workingDayCount, (day, n) => {
        fc.pre(n > 0);
        const deadline = addWorkingDays(day, n);
        expect(isWorkingDay(deadline)).toBe(true);
        expect(workingDaysBetween(day, deadline)).toBe(n);
        // …and it is the first such day: one day earlier, a working day is still missing.
        expect(workingDaysBetween(day, addDays(deadline, -1))).toBe(n - 1);
      }),
    );
  });

  it('counts backwards symmetrically from a working day', () => {
    fc.assert(
      fc.property(dataDay, workingDayCount, (day, n) => {
        fc.pre(isWorkingDay(day));
        const earlier = addWorkingDays(day, -n);
        expect(workingDaysBetween(earlier, day)).toBe(n);
        expect(addWorkingDays(earlier, n)).toBe(day);
      }),
    );
  });

  it('rejects bad arguments, naming them', () => {
    expectInvalid(() => addWorkingDays('2024-02-30', 1), 'day');
    expectInvalid(() => addWorkingDays('2024-02-01', 1.5), 'n', 'expected an integer');
    expectInvalid(() => addWorkingDays('2299-12-29', 5), 'n', 'outside the supported calendar');
  });
});

describe('deadlineAfter', () => {
  it('ends at 24:00 town time of the deadline day, whatever the time of receipt', () => {
    const end = townTime('2024-10-09', 0);
    expect(deadlineAfter(townTime('2024-09-30', 0), 1)).toBe(end);
    expect(deadlineAfter(townTime('2024-09-30', 15, 30), 1)).toBe(end);
    expect(deadlineAfter(townTime('2024-09-30', 23, 59), 1)).toBe(end);
    expect(deadlineAfter(townTime('2024-09-30', 10), 0)).toBe(townTime('2024-10-01', 0));
  });

  it('leaves exactly n whole working days after the day of receipt', () => {
    fc.assert(
      fc.property(dataInstant, workingDayCount, (ms, n) => {
        const deadline = deadlineAfter(ms, n);
        expect(deadline).toBe(startOfDay(addDays(addWorkingDays(dayOf(ms), n), 1)));
        expect(workingTimeBetween(startOfDay(addDays(dayOf(ms), 1)), deadline)).toBe(n * DAY_MS);
      }),
    );
  });

  it('rejects bad arguments, naming them', () => {
    expectInvalid(() => deadlineAfter(Number.NaN, 5), 'ms', 'expected an integer');
    expectInvalid(() => deadlineAfter(Date.UTC(2024, 0, 1), -1), 'workingDays', 'must not be negative');
    expectInvalid(() => deadlineAfter(Date.UTC(2024, 0, 1), 2.5), 'workingDays');
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days in (a, b]', () => {
    expect(workingDaysBetween('2024-09-30', '2024-10-08')).toBe(1);
    expect(workingDaysBetween('2024-10-08', '2024-09-30')).toBe(-1);
    expect(workingDaysBetween('2024-10-01', '2024-10-07')).toBe(0);
    expect(Object.is(workingDaysBetween('2024-10-07', '2024-10-01'), 0)).toBe(true);
    // Working days of whole years, as the press counts them from the notices: 251 in 2024, 248 in 2025.
    expect(workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251);
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });

  it('agrees with walking the days, across the data and beyond it', () => {
    fc.assert(
      fc.property(dataDay, fc.integer({ min: 0, max: 400 }), (a, length) => {
        const b = addDays(a, length);
        let walked = 0;
        for (let day = a; day !== b; ) {
          day = addDays(day, 1);
          walked += isWorkingDay(day) ? 1 : 0;
        }
        expect(workingDaysBetween(a, b)).toBe(walked);
        expect(workingDaysBetween(b, a)).toBe(0 - walked);
      }),
    );
  });
});

describe('workingTimeBetween', () => {
  it('counts whole 24-hour working days, stopping on rest days only', () => {
    // Friday 18:00 to Monday 09:00 of an ordinary week: 6 h + 9 h.
    expect(workingTimeBetween(townTime('2025-06-13', 18), townTime('2025-06-16', 9))).toBe(15 * HOUR);
    // Friday 18:00 before National Day 2024 to Tuesday 06:00 after: 6 h + Sun 29th + Mon 30th + 6 h.
    expect(workingTimeBetween(townTime('2024-09-27', 18), townTime('2024-10-08', 6))).toBe(60 * HOUR);
    expect(workingTimeBetween(townTime('2024-10-02', 8), townTime('2024-10-03', 20))).toBe(0);
    expect(workingTimeBetween(townTime('2025-06-16', 9), townTime('2025-06-16', 17))).toBe(8 * HOUR);
    expect(workingTimeBetween(townTime('2025-06-16', 9), townTime('2025-06-13', 18))).toBe(-15 * HOUR);
    expect(Object.is(workingTimeBetween(townTime('2025-06-15', 9), townTime('2025-06-14', 9)), 0)).toBe(true);
  });

  const pair = fc.tuple(dataInstant, fc.integer({ min: 0, max: 120 * DAY_MS })).map(([from, length]) => {
    return [from, from + length] as const;
  });

  it('never exceeds calendar time and agrees with walking the days', () => {
    fc.assert(
      fc.property(pair, ([from, to]) => {
        const working = workingTimeBetween(from, to);
        expect(working).toBeGreaterThanOrEqual(0);
        expect(working).toBeLessThanOrEqual(to - from);
        expect(working).toBe(walkedWorkingTime(from, to));
        expect(workingTimeBetween(to, from)).toBe(0 - working);
      }),
    );
  });

  it('adds up over consecutive intervals', () => {
    fc.assert(
      fc.property(dataInstant, dataInstant, dataInstant, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
        expect(workingTimeBetween(x, y) + workingTimeBetween(y, z)).toBe(workingTimeBetween(x, z));
      }),
    );
  });

  it('rejects instants that are not integers or leave the calendar, naming them', () => {
    expectInvalid(() => workingTimeBetween(1.5, 0), 'fromMs', 'expected an integer');
    expectInvalid(() => workingTimeBetween(0, Number.POSITIVE_INFINITY), 'toMs');
    expectInvalid(() => workingTimeBetween(0, Date.UTC(2400, 0, 1)), 'toMs', 'outside the supported calendar');
  });

  it('gives invalid_input for any bad argument, never a crash', () => {
    fc.assert(
      fc.property(fc.string(), fc.double(), (text, number) => {
        resultOrInvalid(() => addWorkingDays(text, 1), 'day');
        resultOrInvalid(() => workingDaysBetween('2025-01-01', text), 'b');
        resultOrInvalid(() => workingTimeBetween(number, 0), 'fromMs');
        resultOrInvalid(() => deadlineAfter(number, 1), 'ms');
      }),
    );
  });
});
