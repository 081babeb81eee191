import type { Actor } from '../auth/index.js';
import type { Cipher } from '../core/pii/index.js';
import type { AfterWrite } from '../records/index.js';
import type { Db } from '../store/database.js';
import type { IssueCode, IssueParams } from './issue-text.js';

/* The contract of an import: what it needs, what it is asked, what it reports (import.service.ts runs it). */

export interface ImportDeps {
  db: Db;
  cipher: Cipher;
  /** The secret `cipher` was made from: with it, big files are prepared on a worker thread. */
  secret?: string | undefined;
  /** Where user profiles live (`<dataDir>/profiles`). */
  dataDir?: string | undefined;
  /** The roll-ups, kept current in the same transaction (the cube's updateCube; see records' AfterWrite). */
  afterWrite: AfterWrite;
  /** Who imports: imports:write must cover the town (see import.access.ts); the batch is audited under them. */
  actor: Actor;
}

export interface ImportRequest {
  /** Path of the file to read. */
  file: string;
  /** The name to report (an upload's original name); default the file's base name. */
  fileName?: string | undefined;
  /** A profile name or a path to a profile JSON file. */
  profile: string;
  /** The town of every row, when the file has no town column. */
  townCode?: string | undefined;
  /** Replaces the profile's source system (the key's first half). */
  sourceSystem?: string | undefined;
  dryRun?: boolean | undefined;
  strict?: boolean | undefined;
  /** Rows per transaction. */
  batchSize?: number | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

export interface ImportCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warned: number;
}

export interface ImportProgress extends ImportCounts {
  batchId: number;
  bytesRead: number;
  bytesTotal: number;
}

/** A row issue as reported: where (file, line, column), the cell, and why. */
export interface ImportIssue {
  file: string;
  line: number;
  column: string | null;
  value: string | null;
  /** In English; issueText({ code, params }, locale) writes it in another language. */
  reason: string;
  code: IssueCode;
  params: IssueParams;
}

export interface ImportResult extends ImportCounts {
  batchId: number;
  status: 'done' | 'failed';
  file: string;
  profile: string;
  kind: 'complaint' | 'case';
  sourceSystem: string;
  dryRun: boolean;
  strict: boolean;
  seconds: number;
  /** Columns of the profile the file lacks, and headers of the file no column reads. */
  missingColumns: string[];
  ignoredColumns: string[];
  /** The rejected rows' issues (the first MAX_REPORTED; all of them are stored with the batch). */
  rejects: ImportIssue[];
  warnings: ImportIssue[];
  /** Set when the import stopped (strict mode). */
  error: string | null;
}
