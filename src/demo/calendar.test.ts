import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  deadlineAfter,
  isoWeekOf,
  isWorkingDay,
  startOfDay,
  weekdayOf,
  workingTimeBetween,
} from '../core/time/index.js';
import { afterWorkingTime, buildCalendar, dayStartMs, deadlineMs, lastCompleteWeekBefore } from './calendar.js';
import { SPRING_FESTIVAL, springFestival } from './spring-festival.js';

const calendar = buildCalendar(202647, 261);
const dataDays = 261 * 7;

describe('lastCompleteWeekBefore', () => {
  it('is the week of the Sunday strictly before the day', () => {
    // 2026-11-29 is a Sunday: its own week is not complete before it.
    expect(lastCompleteWeekBefore('2026-11-29')).toBe(202647);
    expect(lastCompleteWeekBefore('2026-11-30')).toBe(202648);
    expect(lastCompleteWeekBefore('2026-11-23')).toBe(202647);
    expect(lastCompleteWeekBefore('2021-01-04')).toBe(202053);
  });
});

describe('buildCalendar', () => {
  it('spans 261 weeks ending with the last week, Monday to Sunday', () => {
    expect(calendar.weeks).toHaveLength(261);
    expect(calendar.weeks.at(-1)).toBe(202647);
    expect(calendar.firstWeek).toBe(calendar.weeks[0]);
    expect(weekdayOf(calendar.days[0] as string)).toBe(1);
    expect(isoWeekOf(calendar.days[dataDays - 1] as string)).toBe(202647);
    expect(weekdayOf(calendar.days[dataDays - 1] as string)).toBe(7);
    expect(calendar.endMs).toBe(startOfDay('2026-11-23'));
  });

  it('agrees with core/time on every day: instants, weekdays and working days', () => {
    calendar.days.forEach((day, i) => {
      expect(dayStartMs(calendar, i)).toBe(startOfDay(day));
      expect(calendar.weekday[i]).toBe(weekdayOf(day));
      expect(calendar.working[i] === 1).toBe(isWorkingDay(day));
      expect(calendar.compactDays[i]).toBe(day.replaceAll('-', ''));
    });
  });

  it('counts days from the Spring Festival', () => {
    for (const year of [2022, 2023, 2024, 2025, 2026]) {
      const i = calendar.days.indexOf(springFestival(year));
      expect(calendar.fromSpringFestival[i]).toBe(0);
      expect(calendar.fromSpringFestival[i - 21]).toBe(-21);
      expect(calendar.fromSpringFestival[i + 30]).toBe(30);
    }
  });
});

describe('deadlines and working time from the day table', () => {
  it('give the same deadline as core/time deadlineAfter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: dataDays - 1 }), fc.integer({ min: 0, max: 60 }), (day, n) => {
        const opened = dayStartMs(calendar, day) + 10 * 3_600_000;
        expect(deadlineMs(calendar, day, n)).toBe(deadlineAfter(opened, n));
      }),
      { numRuns: 300 },
    );
  });

  it('close after exactly the working time core/time measures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: dataDays * 86_400_000 - 1 }),
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        (offset, work) => {
          const opened = calendar.firstDayMs + offset;
          const closed = afterWorkingTime(calendar, opened, work);
          expect(closed).toBeGreaterThanOrEqual(opened);
          expect(workingTimeBetween(opened, closed)).toBe(work);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stop the clock over a holiday', () => {
    // Opened on the eve of the 2025 Spring Festival break (Tuesday 28 January, a rest day): one working day of
    // handling ends on the first working day after the break, 24 hours into it.
    const i = calendar.days.indexOf('2025-01-28');
    const closed = afterWorkingTime(calendar, dayStartMs(calendar, i) + 3_600_000, 86_400_000);
    expect(closed).toBe(startOfDay(addDays('2025-02-05', 1)));
  });
});

describe('the Spring Festival table', () => {
  it('covers 2015–2035 with dates between 21 January and 20 February', () => {
    const years = Object.keys(SPRING_FESTIVAL).map(Number);
    expect(years).toEqual(Array.from({ length: 21 }, (_, i) => 2015 + i));
    for (const year of years) {
      const day = springFestival(year);
      expect(day.startsWith(`${year}-`)).toBe(true);
      expect(day >= `${year}-01-21` && day <= `${year}-02-20`).toBe(true);
    }
    expect(() => springFestival(2036)).toThrow(RangeError);
  });

  it('moves by twelve or thirteen lunar months a year', () => {
    for (let year = 2016; year <= 2035; year++) {
      const gap = (startOfDay(springFestival(year)) - startOfDay(springFestival(year - 1))) / 86_400_000;
      // 12 lunar months are 354–355 days, 13 (a leap month) 383–385.
      expect([354, 355, 383, 384, 385]).toContain(gap);
    }
  });

  it('agrees with the State Council holiday calendar where both have the date', () => {
    for (let year = 2015; year <= 2026; year++) {
      const day = springFestival(year);
      expect(isWorkingDay(day)).toBe(false);
      expect(isWorkingDay(addDays(day, 1))).toBe(false);
    }
  });
});
