import { z } from 'zod';

/** An action as writers name it (`complaint.update`), or a prefix ending in `.*` (`complaint.*`) in a filter. */
const actionFilter = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?$/, 'must be an action such as complaint.update, or complaint.*')
  .max(64);

/**
 * A bound of the time filter: a town day `YYYY-MM-DD` (Asia/Shanghai; `from` at its start, `to` through its end) or
 * an ISO 8601 instant with its offset (`2026-03-01T08:00:00+08:00`).
 */
const timeBound = z
  .string()
  .trim()
  .max(40)
  .refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) || z.iso.datetime({ offset: true }).safeParse(text).success, {
    message: 'must be a day YYYY-MM-DD or an ISO 8601 instant with offset',
  });

/** The filters and paging of `GET /api/audit` (and `shanzhi audit list`). */
export const auditQuerySchema = z.object({
  /** Who acted: a username, an API token's name, or `cli`. */
  actor: z.string().trim().min(1).max(100).optional(),
  action: actionFilter.optional(),
  /** What was acted on: `complaint`, `place`, `enterprise`, … */
  entity: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be an entity name such as complaint or place')
    .optional(),
  /** The entity's id or code as the log holds it (a record's id, a place's code, `<town>/<department>`). */
  entityId: z.string().trim().min(1).max(200).optional(),
  from: timeBound.optional(),
  to: timeBound.optional(),
  /** A town's place code: only the entries about that town. */
  town: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number({ error: 'must be a whole number from 1 to 500' }).int().min(1).max(500).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(40).optional(),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditActorSchema = z.object({
  kind: z.enum(['user', 'token', 'system']),
  id: z.number().nullable(),
  name: z.string(),
});

/** One audit entry as it leaves the server. */
export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string().describe('ISO 8601 in the town offset'),
  atMs: z.number(),
  actor: auditActorSchema,
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  townCode: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** A page of entries, newest first, and the cursor of the next (older) page; null on the last. */
export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** What verifying the chain found: the entries checked, where it first breaks, and the last entry's link. */
export const chainVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number(),
  break: z
    .object({ seq: z.number(), reason: z.enum(['gap', 'previous_hash', 'hash']) })
    .optional()
    .describe('the first entry that does not verify'),
  head: z
    .object({ seq: z.number(), hash: z.string() })
    .nullable()
    .describe('the last stored entry: note its hash to detect a cut-off tail later'),
});
export type ChainVerification = z.infer<typeof chainVerificationSchema>;
