import { api, type Query } from './client';

/*
 * Complaints and enforcement cases (docs/api.md): the searches, one record with its history, the records behind a
 * number of the stats API, and the reference lists the search filters offer (categories, departments).
 */

export type RecordKind = 'complaint' | 'case';
/** The address segment of a kind: /records/complaints/1, /api/cases/2. */
export type RecordPath = 'complaints' | 'cases';

export const COMPLAINT_STATUSES = [
  'received',
  'dispatched',
  'in_progress',
  'responded',
  'closed',
  'cancelled',
] as const;
export const CASE_STATUSES = ['opened', 'investigating', 'decided', 'closed', 'cancelled'] as const;
export const COMPLAINT_CHANNELS = ['hotline_12345', 'web', 'phone', 'visit', 'api', 'other'] as const;
export const CASE_SOURCES = ['patrol', 'complaint_referral', 'department_referral', 'report', 'other'] as const;

export interface Ref {
  code: string;
  name: string;
}

export interface RecordChange {
  changedAt: string;
  changedAtMs: number;
  origin: string;
  changes: Record<
    string,
    { from?: string | number | boolean | null; to?: string | number | boolean | null; changed?: boolean }
  >;
}

interface RecordCore {
  id: number;
  town: Ref;
  category: Ref;
  place: Ref | null;
  department: Ref | null;
  enterprise: { creditCode: string; name: string } | null;
  sourceSystem: string;
  externalNo: string;
  title: string | null;
  content: string;
  address: string | null;
  openedAt: string;
  openedAtMs: number;
  openedDay: string;
  deadlineAt: string | null;
  deadlineAtMs: number | null;
  firstResponseAt: string | null;
  firstResponseAtMs: number | null;
  closedAt: string | null;
  closedAtMs: number | null;
  overdue: boolean;
  difficult: boolean;
  handlingMs: number | null;
  handlingWorkMs: number | null;
  history?: RecordChange[];
}

export interface Complaint extends RecordCore {
  channel: string;
  status: string;
  complainant: { name: string | null; phone: string | null; masked: boolean };
  resolved: boolean | null;
  satisfaction: string | null;
  reopenCount: number;
}

export interface Case extends RecordCore {
  source: string;
  status: string;
  partyName: string | null;
  outcome: string | null;
  penaltyFen: number | null;
  complaintId: number | null;
}

export type AnyRecord = (Complaint & { kind: 'complaint' }) | (Case & { kind: 'case' });

export interface RecordPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** GET /api/complaints or /api/cases with the search's query (see records.model searchQuery). */
export async function fetchRecordPage(
  path: RecordPath,
  query: Query,
  signal?: AbortSignal,
): Promise<RecordPage<AnyRecord>> {
  const page = await api.get<RecordPage<Complaint | Case>>(`/api/${path}`, query, signal);
  const kind: RecordKind = path === 'complaints' ? 'complaint' : 'case';
  return { ...page, items: page.items.map((item) => ({ ...item, kind }) as AnyRecord) };
}

/** One record with its history; `reason` unmasks the complainant (pii:read, audited). */
export async function fetchRecord(
  path: RecordPath,
  id: string,
  reason: string | undefined,
  signal?: AbortSignal,
): Promise<AnyRecord> {
  const query: Query = { history: true };
  if (reason !== undefined && path === 'complaints') {
    query.reveal = true;
    query.reason = reason;
  }
  const record = await api.get<Complaint | Case>(`/api/${path}/${encodeURIComponent(id)}`, query, signal);
  return { ...record, kind: path === 'complaints' ? 'complaint' : 'case' } as AnyRecord;
}

/** The flags of GET /api/stats/records (docs/stats.md): a record counts towards that measure. */
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

export interface StatsRecordsQuery {
  town?: string;
  period?: 'week' | 'month' | 'quarter' | 'year';
  from?: string;
  to?: string;
  category?: string;
  place?: string;
  department?: string;
  kind: RecordKind;
  flag: RecordFlag;
  limit: number;
  offset: number;
}

export async function fetchStatsRecords(query: StatsRecordsQuery, signal?: AbortSignal) {
  return api.get<{ asOf: string | null; items: AnyRecord[]; nextCursor: string | null }>(
    '/api/stats/records',
    { ...query },
    signal,
  );
}

export interface StatsCountRow {
  period: string;
  keys: { kind?: { code: string | null } };
  values: Record<string, number | null>;
}

/** Counts of the stats API split by kind (the same numbers the overview shows) for the given count measures. */
export async function fetchKindCounts(
  query: Omit<StatsRecordsQuery, 'kind' | 'limit' | 'offset' | 'flag'>,
  measures: readonly string[],
  signal?: AbortSignal,
) {
  return api.get<{ rows: StatsCountRow[] }>(
    '/api/stats',
    { ...query, measures: measures.join(','), by: 'kind' },
    signal,
  );
}
