/**
 * The one error type of Shanzhi. Services throw it; the server's error handler turns it into
 * `{ "error": { "code", "message", "details"? } }` with the status of its code. Codes are stable:
 * clients and tests rely on them, so add codes here rather than inventing statuses elsewhere.
 */
export const errorStatus = {
  invalid_input: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One problem with one field of the input; `path` names the field as the caller sent it (`creditCode`, `rows.3.week`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorDetails {
  issues?: FieldIssue[];
  [key: string]: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Bad input in one field: the message names the field, and `details.issues` carries it for machines. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('invalid_input', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** Bad input in several fields at once (e.g. a whole form or row). */
export function invalidFields(issues: FieldIssue[]): AppError {
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new AppError('invalid_input', summary, { issues });
}

export function notFound(what: string, key: string | number): AppError {
  return new AppError('not_found', `${what} ${key} not found`);
}

export function conflict(message: string, details?: ErrorDetails): AppError {
  return new AppError('conflict', message, details);
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
