import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldIssue, isAppError } from '../core/errors.js';
import { isDataException, isUniqueViolation } from '../store/dialect.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** Turn every error into `{ error: { code, message, details? } }` with the status of its code. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'internal') {
      request.log.error({ err: error }, 'unhandled error');
    }
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.details) {
      body.error.details = appError.details;
    }
    const retryAfter = appError.details?.retryAfterSeconds;
    if (appError.code === 'rate_limited' && typeof retryAfter === 'number') {
      reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    }
    return reply.code(appError.status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } };
    return reply.code(404).send(body);
  });
}

function toAppError(error: FastifyError): AppError {
  if (isAppError(error)) {
    return error;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || `(${error.validationContext ?? 'input'})`,
      message: v.message ?? 'invalid',
    }));
    return new AppError('invalid_input', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  if (isUniqueViolation(error)) {
    // Two writers raced past a service's duplicate check; the database kept the first.
    return new AppError('conflict', 'it already exists (written concurrently by another request)');
  }
  if (isDataException(error)) {
    // The database refused a value (PostgreSQL class 22, e.g. a NUL character in text): bad input, not a bug.
    return new AppError('invalid_input', 'a value was refused by the database (e.g. a NUL character in text)');
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError('payload_too_large', error.message);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors (malformed JSON, wrong content type): the caller sent bad input.
    return new AppError('invalid_input', error.message);
  }
  return new AppError('internal', 'internal error; the server log has the details');
}
