import { z } from 'zod';
import { parseMonth } from '../core/time/index.js';
import { codeSchema, requiredText, warningSeverities, warningStatuses, warningTypes } from './warning.schema.js';

/*
 * 每月一题, the problem of the month: a warning a town takes on for a month, with an owner, a plan and, once done,
 * the outcome.
 */

export const monthlyProblemStatuses = ['open', 'done'] as const;

/** A month `YYYY-MM` (core/time parseMonth), kept as text. */
export const monthSchema = z
  .string()
  .max(16)
  .transform((value, ctx) => {
    try {
      return parseMonth(value.trim(), 'month');
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected a month YYYY-MM such as 2025-07, got "${value}"` });
      return z.NEVER;
    }
  });

export const createMonthlyProblemSchema = z.object({
  month: monthSchema,
  /** Absent: the warning's summary. */
  title: requiredText(200).optional(),
  owner: requiredText(100),
  plan: requiredText(2000),
});
export type CreateMonthlyProblemInput = z.input<typeof createMonthlyProblemSchema>;

export const updateMonthlyProblemSchema = z
  .object({
    status: z.enum(monthlyProblemStatuses),
    /** What came of it; needed to mark the problem done. */
    outcome: requiredText(2000),
    owner: requiredText(100),
    plan: requiredText(2000),
  })
  .partial()
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give status, outcome, owner or plan',
    path: ['status'],
  });
export type UpdateMonthlyProblemInput = z.input<typeof updateMonthlyProblemSchema>;

export const listMonthlyProblemsQuerySchema = z.object({
  /** A town's place code. */
  town: codeSchema.optional(),
  month: monthSchema.optional(),
  status: z.enum(monthlyProblemStatuses).optional(),
});
export type ListMonthlyProblemsQuery = z.input<typeof listMonthlyProblemsQuerySchema>;

export const monthlyProblemIdParamsSchema = z.object({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

const ref = z.object({ code: z.string(), name: z.string() });

export const monthlyProblemSchema = z.object({
  id: z.number(),
  town: ref,
  month: z.string(),
  title: z.string(),
  owner: z.string(),
  plan: z.string(),
  status: z.enum(monthlyProblemStatuses),
  outcome: z.string().nullable(),
  warning: z.object({
    id: z.number(),
    type: z.enum(warningTypes),
    severity: z.enum(warningSeverities),
    status: z.enum(warningStatuses),
    summary: z.string(),
    category: ref.nullable(),
    place: ref,
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MonthlyProblem = z.infer<typeof monthlyProblemSchema>;

export const monthlyProblemListSchema = z.object({ items: z.array(monthlyProblemSchema) });
export type MonthlyProblemList = z.infer<typeof monthlyProblemListSchema>;
