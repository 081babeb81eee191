import { z } from 'zod';
import type { Actor } from '../../auth/index.js';
import type { Db } from '../../store/database.js';
import { REPORT_FORMATS } from '../document/index.js';

/*
 * The contract of the report archive: what a generation asks for, the list's filters, and what leaves the server.
 * The type is any registered report type (src/reports/report-types.ts); the period is parsed by that type.
 */

export interface ArchiveDeps {
  db: Db;
  actor: Actor;
  now?: () => number;
}

export const reportLocales = ['zh-CN', 'en-US'] as const;
export const reportTriggers = ['schedule', 'manual', 'cli'] as const;
export type ReportTriggerName = (typeof reportTriggers)[number];

const code = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/, 'must be a code: 1–64 letters, digits, _, . or -');

export const generateReportSchema = z
  .object({
    type: z.string().max(20),
    period: z.union([z.string().max(20), z.number()]),
    town: code,
    locale: z.enum(reportLocales).default('zh-CN'),
  })
  .strict();
export type GenerateReportBody = z.input<typeof generateReportSchema>;

export const listReportsQuerySchema = z
  .object({
    town: code.optional(),
    type: z.string().max(20).optional(),
    period: z.string().max(20).optional(),
    locale: z.enum(reportLocales).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ListReportsQuery = z.input<typeof listReportsQuerySchema>;

export const reportIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const fileDispositions = ['attachment', 'inline'] as const;
export type FileDisposition = (typeof fileDispositions)[number];

/** `disposition=inline` shows the file in the browser (the web app previews the HTML in a sandboxed frame). */
export const reportFileQuerySchema = z
  .object({
    format: z.enum(REPORT_FORMATS).default('docx'),
    disposition: z.enum(fileDispositions).default('attachment'),
  })
  .strict();

export const listJobsQuerySchema = z
  .object({
    town: code.optional(),
    status: z.enum(['pending', 'running', 'done', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListJobsQuery = z.input<typeof listJobsQuerySchema>;

const townRef = z.object({ code: z.string(), name: z.string() });

export const reportSchema = z.object({
  id: z.number(),
  town: townRef,
  type: z.string(),
  period: z.string(),
  locale: z.string(),
  version: z.number(),
  title: z.string(),
  trigger: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  /** The formats its file may be downloaded in (`GET /api/reports/:id/file?format=`). */
  formats: z.array(z.string()),
});
export type Report = z.infer<typeof reportSchema>;

export const reportDetailSchema = reportSchema.extend({
  /** The builder's inputs and the stats queries it read. */
  sources: z.record(z.string(), z.unknown()),
  /** The archived document (figures' PNG bytes as `{ "$bytes": base64 }`). */
  document: z.record(z.string(), z.unknown()),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const reportListSchema = z.object({ items: z.array(reportSchema), nextOffset: z.number().nullable() });
export type ReportList = z.infer<typeof reportListSchema>;

export const reportJobSchema = z.object({
  id: z.number(),
  town: townRef,
  type: z.string(),
  period: z.string(),
  status: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.number(),
  claimedBy: z.string().nullable(),
  claimedAt: z.number().nullable(),
  lastError: z.string().nullable(),
  reportId: z.number().nullable(),
  updatedAt: z.number(),
});
export type ReportJob = z.infer<typeof reportJobSchema>;
export const reportJobListSchema = z.object({ items: z.array(reportJobSchema) });
