import type { Generated } from 'kysely';

export type ComplaintChannel = 'hotline_12345' | 'web' | 'phone' | 'visit' | 'api' | 'other';
export type ComplaintStatus = 'received' | 'dispatched' | 'in_progress' | 'responded' | 'closed' | 'cancelled';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type CaseSource = 'patrol' | 'complaint_referral' | 'department_referral' | 'report' | 'other';
export type CaseStatus = 'opened' | 'investigating' | 'decided' | 'closed' | 'cancelled';
export type CaseOutcome = 'penalty' | 'warning' | 'rectified' | 'no_violation' | 'transferred' | 'other';

/**
 * The columns complaints and enforcement cases share: where and what, when it was opened, answered and closed, and
 * how long handling took. Both tables carry them under the same names, so roll-ups and reports treat them alike.
 */
export interface RecordCoreColumns {
  id: Generated<number>;
  /** The town (a place of level town) the record belongs to: the scale-out key. */
  town_id: number;
  /** Which system the record came from (`12345`, `ledger`, `api` …) and its number there: unique together. */
  source_system: string;
  external_no: string;
  /** Never null: records of unknown category point at the taxonomy's unclassified leaf. */
  category_id: number;
  /** A village or group inside the town; null when the place is unknown. */
  place_id: number | null;
  enterprise_id: number | null;
  department_id: number | null;
  title: string | null;
  content: string;
  address: string | null;
  /** Epoch ms when the record was received or opened; the day and ISO week of that instant in the town. */
  opened_at: number;
  opened_day: string;
  opened_week: number;
  deadline_at: number | null;
  first_response_at: number | null;
  closed_at: number | null;
  /** 0/1: flagged as a difficult record (long, disputed, multi-department). */
  difficult: number;
  /** Set when closed: calendar milliseconds and working milliseconds (Chinese working-day calendar) to closure. */
  handling_ms: number | null;
  handling_work_ms: number | null;
  created_at: number;
  updated_at: number;
}

/** A citizen complaint or report (市民投诉举报 / 12345 工单). Personal data is stored encrypted only. */
export interface ComplaintTable extends RecordCoreColumns {
  channel: ComplaintChannel;
  /**
   * received → dispatched (to a department) → in_progress → responded (answered the citizen) → closed; or
   * cancelled (withdrawn, duplicate, out of scope). A closed or cancelled complaint has closed_at.
   */
  status: ComplaintStatus;
  /** core/pii tokens (`v1.<keyId>.…`), never clear text. */
  complainant_name_enc: string | null;
  complainant_phone_enc: string | null;
  /** Blind index of the phone (keyed HMAC of its digits): finds repeat complainants without decrypting. */
  complainant_phone_hash: string | null;
  /** 0/1, as the handler reported it; null when unknown. */
  resolved: number | null;
  satisfaction: Satisfaction | null;
  /** How many times the complaint was reopened after closure. */
  reopen_count: number;
  /** Where it happened, WGS84 degrees (Open311 lat/long), when known. */
  lat: number | null;
  lng: number | null;
  /** A photo or file the complainant linked (Open311 media_url). */
  media_url: string | null;
  /** JSON object of Open311 service attributes (code → value or values), when given. */
  attributes: string | null;
}

/** An administrative enforcement case (执法案件). The table is not called `case`: that is an SQL keyword. */
export interface EnforcementCaseTable extends RecordCoreColumns {
  source: CaseSource;
  /** opened → investigating → decided → closed; or cancelled. A closed or cancelled case has closed_at. */
  status: CaseStatus;
  /** The party the case is against, as written in the ledger (a person or an enterprise name). */
  party_name: string | null;
  outcome: CaseOutcome | null;
  /** The fine in fen (1/100 yuan), an integer. */
  penalty_fen: number | null;
  /** The complaint the case came from, when it did. */
  complaint_id: number | null;
}
