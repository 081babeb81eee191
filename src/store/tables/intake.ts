import type { Generated } from 'kysely';

export type ImportStatus = 'running' | 'done' | 'failed' | 'interrupted';
export type RecordKind = 'complaint' | 'case';

/**
 * One file import (`shanzhi import`, `POST /api/imports`): what was read with which profile, its progress (updated in
 * the same transaction as each batch of rows, so it never runs ahead of what is stored) and its counts.
 */
export interface ImportBatchTable {
  id: Generated<number>;
  /** The town the rows belong to, when the import names one (`--town`). */
  town_id: number | null;
  kind: RecordKind;
  /** The source system the rows are keyed by, with each row's external number. */
  source_system: string;
  /** The mapping profile's name. */
  profile: string;
  file_name: string;
  file_sha256: string;
  file_bytes: number;
  dry_run: Generated<number>;
  strict: Generated<number>;
  /** running → done | failed; a running batch whose process died is marked interrupted by the next import. */
  status: ImportStatus;
  pid: number | null;
  host: string | null;
  /** Epoch ms of the last committed batch of rows (liveness). */
  heartbeat_at: number;
  bytes_read: Generated<number>;
  rows_read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  /** Rows kept but with a problem (category or place not mapped). */
  warned: Generated<number>;
  error: string | null;
  started_at: number;
  finished_at: number | null;
}

/** A row of an import that was rejected, or kept with a warning: where it is and why. */
export interface ImportIssueTable {
  id: Generated<number>;
  batch_id: number;
  severity: 'reject' | 'warning';
  file: string;
  /** 1-based line of the file (CSV, JSON Lines) or row of the worksheet (XLSX). */
  line: number;
  column_name: string | null;
  /** The cell as read; personal data masked. */
  value: string | null;
  /** In English (the CLI's words); `code` and `params` write it in the reader's language (src/ingest/issue-text.ts). */
  reason: string;
  /** Null on issues stored before codes (migration 0012): they read as their reason. */
  code: string | null;
  /** JSON object of the code's params; null with the code. */
  params: string | null;
}

/** The history of a record's fields: one row per write that changed something, `{field: {from, to}}` as JSON. */
export interface RecordChangeTable {
  id: Generated<number>;
  record_kind: RecordKind;
  record_id: number;
  /** `import`, `api`, `open311`. */
  origin: string;
  batch_id: number | null;
  changes: string;
  changed_at: number;
}

/** A POST answered once under an `Idempotency-Key`: the same key and body get the same answer again. */
export interface IdempotencyKeyTable {
  /** The route (`POST /api/complaints`) and the caller, so two clients' keys never meet. */
  scope: string;
  key: string;
  /** SHA-256 of the request body: the same key with another body is a conflict. */
  request_hash: string;
  status_code: number;
  response: string;
  created_at: number;
}

/** An API token (of an integration or an Open311 app), acting within its town; only its SHA-256 is stored. */
export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  town_id: number;
  /** The first characters, to tell keys apart in lists. */
  key_prefix: string;
  key_hash: string;
  /** JSON array of the token's permissions (`["open311:submit"]`; src/apikeys tokenPermissions). */
  scopes: string;
  created_at: number;
  revoked_at: number | null;
  /** Epoch ms after which the key verifies as nothing; null: no expiry. */
  expires_at: number | null;
  /** Epoch ms of the last request the key verified for (updated at most once a minute). */
  last_used_at: number | null;
}
