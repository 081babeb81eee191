import fc from 'fast-check';
import { expect } from 'vitest';
import { isAppError } from '../errors.js';

/*
 * Test support for this folder (not exported from index.ts): fast-check arbitraries built with the JS Date object,
 * independently of the code under test, and the check that a rejection is the promised invalid_input error.
 */

const DAY_MS = 86_400_000;
const TOWN_OFFSET_MS = 8 * 3_600_000;
const FIRST_DAY_NUMBER = Date.UTC(1900, 0, 1) / DAY_MS;
const LAST_DAY_NUMBER = Date.UTC(2299, 11, 31) / DAY_MS;

/** `YYYY-MM-DD` of a day number, through Date (a second implementation to check ours against). */
export function dateDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of `YYYY-MM-DD`, through Date. */
export function dateDayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/** Any day of the supported calendar. */
export const anyDay = fc.integer({ min: FIRST_DAY_NUMBER, max: LAST_DAY_NUMBER }).map(dateDay);

/** Days within three weeks of a New Year, where ISO week-years and calendar years part. */
export const newYearDay = fc
  .tuple(fc.integer({ min: 1901, max: 2298 }), fc.integer({ min: -21, max: 21 }))
  .map(([year, offset]) => dateDay(Date.UTC(year, 0, 1) / DAY_MS + offset));

/** Days, weighted towards year ends. */
export const day = fc.oneof(anyDay, newYearDay);

/** Days of 2014–2028: the holiday data and a year either side of it. */
export const dataDay = fc
  .integer({ min: Date.UTC(2014, 0, 1) / DAY_MS, max: Date.UTC(2028, 11, 31) / DAY_MS })
  .map(dateDay);

/** Instants of the supported calendar (town time). */
export const anyInstant = fc.integer({
  min: FIRST_DAY_NUMBER * DAY_MS - TOWN_OFFSET_MS,
  max: (LAST_DAY_NUMBER + 1) * DAY_MS - TOWN_OFFSET_MS - 1,
});

/** Instants of 2014–2028. */
export const dataInstant = fc.integer({
  min: Date.UTC(2014, 0, 1) - TOWN_OFFSET_MS,
  max: Date.UTC(2029, 0, 1) - TOWN_OFFSET_MS - 1,
});

/** Field names as callers pass them. */
export const fieldName = fc.constantFrom('day', 'receivedDay', 'rows.3.week', 'filters.period');

/** Text that looks nearly right (digits, separators, W and Q) as well as arbitrary strings and non-strings. */
export const garbage = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[0-9]{4}[-Ww]{0,2}[0-9]{1,3}$/),
  fc.stringMatching(/^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$/),
  fc.stringMatching(/^[0-9]{4}-?[Qq][0-9]$/),
  fc.anything(),
);

/**
 * The result of `run`, or undefined after checking that it threw an invalid_input AppError naming `field` in both
 * its message and its details. Any other failure (a TypeError, a message without the field) fails the test.
 */
export function resultOrInvalid<T>(run: () => T, field: string): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!isAppError(error)) {
      throw error;
    }
    expect(error.code).toBe('invalid_input');
    expect(error.message.slice(0, field.length + 2)).toBe(`${field}: `);
    expect(error.details?.issues?.[0]?.path).toBe(field);
    return undefined;
  }
}

/** Assert that `run` throws an invalid_input error naming `field` whose message contains `fragment`. */
export function expectInvalid(run: () => unknown, field: string, fragment = ''): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  if (!isAppError(thrown)) {
    expect.unreachable(`expected an invalid_input AppError, got ${String(thrown)}`);
    return;
  }
  expect(thrown.code).toBe('invalid_input');
  expect(thrown.message.slice(0, field.length + 2)).toBe(`${field}: `);
  expect(thrown.message).toContain(fragment);
}
