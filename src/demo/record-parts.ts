import { afterWorkingTime, type DemoCalendar, dayStartMs } from './calendar.js';
import { logNormal } from './distributions.js';
import type { DemoEnterprise } from './enterprises.js';
import type { Random } from './random.js';
import type { CategoryRuntime } from './record-context.js';
import type { DemoVillage } from './town.js';

/* Small pieces the complaint and case builders share. */

/** Milliseconds in a day and in an hour (the town has no DST, so every day has 24 hours). */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Addresses are stored with the city (义乌市云溪镇…) and spoken without it. */
export const CITY_PREFIX = '义乌市';
/** Difficult records take this many times longer (median). */
export const DIFFICULT_SLOWDOWN = 3;
/** Share of records filed under a group (村民小组) rather than the village itself. */
const GROUP_SHARE = 0.6;

/**
 * A street address in a village, without the city: 云溪镇楼宅村振兴路18号 or 云溪镇溪华社区锦绣花园3幢2单元501室. Built by
 * join, which gives one flat string rather than a rope of pieces (cheaper to keep for the rest of the week).
 */
export function streetAddress(random: Random, townName: string, village: DemoVillage): string {
  if (village.estates.length > 0 && random.chance(0.55)) {
    const estate = random.pick(village.estates);
    const building = random.intBetween(1, 30);
    const unit = random.intBetween(1, 4);
    const room = random.intBetween(1, 18) * 100 + random.intBetween(1, 4);
    return [townName, village.name, estate, building, '幢', unit, '单元', room, '室'].join('');
  }
  return [townName, village.name, random.pick(village.roads), random.intBetween(1, 300), '号'].join('');
}

/** The place a record is filed under: one of the village's groups, or the village. */
export function placeCodeIn(random: Random, village: DemoVillage): string {
  return random.chance(GROUP_SHARE) ? random.pick(village.groups).code : village.code;
}

/** A day of the week (0 = Monday), drawn by the weights of its seven days. */
export function dayOfWeek(random: Random, weights: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < 7; k++) {
    total += weights[k] as number;
  }
  let target = random.next() * total;
  for (let k = 0; k < 6; k++) {
    target -= weights[k] as number;
    if (target < 0) {
      return k;
    }
  }
  return 6;
}

/** An instant in an hour of a day, to the second. */
export function instantIn(random: Random, calendar: DemoCalendar, day: number, hour: number): number {
  return dayStartMs(calendar, day) + hour * HOUR_MS + random.int(3600) * 1000;
}

/**
 * The closing instant after a log-normal working time (median in working days), or undefined when the record is
 * still open at the end of the data.
 */
export function closingAfter(
  random: Random,
  calendar: DemoCalendar,
  openedAt: number,
  medianDays: number,
  sigma: number,
): number | undefined {
  const closedAt = afterWorkingTime(calendar, openedAt, Math.round(logNormal(random, medianDays, sigma) * DAY_MS));
  return Number.isNaN(closedAt) || closedAt > calendar.endMs ? undefined : closedAt;
}

/** The enterprise a record names, if its category names one this time and the village has a fitting one. */
export function pickEnterprise(random: Random, runtime: CategoryRuntime, village: number): DemoEnterprise | undefined {
  const pool = runtime.enterprises[village] ?? [];
  return pool.length > 0 && random.chance(runtime.category.profile.enterpriseShare) ? random.pick(pool) : undefined;
}
