import { z } from 'zod';
import { caseSchema, caseSources, complaintChannels, complaintSchema } from '../records/index.js';
import { MEASURE_NAMES, type MeasureName } from './stats.measures.js';

/*
 * The contract of the stats API: the query (every parameter validated with an error naming it) and the answer.
 */

export const STATS_DIMENSIONS = [
  'category1',
  'category2',
  'category3',
  'village',
  'group',
  'department',
  'source',
  'kind',
] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];
export const STATS_PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export const COMPARISONS = ['yoy', 'pop'] as const;
/** A complaint's channel or a case's source. */
export const STATS_SOURCES = [...new Set<string>([...complaintChannels, ...caseSources])] as [string, ...string[]];
export const RECORD_KINDS = ['complaint', 'case'] as const;

const code = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/, 'must be a code: 1–64 letters, digits, _, . or -');
const periodText = z.string().trim().min(1).max(16);

/**
 * A comma-separated list (or the parameter repeated) of allowed values, distinct, at most `max`; errors name the
 * parameter itself. Parsing its own output again gives the same list, so routes and services may both parse.
 */
function commaList<T extends string>(allowed: readonly T[], max: number, what: string) {
  return z.union([z.string().max(2000), z.array(z.string().max(2000)).max(50)]).transform((input, ctx) => {
    const parts = (Array.isArray(input) ? input : [input])
      .flatMap((text) => text.split(','))
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const seen = new Set<string>();
    for (const part of parts) {
      if (!(allowed as readonly string[]).includes(part)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown ${what} "${part.slice(0, 40)}"; one of ${allowed.join(', ')}`,
        });
        return z.NEVER;
      }
      if (seen.has(part)) {
        ctx.addIssue({ code: 'custom', message: `${what} "${part}" given twice` });
        return z.NEVER;
      }
      seen.add(part);
    }
    if (parts.length > max) {
      ctx.addIssue({ code: 'custom', message: `at most ${max} ${what}s` });
      return z.NEVER;
    }
    return parts as T[];
  });
}

/** Filters and the period range, shared by the numbers and the records behind them. */
const filterShape = {
  /** A town's place code; absent: every town, summed. */
  town: code.optional(),
  period: z.enum(STATS_PERIODS).default('month'),
  /** Period texts of the kind `period` names (2026W05, 2026-05, 2026Q2, 2026), both included. */
  from: periodText.optional(),
  to: periodText.optional(),
  /** A category code of any level: the category and everything below it. */
  category: code.optional(),
  /** A town, village or group code: everything within it. */
  place: code.optional(),
  /** A department code (of the town; of every town when town is absent). */
  department: code.optional(),
  source: z.enum(STATS_SOURCES).optional(),
  kind: z.enum(RECORD_KINDS).optional(),
};

export const statsQuerySchema = z
  .object({
    ...filterShape,
    measures: commaList(MEASURE_NAMES, MEASURE_NAMES.length, 'measure').default(['records']),
    by: commaList(STATS_DIMENSIONS, 2, 'dimension').default([]),
    compare: commaList(COMPARISONS, 2, 'comparison').default([]),
    /** Keep the first `by` dimension's top N keys (by the first measure over the range), the rest as "others". */
    top: z.coerce.number().int().min(1).max(1000).optional(),
    /** Each count measure's share of its period's total. */
    share: z.union([z.boolean(), z.stringbool()]).default(false),
  })
  .strict();
export type StatsQuery = z.input<typeof statsQuerySchema>;
export type StatsQueryData = z.output<typeof statsQuerySchema> & { measures: MeasureName[] };

const keySchema = z.object({
  id: z.number().nullable(),
  code: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
});
export type StatsKey = z.infer<typeof keySchema>;
const valuesSchema = z.record(z.string(), z.number().nullable());
export type StatsValues = z.infer<typeof valuesSchema>;
const comparedSchema = z.object({ period: z.string(), values: valuesSchema, change: valuesSchema });
export type StatsCompared = z.infer<typeof comparedSchema>;

export const statsRowSchema = z.object({
  period: z.string(),
  keys: z.record(z.string(), keySchema),
  values: valuesSchema,
  share: valuesSchema.optional(),
  yoy: comparedSchema.optional(),
  pop: comparedSchema.optional(),
});
export type StatsRow = z.infer<typeof statsRowSchema>;
export const statsTotalSchema = statsRowSchema.omit({ keys: true, share: true });
export type StatsTotal = z.infer<typeof statsTotalSchema>;

export const statsEchoSchema = z.object({
  town: z.string().nullable(),
  period: z.enum(STATS_PERIODS),
  from: z.string(),
  to: z.string(),
  measures: z.array(z.string()),
  by: z.array(z.string()),
  compare: z.array(z.string()),
  top: z.number().nullable(),
  share: z.boolean(),
  category: z.string().nullable(),
  place: z.string().nullable(),
  department: z.string().nullable(),
  source: z.string().nullable(),
  kind: z.string().nullable(),
});
export type StatsEcho = z.infer<typeof statsEchoSchema>;

export const statsSchema = z.object({
  /** The instant overdue is counted at (the earliest of the towns' cubes); null before any record was written. */
  asOf: z.string().nullable(),
  asOfMs: z.number().nullable(),
  query: statsEchoSchema,
  /** The cuboid the numbers were read from (src/cube/cuboids.ts). */
  cuboid: z.number(),
  periods: z.array(z.string()),
  rows: z.array(statsRowSchema),
  totals: z.array(statsTotalSchema),
});
export type Stats = z.infer<typeof statsSchema>;

/** What a list of records may be flagged by: the record counts towards that measure (see docs/stats.md). */
export const RECORD_FLAGS = [
  'difficult',
  'overdue',
  'closed',
  'cancelled',
  'reopened',
  'responded',
  'unresponded',
  'resolved',
  'unresolved',
  'rated',
  'satisfied',
  'dissatisfied',
  'handled',
] as const;
export type RecordFlag = (typeof RECORD_FLAGS)[number];

/** The key of a row as a filter: a code, `_unknown` (place) or `_none` (department). */
const keyCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z_][0-9A-Za-z_.-]{0,63}$/, 'must be a code, _unknown or _none');

export const statsRecordsQuerySchema = z
  .object({
    ...filterShape,
    department: keyCode.optional(),
    category1: code.optional(),
    category2: code.optional(),
    category3: code.optional(),
    village: keyCode.optional(),
    group: keyCode.optional(),
    flag: z.enum(RECORD_FLAGS).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000).optional(),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type StatsRecordsQuery = z.input<typeof statsRecordsQuerySchema>;
export type StatsRecordsQueryData = z.output<typeof statsRecordsQuerySchema>;

export const statsRecordPageSchema = z.object({
  asOf: z.string().nullable(),
  items: z.array(
    z.union([complaintSchema.extend({ kind: z.literal('complaint') }), caseSchema.extend({ kind: z.literal('case') })]),
  ),
  nextCursor: z.string().nullable(),
});
export type StatsRecordPage = z.infer<typeof statsRecordPageSchema>;
