import { z } from 'zod';
import { isWellFormedText } from '../core/pii/index.js';
import { departmentCodeSchema } from '../orgs/index.js';
import { categoryCodeSchema } from '../taxonomy/index.js';

/*
 * The zod pieces complaints and enforcement cases share: the core of their input, their output and their list query.
 * complaint.schema.ts and case.schema.ts add what is theirs.
 */

/** Free text as it may be stored: trimmed, at most `max` characters, no NUL (PostgreSQL refuses it) and no unpaired
 * UTF-16 surrogate (UTF-8 cannot carry it, so it would come back changed). */
export function storableText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((value) => !value.includes('\u0000') && isWellFormedText(value), {
      message: 'contains a NUL character or an unpaired surrogate',
    });
}

/** The instants a record may carry: 2000-01-01 to 2099-12-31 in the town. Outside that it is a typo, not data. */
const MIN_INSTANT = Date.parse('2000-01-01T00:00:00+08:00');
const MAX_INSTANT = Date.parse('2100-01-01T00:00:00+08:00') - 1;

/** An instant: ISO 8601 with an offset (`2025-06-02T09:30:00+08:00`, `…Z`) or integer epoch milliseconds. */
export const instantSchema = z
  .union([z.number().int(), z.iso.datetime({ offset: true })], {
    error: 'expected an ISO 8601 instant with offset such as 2025-06-02T09:30:00+08:00, or epoch milliseconds',
  })
  .transform((value) => (typeof value === 'number' ? value : Date.parse(value)))
  .pipe(
    z.number().int().min(MIN_INSTANT, 'must be on or after 2000-01-01').max(MAX_INSTANT, 'must be before 2100-01-01'),
  );

/** A place, category or department code as input: letters, digits, `_`, `.` and `-` (nothing a database chokes on). */
const code = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/, 'must be a code: 1–64 letters, digits, _, . or -');
/** The statuses after which a record is finished; both kinds have them, and both need closedAt then. */
export const finishedStatuses = ['closed', 'cancelled'] as const;

/** The input fields every record has, by code (see createComplaint / createCase). */
export const recordInputShape = {
  /** The town (a place of level town). */
  townCode: code,
  /** Absent: the taxonomy's unclassified leaf. */
  categoryCode: categoryCodeSchema.optional(),
  /** A village or group inside the town; absent when unknown. */
  placeCode: code.optional(),
  /** A unified social credit code, checked (and forgiven full-width or lower-case letters) by the enterprise lookup. */
  enterpriseCreditCode: z.string().trim().min(1).max(40).optional(),
  departmentCode: departmentCodeSchema.optional(),
  /** The system the record comes from (`12345`, `ledger`, `api` …) and its number there: unique together. */
  sourceSystem: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, 'must be 1–32 letters, digits, _, . or -'),
  externalNo: storableText(64).min(1),
  title: storableText(200).optional(),
  address: storableText(500).optional(),
  openedAt: instantSchema,
  /** Either an explicit deadline or a number of working days after opening (Chinese working-day calendar). */
  deadlineAt: instantSchema.optional(),
  deadlineWorkingDays: z.number().int().min(0).max(365).optional(),
  firstResponseAt: instantSchema.optional(),
  closedAt: instantSchema.optional(),
  difficult: z.boolean().default(false),
};

/** The core of a record's input after parsing, as the shared service rules take it. */
const recordCoreSchema = z.object({ ...recordInputShape, content: z.string() });
export type RecordCoreData = z.output<typeof recordCoreSchema>;

interface RecordTimes {
  openedAt: number;
  deadlineAt?: number | undefined;
  deadlineWorkingDays?: number | undefined;
  firstResponseAt?: number | undefined;
  closedAt?: number | undefined;
  status?: string | undefined;
}

/** Cross-field rules of the record core, as zod issues on the field at fault. */
export function checkRecordRules(data: RecordTimes, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  for (const field of ['deadlineAt', 'firstResponseAt', 'closedAt'] as const) {
    const value = data[field];
    if (value !== undefined && value < data.openedAt) {
      issue(field, 'must not be before openedAt');
    }
  }
  if (data.deadlineAt !== undefined && data.deadlineWorkingDays !== undefined) {
    issue('deadlineWorkingDays', 'give deadlineAt or deadlineWorkingDays, not both');
  }
  const finished = (finishedStatuses as readonly string[]).includes(data.status ?? '');
  if (finished && data.closedAt === undefined) {
    issue('closedAt', `a record with status ${data.status} needs closedAt`);
  }
  if (!finished && data.status !== undefined && data.closedAt !== undefined) {
    issue('status', `a record with closedAt must be ${finishedStatuses.join(' or ')}, not ${data.status}`);
  }
}

