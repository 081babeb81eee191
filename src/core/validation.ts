import type { z } from 'zod';
import { type FieldIssue, invalidFields } from './errors.js';

/** zod's issues as Shanzhi field issues: `path` joined with dots, the message as zod wrote it. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)',
    message: issue.message,
  }));
}

/**
 * Parse input at a service boundary: the value typed as the schema says, or an `invalid_input` AppError that names
 * every bad field. Services call this even when a route already validated, because the CLI and jobs call services too.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw invalidFields(toFieldIssues(result.error));
  }
  return result.data;
}
