import type { Generated } from 'kysely';

export type ReportTypeName = 'weekly' | 'monthly' | 'quarterly';
export type ReportTrigger = 'schedule' | 'manual' | 'cli';
export type ReportJobStatus = 'pending' | 'running' | 'done' | 'failed';

/** One archived report version (src/reports/archive). */
export interface ReportTable {
  id: Generated<number>;
  town_id: number;
  type: ReportTypeName;
  /** Canonical period text: 2025W23, 2025-06, 2025Q2. */
  period: string;
  locale: 'zh-CN' | 'en-US';
  /** 1, 2… per town, type, period and locale. */
  version: number;
  title: string;
  /** JSON: the ReportDocument snapshot the files are rendered from. */
  document: string;
  /** JSON: the builder's inputs and queries. */
  sources: string;
  trigger: ReportTrigger;
  created_by: string;
  created_at: number;
}

/** One scheduled run of a report type for a town and period (src/reports/jobs). */
export interface ReportJobTable {
  id: Generated<number>;
  town_id: number;
  type: ReportTypeName;
  period: string;
  status: ReportJobStatus;
  attempts: number;
  next_attempt_at: number;
  claimed_by: string | null;
  claimed_at: number | null;
  last_error: string | null;
  report_id: number | null;
  created_at: number;
  updated_at: number;
}
