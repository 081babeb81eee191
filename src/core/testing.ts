import { expect } from 'vitest';
import { AppError, type ErrorCode } from './errors.js';

/** The AppError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Expect an AppError of `code`; with `field`, one of its issues must name that field. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode, field?: string): Promise<AppError> {
  const error = await rejection(promise);
  expect(error.code).toBe(code);
  if (field !== undefined) {
    expect(error.details?.issues?.map((i) => i.path)).toContain(field);
  }
  return error;
}

/** Expect `invalid_input` naming `field`: the answer to every kind of bad input. */
export function expectInvalid(promise: Promise<unknown>, field: string): Promise<AppError> {
  return expectAppError(promise, 'invalid_input', field);
}
