import type { CreateCaseInput, CreateComplaintInput } from '../records/index.js';

/*
 * The records the demo town generates, shaped like the inputs of the records feature (createComplaint, createCase)
 * so that the database writer can pass them on unchanged, and the export writers can turn them into the columns of
 * a 12345 work-order export or an enforcement ledger. Each has `kind` and the links between records by external
 * number, which the writers resolve; zod strips both from a service input.
 */

interface DraftCore {
  townCode: string;
  sourceSystem: string;
  externalNo: string;
  categoryCode: string;
  /** A village or group of the town. */
  placeCode: string;
  enterpriseCreditCode?: string;
  departmentCode?: string;
  title: string;
  content: string;
  /** The full address, 义乌市云溪镇…. */
  address: string;
  /** Epoch ms, like every instant of the drafts. */
  openedAt: number;
  deadlineAt: number;
  firstResponseAt?: number;
  closedAt?: number;
  difficult: boolean;
}

/** A citizen complaint (12345 work order). */
export interface ComplaintDraft extends DraftCore {
  kind: 'complaint';
  channel: 'hotline_12345' | 'web' | 'phone' | 'visit';
  status: 'received' | 'dispatched' | 'in_progress' | 'responded' | 'closed' | 'cancelled';
  complainantName: string;
  complainantPhone: string;
  resolved?: boolean;
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  reopenCount: number;
  /** The earlier complaint this one repeats (same address and category within days), if it is a repeat. */
  repeatOfExternalNo?: string;
}

/** An administrative enforcement case (ledger row). */
export interface CaseDraft extends DraftCore {
  kind: 'case';
  source: 'patrol' | 'complaint_referral' | 'department_referral' | 'report';
  status: 'opened' | 'investigating' | 'decided' | 'closed' | 'cancelled';
  partyName: string;
  outcome?: 'penalty' | 'warning' | 'rectified' | 'no_violation' | 'transferred';
  penaltyFen?: number;
  /** The complaint the case came from (complaint referral), when there is one; the writer resolves it to an id. */
  complaintExternalNo?: string;
}

/** What the generator yields: a complaint or a case, told apart by `kind`. */
export type RecordDraft = ComplaintDraft | CaseDraft;

/*
 * Compile-time proof that a draft is a valid service input (apart from the extra keys the writer drops): if the
 * records schema changes a field name or narrows a type, this stops compiling.
 */
type Assignable<T extends U, U> = T;
/** Compiles only while a complaint draft is a valid createComplaint input. */
export type ComplaintDraftIsInput = Assignable<
  Omit<ComplaintDraft, 'kind' | 'repeatOfExternalNo'>,
  CreateComplaintInput
>;
/** Compiles only while a case draft is a valid createCase input. */
export type CaseDraftIsInput = Assignable<Omit<CaseDraft, 'kind' | 'complaintExternalNo'>, CreateCaseInput>;
