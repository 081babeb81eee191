import type { DetectedProfile, ImportBatch, ProfileSummary } from '../../api/imports';

/*
 * The data import page's rules, as pure functions (tested in imports.model.test.ts): which files it takes, what part
 * of a file detection needs, what a detection means for the profile to use, and how a batch's progress reads.
 */

/** The largest file the server takes (MAX_UPLOAD_BYTES in src/ingest/import.routes.ts). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** What the Upload's file dialog offers. */
export const ACCEPTED_EXTENSIONS = ['.csv', '.txt', '.tsv', '.xlsx', '.xlsm', '.jsonl', '.ndjson', '.json'];
/** The start of a text file detection reads: the header and well over its 200 sample rows. */
export const DETECT_TEXT_BYTES = 1024 * 1024;
/** Poll a running batch this often. */
export const POLL_MS = 500;
/** The profile choice that asks the server to propose one. */
export const AUTO_PROFILE = '__auto__';

export type FileProblem = 'imports.fileType' | 'imports.fileTooLarge' | 'imports.fileEmpty';

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};

/** Why a chosen file cannot be uploaded (a message key), or undefined when it can. */
export function fileProblem(name: string, size: number): FileProblem | undefined {
  if (!ACCEPTED_EXTENSIONS.includes(extensionOf(name))) {
    return 'imports.fileType';
  }
  if (size === 0) {
    return 'imports.fileEmpty';
  }
  return size > MAX_UPLOAD_BYTES ? 'imports.fileTooLarge' : undefined;
}

/** A text file (CSV, JSON Lines) whose start is enough to detect its profile; XLSX must be sent whole. */
export function isTextFile(name: string): boolean {
  return ['.csv', '.txt', '.tsv', '.jsonl', '.ndjson'].includes(extensionOf(name));
}

/**
 * How many bytes of a text file's first `head` bytes to send for detection: all of them when the file is no longer,
 * else up to the last line break, so no row is cut (a byte 0x0A never lies inside a UTF-8 or GB18030 character).
 */
export function detectLength(head: Uint8Array, fileSize: number): number {
  if (fileSize <= head.length) {
    return fileSize;
  }
  const lastBreak = head.lastIndexOf(0x0a);
  return lastBreak < 0 ? head.length : lastBreak + 1;
}

export type Detection =
  /** A built-in profile that reads the file as it is. */
  | { kind: 'exact'; profile: string }
  /** A built-in profile the file nearly fits: some headers or words differ, so some rows may be rejected. */
  | { kind: 'close'; profile: string }
  /** No profile the server has fits: an administrator saves the proposal in the data folder first. */
  | { kind: 'none' };

/** What a detection means for the upload: the profile to use, if any the server can name. */
export function readDetection(detected: DetectedProfile, profiles: readonly ProfileSummary[]): Detection {
  const has = (name: string | undefined) => name !== undefined && profiles.some((profile) => profile.name === name);
  const proposed = typeof detected.profile.name === 'string' ? detected.profile.name : undefined;
  if (detected.builtIn !== null && proposed === detected.builtIn && has(proposed)) {
    return { kind: 'exact', profile: detected.builtIn };
  }
  if (has(proposed) && proposed !== undefined) {
    return { kind: 'exact', profile: proposed };
  }
  if (detected.builtIn !== null && has(detected.builtIn)) {
    return { kind: 'close', profile: detected.builtIn };
  }
  return { kind: 'none' };
}

export const isRunning = (batch: ImportBatch) => batch.status === 'running';

/** The progress bar: percent (whole, 0–100) and its state. */
export function progressOf(batch: ImportBatch): { percent: number; status: 'active' | 'success' | 'exception' } {
  const percent = Math.max(0, Math.min(100, Math.floor(batch.progress.share * 100)));
  if (batch.status === 'running') {
    return { percent: Math.min(percent, 99), status: 'active' };
  }
  return batch.status === 'done' ? { percent: 100, status: 'success' } : { percent, status: 'exception' };
}

/** Rows stored (new or changed) of a batch; a dry run stores none. */
export function storedRows(batch: ImportBatch): number {
  return batch.dryRun ? 0 : batch.counts.inserted + batch.counts.updated;
}

/**
 * Cursor paging in the address: the cursors of the pages after the first, comma-separated (`?hb=120,80`), so a reload
 * or a shared link shows the same page and 上一页 works. Anything malformed reads as the first page.
 */
export function readTrail(value: string | null): number[] {
  if (!value) {
    return [];
  }
  const cursors = value.split(',').map(Number);
  return cursors.every((cursor) => Number.isSafeInteger(cursor) && cursor >= 0) ? cursors : [];
}

export function writeTrail(trail: readonly number[]): string | null {
  return trail.length === 0 ? null : trail.join(',');
}

/** `10.5 MB` style sizes (1024-based, one decimal from KB up, none when it is 0: `1 GB`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

/** The batch's start time as the town's wall clock: `2026-11-29 20:31` (the API sends ISO with the offset). */
export function formatTime(iso: string | null): string {
  return iso === null ? '—' : iso.slice(0, 16).replace('T', ' ');
}
