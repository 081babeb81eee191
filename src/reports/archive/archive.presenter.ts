import { REPORT_FORMATS } from '../document/index.js';
import type { ReportRow, ReportSummaryRow } from './archive.repo.js';
import type { Report, ReportDetail } from './archive.schema.js';

export function presentReport(row: ReportSummaryRow): Report {
  return {
    id: Number(row.id),
    town: { code: row.town_code, name: row.town_name },
    type: row.type,
    period: row.period,
    locale: row.locale,
    version: row.version,
    title: row.title,
    trigger: row.trigger,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    formats: [...REPORT_FORMATS],
  };
}

export function presentReportDetail(row: ReportRow): ReportDetail {
  return {
    ...presentReport(row),
    sources: JSON.parse(row.sources) as Record<string, unknown>,
    document: JSON.parse(row.document) as Record<string, unknown>,
  };
}
