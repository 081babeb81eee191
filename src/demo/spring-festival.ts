import type { Day } from '../core/time/index.js';

/*
 * The Spring Festival (春节, the first day of the first lunar month) moves every year between 21 January and
 * 20 February. The demo town needs it for wage arrears (complaints climb in the weeks before it, when migrant workers
 * want to be paid before going home) and for the holiday dip (Yiwu empties for two weeks). A table of twenty-one
 * dates is smaller and easier to check than a lunar calendar library; the dates are those of the Purple Mountain
 * Observatory's calendar (中国科学院紫金山天文台) as published in the State Council's yearly holiday notices.
 */

/** The Gregorian date of 正月初一, by year. */
export const SPRING_FESTIVAL: Readonly<Record<number, Day>> = {
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

/** First year of the table. */
export const SPRING_FESTIVAL_FIRST_YEAR = 2015;
/** Last year of the table. */
export const SPRING_FESTIVAL_LAST_YEAR = 2035;

/** The Spring Festival of a year, or a RangeError outside the table. */
export function springFestival(year: number): Day {
  const day = SPRING_FESTIVAL[year];
  if (day === undefined) {
    throw new RangeError(
      `the Spring Festival table covers ${SPRING_FESTIVAL_FIRST_YEAR}–${SPRING_FESTIVAL_LAST_YEAR}, not ${year}`,
    );
  }
  return day;
}
