import { describe, expect, it } from 'vitest';
import { AppError, errorStatus, invalidField, invalidFields } from './errors.js';

describe('AppError', () => {
  it('maps every code to its documented status', () => {
    // The list in docs/api.md ("Errors") must match this table; a new code needs a new line in both.
    expect(errorStatus).toEqual({
      invalid_input: 422,
      unauthenticated: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      payload_too_large: 413,
      rate_limited: 429,
      internal: 500,
      unavailable: 503,
    });
    for (const [code, status] of Object.entries(errorStatus)) {
      expect(new AppError(code as keyof typeof errorStatus, 'x').status).toBe(status);
    }
  });

  it('names the field in the message and in the details', () => {
    const error = invalidField('creditCode', 'wrong check character');
    expect(error.message).toBe('creditCode: wrong check character');
    expect(error.details).toEqual({ issues: [{ path: 'creditCode', message: 'wrong check character' }] });
    expect(
      invalidFields([
        { path: 'a', message: 'x' },
        { path: 'b', message: 'y' },
      ]).message,
    ).toBe('a: x; b: y');
  });
});