const ref = z.object({ code: z.string(), name: z.string() });
const isoInstant = z.string().describe('ISO 8601 in the town (+08:00)');

/** The output fields every record has; instants twice, as ISO text in the town's offset and as epoch ms. */
export const recordOutputShape = {
  id: z.number(),
  town: ref,
  category: ref,
  place: ref.nullable(),
  department: ref.nullable(),
  enterprise: z.object({ creditCode: z.string(), name: z.string() }).nullable(),
  sourceSystem: z.string(),
  externalNo: z.string(),
  title: z.string().nullable(),
  content: z.string(),
  address: z.string().nullable(),
  openedAt: isoInstant,
  openedAtMs: z.number(),
  openedDay: z.string(),
  openedWeek: z.number().describe('ISO week YYYYWW'),
  deadlineAt: isoInstant.nullable(),
  deadlineAtMs: z.number().nullable(),
  firstResponseAt: isoInstant.nullable(),
  firstResponseAtMs: z.number().nullable(),
  closedAt: isoInstant.nullable(),
  closedAtMs: z.number().nullable(),
  /** Past its deadline: closed after it, or still open after it. */
  overdue: z.boolean(),
  difficult: z.boolean(),
  handlingMs: z.number().nullable(),
  handlingWorkMs: z.number().nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
};

/** The filters and paging of a record list, as the query string carries them (services accept the same). */
export const recordListQueryShape = {
  /** A town's place code. */
  town: code.optional(),
  /** ISO week: `2025W23`, `2025-W23`, `202523`. */
  week: z.union([z.string().max(16), z.number()]).optional(),
  /** Days `YYYY-MM-DD`, both inclusive, on the day the record was opened. */
  from: z.string().max(16).optional(),
  to: z.string().max(16).optional(),
  /** A category code: the category and everything below it. */
  category: code.optional(),
  /** A place code: everything within the place. */
  place: code.optional(),
  /** A department code of the town given in `town`. */
  department: code.optional(),
  difficult: z.union([z.boolean(), z.stringbool()]).optional(),
  /**
   * Free text found in the title, description, address or external number (case-insensitive, as typed). Text with a
   * run of 7 or more digits is looked for in external numbers only: descriptions may carry phone and ID numbers, and
   * a search must not confirm a number that the record shows masked. Never searches personal data.
   */
  q: storableText(100).optional(),
  /** `true`: the answer also carries `total`, the number of records matching the filters (one count more). */
  total: z.union([z.boolean(), z.stringbool()]).default(false),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /** The `nextCursor` of the previous page (faster than offset on deep pages). */
  cursor: z.string().max(200).optional(),
  /** By opened_at: newest first (default) or oldest first. */
  order: z.enum(['desc', 'asc']).default('desc'),
};

const recordListQuerySchema = z.object(recordListQueryShape);
/** The shared part of a list query after parsing. */
export type RecordListQuery = z.output<typeof recordListQuerySchema>;

export const recordIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** A page of records and the cursor of the next one (null on the last page); `total` when asked with total=true. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().optional() });
}

/** `history=true` on a record's GET adds its change history. */
export const historyQueryShape = { history: z.union([z.boolean(), z.stringbool()]).default(false) };
export const recordHistoryQuerySchema = z.object(historyQueryShape);
export type RecordHistoryQuery = z.input<typeof recordHistoryQuerySchema>;

const changedValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/**
 * One change of a record (an update by the API or a file import), oldest first: field (as the API names it) → its
 * old and new value, or only `changed: true` for personal data and references kept as internal ids.
 */
export const recordChangeSchema = z.object({
  changedAt: isoInstant,
  changedAtMs: z.number(),
  /** `api`, `import` … */
  origin: z.string(),
  changes: z.record(
    z.string(),
    z.object({ from: changedValue.optional(), to: changedValue.optional(), changed: z.boolean().optional() }),
  ),
});
export type RecordChange = z.infer<typeof recordChangeSchema>;
