/*
 * The rhythms of the demo town: the year (seasons, the lunar Spring Festival, holidays), the week and the day. All
 * factors are multiplicative and average about 1, so a category's weight stays its share of the records.
 */

/** A Gaussian bump on the year, anchored on a day of the year or on the Spring Festival (days from it). */
export interface Bump {
  anchor: 'dayOfYear' | 'springFestival';
  /** Centre: day of the year (1–366), or days from the Spring Festival (negative before it). */
  at: number;
  /** Standard deviation in days. */
  width: number;
  /** Added to 1 at the centre: 2.5 makes the centre 3.5 times the level; −0.6 cuts it to 0.4 times. */
  height: number;
}

/**
 * A category's yearly shape: a smooth wave peaking on `peakDay` (the factor is e^(amplitude · cos), so amplitude 0.5
 * makes the peak e ≈ 2.7 times the trough) and bumps for events of the calendar.
 */
export interface Seasonality {
  peakDay?: number;
  amplitude?: number;
  bumps?: readonly Bump[];
}

const YEAR_DAYS = 365.2425;

/** The seasonal factor of a day, given its day of the year and its signed distance to the nearest Spring Festival. */
export function seasonalFactor(season: Seasonality | undefined, dayOfYear: number, fromSpringFestival: number): number {
  if (!season) {
    return 1;
  }
  const wave =
    season.amplitude && season.peakDay !== undefined
      ? Math.exp(season.amplitude * Math.cos((2 * Math.PI * (dayOfYear - season.peakDay)) / YEAR_DAYS))
      : 1;
  let bumps = 1;
  for (const bump of season.bumps ?? []) {
    let distance: number;
    if (bump.anchor === 'springFestival') {
      distance = fromSpringFestival - bump.at;
    } else {
      // Circular distance, so a bump near New Year spreads over both ends of the year.
      const raw = Math.abs(dayOfYear - bump.at) % YEAR_DAYS;
      distance = Math.min(raw, YEAR_DAYS - raw);
    }
    bumps += bump.height * Math.exp(-(distance * distance) / (2 * bump.width * bump.width));
  }
  // A deep negative bump may not turn the rate negative.
  return wave * Math.max(0.05, bumps);
}

/**
 * The holiday factor of a day, the same for every category. Yiwu's workforce is largely migrant: most go home for the
 * Spring Festival, leaving in the week before it and coming back by the Lantern Festival (元宵, day 14), when the
 * market and the factories reopen; the town is nearly empty from New Year's Eve to 初六. National Day is a milder dip.
 */
export function holidayFactor(fromSpringFestival: number, month: number, day: number): number {
  if (fromSpringFestival >= -1 && fromSpringFestival <= 6) {
    return 0.3;
  }
  if (fromSpringFestival >= 7 && fromSpringFestival <= 14) {
    return 0.65;
  }
  if (fromSpringFestival >= -7 && fromSpringFestival <= -2) {
    return 0.85;
  }
  if (month === 10 && day <= 7) {
    return 0.7;
  }
  if ((month === 1 && day === 1) || (month === 5 && day <= 5)) {
    return 0.85;
  }
  return 1;
}

/** When in the day a category's records come in. */
export type HourProfile = 'office' | 'daytime' | 'evening' | 'night';

/**
 * Weights of the 24 hours. `daytime` is the 12345 hotline's usual curve (morning peak, lunch dip, a long evening
 * tail); `office` is enforcement's working hours; `evening` is street stalls and shopfronts after dinner; `night`
 * is noise that keeps people awake.
 */
export const HOUR_WEIGHTS: Readonly<Record<HourProfile, readonly number[]>> = {
  office: [
    0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.2, 0.6, 1.4, 1.5, 1.2, 0.5, 0.8, 1.3, 1.4, 1.2, 0.6, 0.3, 0.2, 0.15,
    0.1, 0.05, 0.03,
  ],
  daytime: [
    0.05, 0.04, 0.03, 0.03, 0.03, 0.05, 0.1, 0.3, 0.9, 1.3, 1.4, 1.2, 0.8, 0.9, 1.2, 1.2, 1.1, 0.9, 0.7, 0.7, 0.6, 0.4,
    0.2, 0.1,
  ],
  evening: [
    0.2, 0.1, 0.05, 0.03, 0.03, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.4, 0.4, 0.4, 0.5, 0.6, 0.8, 1.3, 1.8, 2, 1.8, 1.2,
    0.6,
  ],
  night: [
    1.8, 1.2, 0.6, 0.2, 0.1, 0.1, 0.2, 0.3, 0.4, 0.4, 0.4, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.5, 0.6, 0.9, 1.2, 2,
    2.2,
  ],
};

/** Which days of the week a category's complaints favour. */
export type DayProfile = 'flat' | 'weekday' | 'weekend';

/** Weights of Monday … Sunday: offices call on weekdays, noise and stalls peak at the weekend. */
export const WEEKDAY_WEIGHTS: Readonly<Record<DayProfile, readonly number[]>> = {
  flat: [1, 1, 1, 1, 1, 1, 1],
  weekday: [1.25, 1.15, 1.1, 1.1, 1.05, 0.7, 0.65],
  weekend: [0.85, 0.85, 0.9, 0.95, 1.1, 1.3, 1.05],
};

/**
 * Weight of a day for enforcement cases: teams work on working days (make-up Saturdays included) and hold their
 * joint enforcement on Fridays (周五联合执法, see the glossary), while Monday is the joint office day (周一集中办公).
 */
export function caseDayWeight(working: boolean, weekday: number): number {
  if (!working) {
    return 0.15;
  }
  return weekday === 5 ? 1.6 : weekday === 1 ? 0.8 : 1;
}
