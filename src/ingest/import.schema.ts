import { z } from 'zod';

/** An import batch as the API shows it: what was read, how far it got, what came of it. */
export const importBatchSchema = z.object({
  id: z.number(),
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  kind: z.enum(['complaint', 'case']),
  profile: z.string(),
  sourceSystem: z.string(),
  fileName: z.string(),
  fileBytes: z.number(),
  fileSha256: z.string(),
  dryRun: z.boolean(),
  strict: z.boolean(),
  progress: z.object({
    bytesRead: z.number(),
    /** 0–1, by bytes of the file read and committed. */
    share: z.number(),
    rows: z.number(),
  }),
  counts: z.object({
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    rejected: z.number(),
    warned: z.number(),
  }),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const importIssueSchema = z.object({
  id: z.number(),
  severity: z.enum(['reject', 'warning']),
  file: z.string(),
  line: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  /** Why, in the asked locale (written from `code`; an issue stored before codes keeps its English reason). */
  reason: z.string(),
  /** The stable code of the issue (src/ingest/issue-text.ts); null on issues stored before codes. */
  code: z.string().nullable(),
});
export type ImportIssueItem = z.infer<typeof importIssueSchema>;

export const batchIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const listBatchesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Batches older than this id (the `nextBefore` of the previous page). */
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** The language of the issues' reasons. */
const issueLocaleSchema = z.enum(['zh-CN', 'en-US']).default('zh-CN');

export const listIssuesQuerySchema = z.object({
  locale: issueLocaleSchema,
  severity: z.enum(['reject', 'warning']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Issues after this id (the `nextAfter` of the previous page). */
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

export const exportIssuesQuerySchema = z.object({
  /** Default: the rejected rows. */
  severity: z.enum(['reject', 'warning']).default('reject'),
  locale: issueLocaleSchema,
});

/** The form fields of an upload beside its file part. */
export const uploadFieldsSchema = z.object({
  profile: z.string().min(1).max(200),
  town: z.string().min(1).max(64).optional(),
  sourceSystem: z.string().min(1).max(32).optional(),
  dryRun: z.stringbool().optional(),
  strict: z.stringbool().optional(),
});

export const profileSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.enum(['complaint', 'case']),
  sourceSystem: z.string(),
  origin: z.enum(['built-in', 'data', 'file']),
  columns: z.array(
    z.object({
      header: z.string(),
      field: z.string(),
      type: z.string(),
      /** Source word → our value, where the column has a value map (statuses, channels …). */
      map: z.record(z.string(), z.string()).nullable(),
    }),
  ),
});

/** A profile proposed for an uploaded file (`POST /api/import-profiles/detect`). */
export const detectedProfileSchema = z.object({
  fileName: z.string(),
  /** The built-in profile the proposal is, or is based on when the proposal's name ends in -custom; else null. */
  builtIn: z.string().nullable(),
  /** The proposed profile, as a profile file holds it (columns with formats, notes starting TODO where unsure). */
  profile: z.record(z.string(), z.unknown()),
  matched: z.array(z.object({ header: z.string(), field: z.string(), confidence: z.number() })),
  unmatched: z.array(z.string()),
});
