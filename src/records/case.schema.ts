import { z } from 'zod';
import {
  checkRecordRules,
  pageSchema,
  recordChangeSchema,
  recordInputShape,
  recordListQueryShape,
  recordOutputShape,
  storableText,
} from './record.schema.js';

export const caseSources = ['patrol', 'complaint_referral', 'department_referral', 'report', 'other'] as const;
/** opened → investigating → decided → closed, or cancelled. closed and cancelled need closedAt. */
export const caseStatuses = ['opened', 'investigating', 'decided', 'closed', 'cancelled'] as const;
export const caseOutcomes = ['penalty', 'warning', 'rectified', 'no_violation', 'transferred', 'other'] as const;

export const createCaseSchema = z
  .object({
    ...recordInputShape,
    source: z.enum(caseSources).default('other'),
    /** Absent: derived (closed when closedAt is given, decided with an outcome, else opened). */
    status: z.enum(caseStatuses).optional(),
    /** The case summary (案情摘要); a ledger row may have none. */
    content: storableText(20_000).default(''),
    partyName: storableText(200).min(1).optional(),
    outcome: z.enum(caseOutcomes).optional(),
    /** The fine in fen (1/100 yuan). */
    penaltyFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** The id of the complaint the case came from, in the same town. */
    complaintId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .superRefine(checkRecordRules);
export type CreateCaseInput = z.input<typeof createCaseSchema>;
export type CaseData = z.output<typeof createCaseSchema>;

export const caseSchema = z.object({
  ...recordOutputShape,
  source: z.enum(caseSources),
  status: z.enum(caseStatuses),
  partyName: z.string().nullable(),
  outcome: z.enum(caseOutcomes).nullable(),
  penaltyFen: z.number().nullable(),
  complaintId: z.number().nullable(),
});
export type Case = z.infer<typeof caseSchema>;

export const listCasesQuerySchema = z.object({
  ...recordListQueryShape,
  status: z.enum(caseStatuses).optional(),
  source: z.enum(caseSources).optional(),
});
export type ListCasesQuery = z.input<typeof listCasesQuerySchema>;

/** One case as its GET answers it: with its change history when asked (`history=true`). */
export const caseDetailSchema = caseSchema.extend({ history: z.array(recordChangeSchema).optional() });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const casePageSchema = pageSchema(caseSchema);
export type CasePage = z.infer<typeof casePageSchema>;
