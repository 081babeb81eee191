import type { Locale } from '../i18n/messages';
import { ApiError, api, toApiError, withQuery } from './client';

/*
 * Data import (数据导入): upload a file (multipart, with upload progress), poll its batch, read its rejected rows and
 * the profiles an import can name. The shapes are those of src/ingest/import.schema.ts.
 */

export type ImportStatus = 'running' | 'done' | 'failed' | 'interrupted';
export type IssueSeverity = 'reject' | 'warning';

export interface ImportBatch {
  id: number;
  status: ImportStatus;
  kind: 'complaint' | 'case';
  profile: string;
  sourceSystem: string;
  fileName: string;
  fileBytes: number;
  fileSha256: string;
  dryRun: boolean;
  strict: boolean;
  /** `share` 0–1 by bytes read and committed; `rows` read so far. */
  progress: { bytesRead: number; share: number; rows: number };
  counts: { inserted: number; updated: number; unchanged: number; rejected: number; warned: number };
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ImportIssue {
  id: number;
  severity: IssueSeverity;
  file: string;
  line: number;
  column: string | null;
  value: string | null;
  /** In the locale asked for (written from `code`; issues stored before codes keep their English reason). */
  reason: string;
  /** The stable code of the issue (src/ingest/issue-text.ts), or null on old issues. */
  code: string | null;
}

export interface ProfileSummary {
  name: string;
  title: string;
  description: string | null;
  kind: 'complaint' | 'case';
  sourceSystem: string;
  origin: 'built-in' | 'data' | 'file';
  /** Each column's source → target value map, when it has one. */
  columns: { header: string; field: string; type: string; map: Record<string, string> | null }[];
}

export interface DetectedProfile {
  fileName: string;
  builtIn: string | null;
  profile: { name?: string; title?: string; sourceSystem?: string; kind?: string; [key: string]: unknown };
  matched: { header: string; field: string; confidence: number }[];
  unmatched: string[];
}

export interface Page<T> {
  items: T[];
  /** The cursor of the next page, or null on the last. */
  next: number | null;
}

export async function fetchImports(query: { limit: number; before?: number }, signal?: AbortSignal) {
  const answer = await api.get<{ items: ImportBatch[]; nextBefore: number | null }>('/api/imports', query, signal);
  return { items: answer.items, next: answer.nextBefore } satisfies Page<ImportBatch>;
}

export function fetchImport(id: number, signal?: AbortSignal): Promise<ImportBatch> {
  return api.get<ImportBatch>(`/api/imports/${id}`, undefined, signal);
}

export async function fetchIssues(
  id: number,
  query: { severity: IssueSeverity; limit: number; after?: number; locale: Locale },
  signal?: AbortSignal,
) {
  const answer = await api.get<{ items: ImportIssue[]; nextAfter: number | null }>(
    `/api/imports/${id}/issues`,
    query,
    signal,
  );
  return { items: answer.items, next: answer.nextAfter } satisfies Page<ImportIssue>;
}

export function fetchProfiles(signal?: AbortSignal): Promise<ProfileSummary[]> {
  return api.get<ProfileSummary[]>('/api/import-profiles', undefined, signal);
}

/**
 * The address of a batch's rejected rows (or warnings) as a file, with reasons in the locale (zh-CN, the server's
 * default, is left out); the server names it (Content-Disposition).
 */
export function issuesFileUrl(id: number, format: 'csv' | 'xlsx', severity: IssueSeverity, locale: Locale): string {
  return withQuery(`/api/imports/${id}/rejects.${format}`, {
    severity: severity === 'warning' ? severity : undefined,
    locale: locale === 'zh-CN' ? undefined : locale,
  });
}

export interface UploadOptions {
  profile: string;
  town?: string;
  sourceSystem?: string;
  dryRun: boolean;
  strict: boolean;
}

/** The form fields of an upload, before its file (the server reads them first). */
export function uploadFields(options: UploadOptions): [string, string][] {
  const fields: [string, string][] = [['profile', options.profile]];
  if (options.town) {
    fields.push(['town', options.town]);
  }
  if (options.sourceSystem?.trim()) {
    fields.push(['sourceSystem', options.sourceSystem.trim()]);
  }
  fields.push(['dryRun', String(options.dryRun)], ['strict', String(options.strict)]);
  return fields;
}

/**
 * POST a multipart form. XMLHttpRequest rather than fetch: only it reports the upload's progress, which a large file
 * needs. The same rules as client.ts: same origin, the CSRF header, failures as ApiError.
 */
function postForm<T>(
  path: string,
  form: FormData,
  csrfToken: string | null,
  onProgress?: (share: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) {
      xhr.setRequestHeader('x-csrf-token', csrfToken);
    }
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) {
          onProgress(event.loaded / event.total);
        }
      };
    }
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
      } else {
        reject(toApiError(xhr.status, body));
      }
    };
    xhr.onerror = () => reject(new ApiError('network', 0, 'upload failed'));
    xhr.send(form);
  });
}

/** Upload a file and start importing it: the batch, at once (202); the import runs on in the background. */
export function uploadImport(
  file: Blob,
  fileName: string,
  options: UploadOptions,
  csrfToken: string | null,
  onProgress?: (share: number) => void,
): Promise<ImportBatch> {
  const form = new FormData();
  for (const [name, value] of uploadFields(options)) {
    form.append(name, value);
  }
  form.append('file', file, fileName);
  return postForm<ImportBatch>('/api/imports', form, csrfToken, onProgress);
}

/** The profile `shanzhi import --detect` proposes for a file (its start is enough for CSV and JSON Lines). */
export function detectProfile(file: Blob, fileName: string, csrfToken: string | null): Promise<DetectedProfile> {
  const form = new FormData();
  form.append('file', file, fileName);
  return postForm<DetectedProfile>('/api/import-profiles/detect', form, csrfToken);
}
