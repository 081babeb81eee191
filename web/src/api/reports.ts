import { api, withQuery } from './client';

/*
 * The report archive (docs/reports.md, "Archive, API and schedule"): generated reports with their versions, their
 * files, and the schedule's runs.
 */

export type ReportTypeName = 'weekly' | 'monthly' | 'quarterly';
export type ReportLocale = 'zh-CN' | 'en-US';
export type ReportFormat = 'docx' | 'pdf' | 'html' | 'xlsx';
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Report {
  id: number;
  town: { code: string; name: string };
  type: string;
  period: string;
  locale: string;
  version: number;
  title: string;
  /** `schedule`, `manual` (the API) or `cli`. */
  trigger: string;
  createdBy: string;
  createdAt: number;
  formats: string[];
}

export interface ReportDetail extends Report {
  /** The builder's inputs and the stats queries it read: `{ type, town, period, locale, actor, queries }`. */
  sources: Record<string, unknown>;
  document: Record<string, unknown>;
}

export interface ReportList {
  items: Report[];
  nextOffset: number | null;
}

export interface ReportJob {
  id: number;
  town: { code: string; name: string };
  type: string;
  period: string;
  status: string;
  attempts: number;
  nextAttemptAt: number;
  claimedBy: string | null;
  claimedAt: number | null;
  lastError: string | null;
  reportId: number | null;
  updatedAt: number;
}

export interface ReportListQuery {
  town?: string;
  type?: string;
  period?: string;
  locale?: string;
  limit?: number;
  offset?: number;
}

export interface GenerateReportBody {
  type: ReportTypeName;
  period: string;
  town: string;
  locale?: ReportLocale;
}

export function fetchReports(query: ReportListQuery, signal?: AbortSignal): Promise<ReportList> {
  return api.get<ReportList>('/api/reports', { ...query }, signal);
}

export function fetchReport(id: number, signal?: AbortSignal): Promise<ReportDetail> {
  return api.get<ReportDetail>(`/api/reports/${id}`, undefined, signal);
}

export function fetchReportJobs(
  query: { town?: string; status?: JobStatus; limit?: number },
  signal?: AbortSignal,
): Promise<{ items: ReportJob[] }> {
  return api.get<{ items: ReportJob[] }>('/api/reports/jobs', { ...query }, signal);
}

/** Generate now and archive → the new report (the next version when the period has one already). */
export function generateReport(body: GenerateReportBody): Promise<Report> {
  return api.post<Report>('/api/reports', body);
}

/** A new version from today's data; the old one stays. */
export function regenerateReport(id: number): Promise<Report> {
  return api.post<Report>(`/api/reports/${id}/regenerate`);
}

/**
 * The address of a report's file: a plain link downloads it under its Chinese name (Content-Disposition
 * attachment); `inline` shows it in the browser (the HTML preview, served in a sandbox of its own).
 */
export function reportFileUrl(id: number, format: ReportFormat, disposition?: 'inline'): string {
  return withQuery(`/api/reports/${id}/file`, { format, disposition });
}
