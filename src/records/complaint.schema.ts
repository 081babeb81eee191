import { z } from 'zod';
import {
  checkRecordRules,
  pageSchema,
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
  })
  .superRefine(checkRecordRules);
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
});
export type Complaint = z.infer<typeof complaintSchema>;

export const listComplaintsQuerySchema = z.object({
  ...recordListQueryShape,
  status: z.enum(complaintStatuses).optional(),
  channel: z.enum(complaintChannels).optional(),
});
export type ListComplaintsQuery = z.input<typeof listComplaintsQuerySchema>;

export const complaintPageSchema = pageSchema(complaintSchema);
export type ComplaintPage = z.infer<typeof complaintPageSchema>;
