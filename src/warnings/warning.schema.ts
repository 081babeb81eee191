import { z } from 'zod';
import { isWellFormedText } from '../core/pii/index.js';
import { parseDay } from '../core/time/index.js';

/*
 * The contract of the warnings API: the list query, the lifecycle's request bodies and what leaves the server.
 * Statuses: new → acknowledged → rectifying → closed; new, acknowledged or rectifying → dismissed; closed or
 * dismissed → acknowledged again (reopen).
 */

export const warningStatuses = ['new', 'acknowledged', 'rectifying', 'closed', 'dismissed'] as const;
/** Red first: the order lists sort by. */
export const warningSeverities = ['red', 'orange', 'yellow', 'blue'] as const;
export const warningTypes = ['outbreak', 'trend', 'emerging', 'backlog'] as const;
export const warningSituations = ['village_surge', 'spread', 'slow_rise', 'new_term', 'overdue_backlog'] as const;
export type WarningStatusName = (typeof warningStatuses)[number];

/** Free text as it may be stored: trimmed, 1–`max` characters, no NUL and no unpaired surrogate. */
export function requiredText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((value) => !value.includes('\u0000') && isWellFormedText(value), {
      message: 'contains a NUL character or an unpaired surrogate',
    });
}

/** A calendar day `YYYY-MM-DD` that exists (core/time parseDay), kept as text. */
export const daySchema = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    try {
      return parseDay(value.trim(), 'day');
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected a day YYYY-MM-DD such as 2025-07-15, got "${value}"` });
      return z.NEVER;
    }
  });

/** A place, category or department code as a query parameter. */
export const codeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/, 'must be a code: 1–64 letters, digits, _, . or -');

/**
 * A comma-separated list (or the parameter repeated) of allowed values, distinct; errors name the parameter.
 * Parsing its own output again gives the same list, so routes and services may both parse.
 */
function commaList<T extends string>(allowed: readonly T[], what: string) {
  return z.union([z.string().max(500), z.array(z.string().max(500)).max(20)]).transform((input, ctx) => {
    const parts = (Array.isArray(input) ? input : [input])
      .flatMap((text) => text.split(','))
      .map((part) => part.trim())
      .filter((part) => part !== '');
    for (const part of parts) {
      if (!(allowed as readonly string[]).includes(part)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown ${what} "${part.slice(0, 40)}"; one of ${allowed.join(', ')}`,
        });
        return z.NEVER;
      }
    }
    return [...new Set(parts)] as T[];
  });
}

