import { describe, expect, it } from 'vitest';
import { calendarStatusOf, dayTypeOf, holidayName, holidayOf, isWorkingDay } from './cn-calendar.js';
import { addDays, parseDay, weekdayOf } from './day.js';
import { HOLIDAY_KEYS } from './holiday-names.js';
import { CN_HOLIDAYS, HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR } from './holidays-cn.js';
import { expectInvalid } from './testing.js';

/** Every day from `from` to `to`, inclusive. */
function daysFrom(from: string, to: string): string[] {
  const days = [from];
  while (days[days.length - 1] !== to) {
    days.push(addDays(days[days.length - 1] ?? to, 1));
  }
  return days;
}

/** The integers from `first` to `last`, inclusive. */
function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

const years = Object.entries(CN_HOLIDAYS).map(([year, entry]) => ({ year: Number(year), entry }));

describe('the holiday data', () => {
  it('covers 2015–2027 exactly, with only 2027 provisional', () => {
    expect([HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR]).toEqual([2015, 2027]);
    expect(years.map(({ year }) => year)).toEqual(range(2015, 2027));
    expect(years.filter(({ entry }) => entry.provisional).map(({ year }) => year)).toEqual([2027]);
    for (const { year, entry } of years) {
      expect(entry.notice === null, `notice of ${year}`).toBe(entry.provisional);
      if (entry.notice !== null) {
        expect(entry.notice).toMatch(/^https?:\/\/www\.gov\.cn\//);
      }
    }
  });

  it('lists real, sorted, unique days of their own year; make-up working days are all weekends', () => {
    const seen = new Set<string>();
    for (const { year, entry } of years) {
      for (const holiday of HOLIDAY_KEYS) {
        for (const days of [entry.rest[holiday] ?? [], entry.work[holiday] ?? []]) {
          expect([...days].sort()).toEqual(days);
          for (const day of days) {
            expect(parseDay(day, 'CN_HOLIDAYS')).toBe(day);
            expect(day.startsWith(`${year}-`), day).toBe(true);
            expect(seen.has(day), `${day} listed twice`).toBe(false);
            seen.add(day);
          }
        }
        for (const day of entry.work[holiday] ?? []) {
          expect(weekdayOf(day), `make-up working day ${day}`).toBeGreaterThanOrEqual(6);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(400);
  });

  it('holds only the fixed-date statutory holidays in provisional 2027', () => {
    expect(CN_HOLIDAYS[2027]).toEqual({
      notice: null,
      provisional: true,
      rest: {
        newYear: ['2027-01-01'],
        labourDay: ['2027-05-01', '2027-05-02'],
        nationalDay: ['2027-10-01', '2027-10-02', '2027-10-03'],
      },
      work: {},
    });
  });
});

describe('the working-day calendar against the State Council notices', () => {
  // Typed from the notices, independently of the generated data.
  const arrangements: Array<{ notice: string; rest: Array<[string, string]>; work: string[] }> = [
    {
      notice: '2024',
      rest: [
        ['2024-02-10', '2024-02-17'],
        ['2024-10-01', '2024-10-07'],
        ['2024-05-01', '2024-05-05'],
      ],
      work: ['2024-02-04', '2024-02-18', '2024-09-29', '2024-10-12', '2024-04-28', '2024-05-11'],
    },
    {
      notice: '2025 (国办发明电〔2024〕12号, 13 statutory days from 2025)',
      rest: [
        ['2025-01-28', '2025-02-04'],
        ['2025-05-01', '2025-05-05'],
        ['2025-10-01', '2025-10-08'],
      ],
      work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    },
    {
      notice: '2020, with the Spring Festival extended to 2 February for COVID-19',
      rest: [['2020-01-24', '2020-02-02']],
      work: ['2020-01-19'],
    },
    {
      notice: '2015, with the one-off Victory Day',
      rest: [
        ['2015-09-03', '2015-09-05'],
        ['2015-02-18', '2015-02-24'],
      ],
      work: ['2015-09-06', '2015-02-15', '2015-02-28'],
    },
  ];

  it.each(arrangements)('follows the notice for $notice', ({ rest, work }) => {
    for (const [from, to] of rest) {
      for (const day of daysFrom(from, to)) {
        expect(isWorkingDay(day), `${day} is a rest day`).toBe(false);
      }
    }
    for (const day of work) {
      expect(isWorkingDay(day), `${day} is a make-up working day`).toBe(true);
      expect(dayTypeOf(day)).toBe('makeup-workday');
    }
  });

  it('keeps ordinary weekdays and weekends around the breaks', () => {
    expect(dayTypeOf('2024-02-09')).toBe('workday'); // 除夕 2024 was a working day in the notice
    expect(dayTypeOf('2024-02-19')).toBe('workday');
    expect(dayTypeOf('2024-10-13')).toBe('weekend');
    expect(dayTypeOf('2024-10-07')).toBe('holiday');
  });

  it('names holidays in zh-CN by default and in en-US on request', () => {
    expect(holidayName('2024-02-12')).toBe('春节');
    expect(holidayName('2024-10-01', 'en-US')).toBe('National Day');
    expect(holidayName('2025-10-06')).toBe('中秋节'); // the Mid-autumn day inside the merged 2025 break
    expect(holidayName('2015-09-03')).toBe('中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日');
    expect(holidayOf('2020-02-01')).toBe('springFestival');
    expect(holidayName('2024-02-04')).toBeUndefined(); // a make-up working day is not a holiday
    expect(holidayName('2024-03-12')).toBeUndefined();
  });
});

describe('outside the official data', () => {
  it('treats 2027 as provisional: weekends and the fixed-date holidays only', () => {
    expect(calendarStatusOf('2027-06-01')).toBe('provisional');
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(isWorkingDay('2027-10-01')).toBe(false);
    expect(isWorkingDay('2027-02-08')).toBe(true); // Spring Festival week: unknown until the notice
  });

  it('falls back to weekends only before 2015 and after 2027, without throwing', () => {
    expect(calendarStatusOf('2014-10-01')).toBe('weekends-only');
    expect(calendarStatusOf('2028-10-02')).toBe('weekends-only');
    expect(calendarStatusOf('2024-10-01')).toBe('official');
    expect(isWorkingDay('2014-10-01')).toBe(true);
    expect(isWorkingDay('2028-10-02')).toBe(true);
    expect(isWorkingDay('2014-10-04')).toBe(false);
    expect(holidayName('2014-10-01')).toBeUndefined();
  });

  it('rejects bad days, naming the field', () => {
    expectInvalid(() => isWorkingDay('2024-02-30'), 'day', '2024-02 has 29 days');
    expectInvalid(() => holidayName('tomorrow'), 'day', 'expected a date');
    expectInvalid(() => calendarStatusOf('1899-12-31'), 'day', 'outside the supported calendar');
  });
});
