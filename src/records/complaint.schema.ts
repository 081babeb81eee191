import { z } from 'zod';
import {
  checkRecordRules,
  historyQueryShape,
  pageSchema,
  recordChangeSchema,
  recordInputShape,
  recordListQueryShape,
  recordOutputShape,
  storableText,
} from './record.schema.js';

export const complaintChannels = ['hotline_12345', 'web', 'phone', 'visit', 'api', 'other'] as const;
/**
 * received → dispatched (to a department) → in_progress → responded (the citizen got an answer) → closed, or
 * cancelled (withdrawn, duplicate, out of scope). closed and cancelled need closedAt.
 */
export const complaintStatuses = ['received', 'dispatched', 'in_progress', 'responded', 'closed', 'cancelled'] as const;
export const satisfactions = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** An http or https URL of at most 2,000 characters. */
export const mediaUrlSchema = storableText(2000).refine(
  (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
  'must be an http or https URL',
);

const attributeCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, _, . or - (not starting with _ . -)');
const attributeValue = storableText(500);
/** At most 50 attributes of at most 50 values of at most 500 characters each. */
export const complaintAttributesSchema = z
  .record(attributeCode, z.union([attributeValue, z.array(attributeValue).min(1).max(50)]))
  .refine((attributes) => Object.keys(attributes).length <= 50, 'at most 50 attributes');
export type ComplaintAttributes = z.infer<typeof complaintAttributesSchema>;

/** Degrees within ±limit; -0 is 0 (PostgreSQL would drop the sign, SQLite keep it). */
const degrees = (limit: number) =>
  z
    .number()
    .min(-limit)
    .max(limit)
    .transform((value) => value + 0);

/** A point needs both coordinates: one alone is a typo, not a place. */
function checkPoint(data: { lat?: number | undefined; lng?: number | undefined }, ctx: z.RefinementCtx): void {
  if ((data.lat === undefined) !== (data.lng === undefined)) {
    const missing = data.lat === undefined ? 'lat' : 'lng';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'give lat and lng together, or neither' });
  }
}

export const createComplaintSchema = z
  .object({
    ...recordInputShape,
    channel: z.enum(complaintChannels).default('other'),
    /** Absent: derived (closed when closedAt is given, responded with firstResponseAt, dispatched with a department). */
    status: z.enum(complaintStatuses).optional(),
    content: storableText(20_000).min(1),
    complainantName: storableText(100).min(1).optional(),
    complainantPhone: storableText(40)
      .regex(
        /^[0-9０-９+＋()（）\s-]*[0-9０-９]{3}[0-9０-９+＋()（）\s-]*$/,
        'must be a phone number (digits, +, -, spaces)',
      )
      .optional(),
    resolved: z.boolean().optional(),
    satisfaction: z.enum(satisfactions).optional(),
    reopenCount: z.number().int().min(0).max(1000).default(0),
    /** Where it happened, WGS84 degrees (as Open311 sends them; no GCJ-02): both or neither. */
    lat: degrees(90).optional(),
    lng: degrees(180).optional(),
    /** A photo or page the complainant linked (Open311 media_url). */
    mediaUrl: mediaUrlSchema.optional(),
    /** Answers to the service's extra questions (Open311 attributes): code → value, or values of a multi-value list. */
    attributes: complaintAttributesSchema.optional(),
  })
  .superRefine(checkRecordRules)
  .superRefine(checkPoint);
export type CreateComplaintInput = z.input<typeof createComplaintSchema>;
export type ComplaintData = z.output<typeof createComplaintSchema>;

/** The complainant as it leaves the server: masked unless revealed to a caller allowed to see it (audited). */
export const complainantSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  masked: z.boolean(),
});
export type Complainant = z.infer<typeof complainantSchema>;

export const complaintSchema = z.object({
  ...recordOutputShape,
  channel: z.enum(complaintChannels),
  status: z.enum(complaintStatuses),
  complainant: complainantSchema,
  resolved: z.boolean().nullable(),
  satisfaction: z.enum(satisfactions).nullable(),
  reopenCount: z.number(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  mediaUrl: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])).nullable(),
});
export type Complaint = z.infer<typeof complaintSchema>;

export const listComplaintsQuerySchema = z.object({
  ...recordListQueryShape,
  status: z.enum(complaintStatuses).optional(),
  channel: z.enum(complaintChannels).optional(),
});
export type ListComplaintsQuery = z.input<typeof listComplaintsQuerySchema>;

/**
 * The query of one complaint: `history=true` adds its change history; `reveal=true` with a `reason` (4–200 characters) shows the complainant unmasked to a
 * reader holding pii:read for it, and leaves an audit entry with the reason. Without reveal the reason is ignored.
 */
export const revealQuerySchema = z
  .object({
    ...historyQueryShape,
    reveal: z.union([z.boolean(), z.stringbool()]).default(false),
    reason: storableText(200).min(4, 'give at least 4 characters').optional(),
  })
  .superRefine((query, ctx) => {
    if (query.reveal && query.reason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'required with reveal=true: why the complainant is read unmasked (4–200 characters)',
      });
    }
  });
export type RevealQuery = z.input<typeof revealQuerySchema>;

/** One complaint as its GET answers it: with its change history when asked (`history=true`). */
export const complaintDetailSchema = complaintSchema.extend({ history: z.array(recordChangeSchema).optional() });
export type ComplaintDetail = z.infer<typeof complaintDetailSchema>;

export const complaintPageSchema = pageSchema(complaintSchema);
export type ComplaintPage = z.infer<typeof complaintPageSchema>;
