import { townIso } from '../core/time/index.js';
import type { ImportBatchRow, ImportIssueRow } from './import.repo.js';
import type { ImportBatch, ImportIssueItem } from './import.schema.js';

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

export function presentIssue(row: ImportIssueRow): ImportIssueItem {
  return {
    id: row.id,
    severity: row.severity,
    file: row.file,
    line: row.line,
    column: row.column_name,
    value: row.value,
    reason: row.reason,
  };
}
