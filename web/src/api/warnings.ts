import { api, type Query, request } from './client';

/*
 * The early-warnings API (docs/warnings.md#lifecycle-and-api): the scoped list, one warning with its series, samples
 * and history, and the lifecycle steps. Each step answers with the warning as it now stands.
 */

export const WARNING_STATUSES = ['new', 'acknowledged', 'rectifying', 'closed', 'dismissed'] as const;
export const WARNING_SEVERITIES = ['red', 'orange', 'yellow', 'blue'] as const;
export const WARNING_TYPES = ['outbreak', 'trend', 'emerging', 'backlog'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];
export type WarningType = (typeof WARNING_TYPES)[number];
export type WarningSituation = 'village_surge' | 'spread' | 'slow_rise' | 'new_term' | 'overdue_backlog';

export interface Ref {
  code: string;
  name: string;
}

export interface Warning {
  id: number;
  type: WarningType;
  situation: WarningSituation;
  severity: WarningSeverity;
  score: number;
  status: WarningStatus;
  town: Ref;
  category: Ref | null;
  place: Ref;
  department: Ref | null;
  /** ISO week YYYYWW the episode began. */
  sinceWeek: number;
  /** ISO week YYYYWW it was last seen in. */
  week: number;
  observed: number;
  expected: number | null;
  upperBound: number | null;
  summary: string;
  summaryEn: string;
  owner: string | null;
  dueDay: string | null;
  detectedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface WarningPage {
  items: Warning[];
  nextCursor: string | null;
}

export interface WarningMethod {
  method: string;
  observed: number | null;
  expected: number | null;
  upperBound: number | null;
  alarm: boolean;
}

export interface WarningSeries {
  weeks: number[];
  observed: (number | null)[];
  expected: (number | null)[];
  upperBound: (number | null)[];
}

export interface TermDetail {
  term: string;
  count?: number;
  expected?: number;
  ratio?: number;
  new?: boolean;
}

export interface WarningFacts {
  villages: Ref[];
  categoryCode: string | null;
  weeks: number | null;
  terms: string[];
  slopePerWeek: number | null;
  qValue: number | null;
  overdue: number | null;
  series: WarningSeries | null;
  /** Passed through as the engine wrote it (emerging words). */
  termDetails?: unknown;
  [key: string]: unknown;
}

export interface WarningSample {
  kind: 'complaint' | 'case';
  id: number;
  title: string | null;
  excerpt: string;
  category: Ref;
  place: Ref | null;
  status: string;
  openedDay: string;
}

export interface WarningEvent {
  id: number;
  at: string;
  action: string;
  fromStatus: WarningStatus | null;
  toStatus: WarningStatus;
  actor: { kind: string; id: string; name: string };
  note: string | null;
  details: Record<string, unknown>;
}

export interface WarningMonthlyProblem {
  id: number;
  month: string;
  title: string;
  owner: string;
  status: 'open' | 'done';
}

export interface WarningDetail extends Warning {
  adviceCode: string | null;
  advice: string;
  adviceEn: string;
  actions: string | null;
  result: string | null;
  dismissReason: string | null;
  villages: Ref[];
  methods: WarningMethod[];
  facts: WarningFacts;
  samples: WarningSample[];
  events: WarningEvent[];
  monthlyProblems: WarningMonthlyProblem[];
}

/** The list's query as GET /api/warnings reads it (several values comma-separated). */
export interface WarningListQuery {
  town?: string;
  status?: WarningStatus[];
  severity?: WarningSeverity[];
  type?: WarningType[];
  category?: string;
  place?: string;
  q?: string;
  limit: number;
  offset?: number;
}

/** The query string of a list query, as the server reads it (the e2e test sends the same one). */
export function warningListParams(query: WarningListQuery): Query {
  const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.join(',') : undefined);
  return {
    town: query.town,
    status: list(query.status),
    severity: list(query.severity),
    type: list(query.type),
    category: query.category,
    place: query.place,
    q: query.q,
    limit: query.limit,
    offset: query.offset || undefined,
  };
}

export const fetchWarnings = (query: WarningListQuery, signal?: AbortSignal) =>
  api.get<WarningPage>('/api/warnings', warningListParams(query), signal);

export const fetchWarning = (id: number, signal?: AbortSignal) =>
  api.get<WarningDetail>(`/api/warnings/${id}`, undefined, signal);

/** A lifecycle step's body: every one may carry the status the caller saw (stale: 409). */
interface Expected {
  expectedStatus?: WarningStatus;
}

export interface RectifyBody extends Expected {
  owner: string;
  dueDay: string;
  actions: string;
  note?: string;
}

export const acknowledgeWarning = (id: number, body: Expected & { note?: string }) =>
  api.post<WarningDetail>(`/api/warnings/${id}/acknowledge`, body);
export const rectifyWarning = (id: number, body: RectifyBody) =>
  api.post<WarningDetail>(`/api/warnings/${id}/rectify`, body);
export const updateRectification = (id: number, body: Partial<RectifyBody>) =>
  request<WarningDetail>('PATCH', `/api/warnings/${id}/rectification`, { body });
export const closeWarning = (id: number, body: Expected & { result: string }) =>
  api.post<WarningDetail>(`/api/warnings/${id}/close`, body);
export const dismissWarning = (id: number, body: Expected & { reason: string }) =>
  api.post<WarningDetail>(`/api/warnings/${id}/dismiss`, body);
export const reopenWarning = (id: number, body: Expected & { note: string }) =>
  api.post<WarningDetail>(`/api/warnings/${id}/reopen`, body);

export interface MonthlyProblemBody {
  /** `YYYY-MM`. */
  month: string;
  title?: string;
  owner: string;
  plan: string;
}

export const promoteWarning = (id: number, body: MonthlyProblemBody) =>
  api.post<unknown>(`/api/warnings/${id}/monthly-problem`, body);
