import { townIso } from '../core/time/index.js';
import type { ImportBatchRow, ImportIssueRow } from './import.repo.js';
import type { ImportBatch, ImportIssueItem } from './import.schema.js';
import { type IssueLocale, type IssueParams, issueText } from './issue-text.js';

export function presentBatch(row: ImportBatchRow): ImportBatch {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    profile: row.profile,
    sourceSystem: row.source_system,
    fileName: row.file_name,
    fileBytes: row.file_bytes,
    fileSha256: row.file_sha256,
    dryRun: row.dry_run === 1,
    strict: row.strict === 1,
    progress: {
      bytesRead: row.bytes_read,
      share: row.status === 'done' ? 1 : row.file_bytes > 0 ? Math.min(1, row.bytes_read / row.file_bytes) : 0,
      rows: row.rows_read,
    },
    counts: {
      inserted: row.inserted,
      updated: row.updated,
      unchanged: row.unchanged,
      rejected: row.rejected,
      warned: row.warned,
    },
    error: row.error,
    startedAt: townIso(row.started_at),
    finishedAt: row.finished_at === null ? null : townIso(row.finished_at),
  };
}

/** An issue's sentence in the locale: written from its code, or its stored reason when it has none (before 0012). */
export function issueReason(row: ImportIssueRow, locale: IssueLocale): string {
  if (row.code === null) {
    return row.reason;
  }
  let params: IssueParams = {};
  try {
    const parsed: unknown = row.params === null ? {} : JSON.parse(row.params);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      params = parsed as IssueParams;
    }
  } catch {
    return row.reason;
  }
  return issueText({ code: row.code, params }, locale);
}

export function presentIssue(row: ImportIssueRow, locale: IssueLocale = 'zh-CN'): ImportIssueItem {
  return {
    id: row.id,
    severity: row.severity,
    file: row.file,
    line: row.line,
    column: row.column_name,
    value: row.value,
    reason: issueReason(row, locale),
    code: row.code,
  };
}