export const listWarningsQuerySchema = z.object({
  /** A town's place code. */
  town: codeSchema.optional(),
  /** One or more statuses, comma-separated or repeated. */
  status: commaList(warningStatuses, 'status').optional(),
  severity: commaList(warningSeverities, 'severity').optional(),
  type: commaList(warningTypes, 'type').optional(),
  situation: commaList(warningSituations, 'situation').optional(),
  /** A category code: the category and everything below it. */
  category: codeSchema.optional(),
  /** A place code: a town's warnings, or those concerning a village (or placed in a group). */
  place: codeSchema.optional(),
  /** A department code (of `town` when given, else of any town). */
  department: codeSchema.optional(),
  /** ISO weeks (`2025W23`, `2025-W23`, `202523`), both included, on the latest week the warning was seen in. */
  from: z.union([z.string().max(16), z.number()]).optional(),
  to: z.union([z.string().max(16), z.number()]).optional(),
  /** Words in the summary (Chinese or English). */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type ListWarningsQuery = z.input<typeof listWarningsQuerySchema>;

export const warningIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** Optimistic concurrency: the status the caller saw; a different current status is 409. */
const expectedStatus = z.enum(warningStatuses).optional();
const note = requiredText(500);

export const acknowledgeSchema = z.object({ note: note.optional(), expectedStatus });
export const rectifySchema = z.object({
  /** Who answers for the rectification (a person or a unit). */
  owner: requiredText(100),
  dueDay: daySchema,
  /** What will be done. */
  actions: requiredText(2000),
  note: note.optional(),
  expectedStatus,
});
export const closeSchema = z.object({ result: requiredText(2000), expectedStatus });
export const dismissSchema = z.object({ reason: requiredText(500), expectedStatus });
export const reopenSchema = z.object({ note, expectedStatus });
export const updateRectificationSchema = z
  .object({ owner: requiredText(100), dueDay: daySchema, actions: requiredText(2000), note, expectedStatus })
  .partial()
  .refine((body) => body.owner !== undefined || body.dueDay !== undefined || body.actions !== undefined, {
    message: 'give owner, dueDay or actions',
    path: ['owner'],
  });
export type AcknowledgeInput = z.input<typeof acknowledgeSchema>;
export type RectifyInput = z.input<typeof rectifySchema>;
export type CloseInput = z.input<typeof closeSchema>;
export type DismissInput = z.input<typeof dismissSchema>;
export type ReopenInput = z.input<typeof reopenSchema>;
export type UpdateRectificationInput = z.input<typeof updateRectificationSchema>;

const ref = z.object({ code: z.string(), name: z.string() });
const isoInstant = z.string().describe('ISO 8601 in the town (+08:00)');

export const warningSchema = z.object({
  id: z.number(),
  type: z.enum(warningTypes),
  situation: z.enum(warningSituations),
  severity: z.enum(warningSeverities),
  score: z.number(),
  status: z.enum(warningStatuses),
  town: ref,
  /** Null: every category together. */
  category: ref.nullable(),
  place: ref,
  department: ref.nullable(),
  sinceWeek: z.number().describe('ISO week YYYYWW the episode began'),
  week: z.number().describe('ISO week YYYYWW it was last seen in'),
  observed: z.number(),
  expected: z.number().nullable(),
  upperBound: z.number().nullable(),
  summary: z.string(),
  summaryEn: z.string(),
  owner: z.string().nullable(),
  dueDay: z.string().nullable(),
  detectedAt: isoInstant,
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type Warning = z.infer<typeof warningSchema>;

export const warningPageSchema = z.object({ items: z.array(warningSchema), nextCursor: z.string().nullable() });
export type WarningPage = z.infer<typeof warningPageSchema>;

export const warningMethodSchema = z.object({
  method: z.string(),
  observed: z.number().nullable(),
  expected: z.number().nullable(),
  upperBound: z.number().nullable(),
  alarm: z.boolean(),
});

/** The last weeks of the series, for the chart of observed, expected and the threshold band. */
export const warningSeriesSchema = z.object({
  weeks: z.array(z.number()),
  observed: z.array(z.number().nullable()),
  expected: z.array(z.number().nullable()),
  upperBound: z.array(z.number().nullable()),
});

/** What the engine wrote the summary and advice from; keys it adds beyond these pass through as written. */
export const warningFactsSchema = z.looseObject({
  villages: z.array(ref),
  categoryCode: z.string().nullable(),
  weeks: z.number().nullable(),
  terms: z.array(z.string()),
  slopePerWeek: z.number().nullable(),
  qValue: z.number().nullable(),
  overdue: z.number().nullable(),
  series: warningSeriesSchema.nullable(),
});
export type WarningFacts = z.infer<typeof warningFactsSchema>;

/** A sample record in short, masked as records are; samples out of the reader's records:read are left out. */
export const warningSampleSchema = z.object({
  kind: z.enum(['complaint', 'case']),
  id: z.number(),
  title: z.string().nullable(),
  excerpt: z.string(),
  category: ref,
  place: ref.nullable(),
  status: z.string(),
  openedDay: z.string(),
});
export type WarningSample = z.infer<typeof warningSampleSchema>;

export const warningEventSchema = z.object({
  id: z.number(),
  at: isoInstant,
  action: z.string(),
  fromStatus: z.enum(warningStatuses).nullable(),
  toStatus: z.enum(warningStatuses),
  actor: z.object({ kind: z.string(), id: z.string(), name: z.string() }),
  note: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type WarningEvent = z.infer<typeof warningEventSchema>;

/** A problem of the month as a warning's detail lists it (the full shape is monthly-problem.schema.ts). */
export const warningMonthlyProblemSchema = z.object({
  id: z.number(),
  month: z.string(),
  title: z.string(),
  owner: z.string(),
  status: z.enum(['open', 'done']),
});

export const warningDetailSchema = warningSchema.extend({
  adviceCode: z.string().nullable(),
  advice: z.string(),
  adviceEn: z.string(),
  actions: z.string().nullable(),
  result: z.string().nullable(),
  dismissReason: z.string().nullable(),
  villages: z.array(ref),
  methods: z.array(warningMethodSchema),
  facts: warningFactsSchema,
  samples: z.array(warningSampleSchema),
  events: z.array(warningEventSchema),
  monthlyProblems: z.array(warningMonthlyProblemSchema),
});
export type WarningDetail = z.infer<typeof warningDetailSchema>;
