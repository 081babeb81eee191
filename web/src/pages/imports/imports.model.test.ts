import { describe, expect, it } from 'vitest';
import type { DetectedProfile, ImportBatch, ProfileSummary } from '../../api/imports';
import { uploadFields } from '../../api/imports';
import {
  detectLength,
  fileProblem,
  formatBytes,
  formatTime,
  isTextFile,
  MAX_UPLOAD_BYTES,
  progressOf,
  readDetection,
  readTrail,
  storedRows,
  writeTrail,
} from './imports.model';

function makeBatch(overrides: Partial<ImportBatch> = {}): ImportBatch {
  return {
    id: 1,
    status: 'done',
    kind: 'complaint',
    profile: '12345-work-orders',
    sourceSystem: '12345',
    fileName: 'a.csv',
    fileBytes: 1000,
    fileSha256: 'x',
    dryRun: false,
    strict: false,
    progress: { bytesRead: 1000, share: 1, rows: 10 },
    counts: { inserted: 6, updated: 2, unchanged: 1, rejected: 1, warned: 0 },
    error: null,
    startedAt: '2026-11-29T20:31:05.000+08:00',
    finishedAt: '2026-11-29T20:31:06.000+08:00',
    ...overrides,
  };
}

const profile = (name: string): ProfileSummary => ({
  name,
  title: name,
  description: null,
  kind: 'complaint',
  sourceSystem: '12345',
  origin: 'built-in',
  columns: [],
});
const PROFILES = [profile('12345-work-orders'), profile('case-ledger'), profile('my-hotline')];
const detected = (name: string, builtIn: string | null): DetectedProfile => ({
  fileName: 'a.csv',
  builtIn,
  profile: { name },
  matched: [],
  unmatched: [],
});

describe('the files an upload takes', () => {
  it('takes CSV, XLSX and JSON Lines up to the server limit, not empty ones or other types', () => {
    expect(fileProblem('工单.CSV', 10)).toBeUndefined();
    expect(fileProblem('台账.xlsx', MAX_UPLOAD_BYTES)).toBeUndefined();
    expect(fileProblem('requests.jsonl', 5)).toBeUndefined();
    expect(fileProblem('台账.xls', 10)).toBe('imports.fileType');
    expect(fileProblem('noextension', 10)).toBe('imports.fileType');
    expect(fileProblem('a.csv', 0)).toBe('imports.fileEmpty');
    expect(fileProblem('a.csv', MAX_UPLOAD_BYTES + 1)).toBe('imports.fileTooLarge');
  });

  it('sends a text file whole when short, else its start cut after the last line break', () => {
    const head = new TextEncoder().encode('a,b\r\n1,2\r\n3,');
    expect(detectLength(head, head.length)).toBe(head.length);
    expect(detectLength(head, 5000)).toBe(10);
    expect(detectLength(new Uint8Array([65, 66]), 5000)).toBe(2);
    expect(isTextFile('a.csv')).toBe(true);
    expect(isTextFile('a.xlsx')).toBe(false);
  });

  it('sends the form fields the API reads, leaving out what is not chosen', () => {
    expect(
      uploadFields({ profile: 'open311', town: '330782199', sourceSystem: ' ', dryRun: true, strict: false }),
    ).toEqual([
      ['profile', 'open311'],
      ['town', '330782199'],
      ['dryRun', 'true'],
      ['strict', 'false'],
    ]);
    expect(uploadFields({ profile: 'x', sourceSystem: 'ledger', dryRun: false, strict: true })).toContainEqual([
      'sourceSystem',
      'ledger',
    ]);
  });
});

describe('reading a detection', () => {
  it('uses a built-in profile that fits as it is, or one saved under the proposal name', () => {
    expect(readDetection(detected('12345-work-orders', '12345-work-orders'), PROFILES)).toEqual({
      kind: 'exact',
      profile: '12345-work-orders',
    });
    expect(readDetection(detected('my-hotline', null), PROFILES)).toEqual({ kind: 'exact', profile: 'my-hotline' });
  });

  it('offers the built-in profile a custom proposal is based on, and nothing when none fits', () => {
    expect(readDetection(detected('case-ledger-custom', 'case-ledger'), PROFILES)).toEqual({
      kind: 'close',
      profile: 'case-ledger',
    });
    expect(readDetection(detected('new-system-detected', null), PROFILES)).toEqual({ kind: 'none' });
    expect(readDetection(detected('gone-custom', 'gone'), PROFILES)).toEqual({ kind: 'none' });
  });
});

describe('a batch as the page shows it', () => {
  it('draws progress by share while running (never 100 % before done), full when done', () => {
    expect(progressOf(makeBatch({ status: 'running', progress: { bytesRead: 1, share: 0.426, rows: 3 } }))).toEqual({
      percent: 42,
      status: 'active',
    });
    expect(progressOf(makeBatch({ status: 'running', progress: { bytesRead: 1, share: 1, rows: 3 } })).percent).toBe(
      99,
    );
    expect(progressOf(makeBatch())).toEqual({ percent: 100, status: 'success' });
    expect(progressOf(makeBatch({ status: 'failed', progress: { bytesRead: 1, share: 0.3, rows: 3 } }))).toEqual({
      percent: 30,
      status: 'exception',
    });
  });

  it('counts rows stored as new and changed ones, none in a dry run', () => {
    expect(storedRows(makeBatch())).toBe(8);
    expect(storedRows(makeBatch({ dryRun: true }))).toBe(0);
  });

  it('keeps the cursors of the pages after the first in the address, reading bad ones as the first page', () => {
    expect(readTrail('120,80')).toEqual([120, 80]);
    expect(readTrail(null)).toEqual([]);
    expect(readTrail('')).toEqual([]);
    expect(readTrail('120,x')).toEqual([]);
    expect(readTrail('-1')).toEqual([]);
    expect(readTrail('1.5')).toEqual([]);
    expect(writeTrail([120, 80])).toBe('120,80');
    expect(writeTrail([])).toBeNull();
    expect(readTrail(writeTrail([7]))).toEqual([7]);
  });

  it('formats sizes and times', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1434)).toBe('1.4 KB');
    expect(formatBytes(MAX_UPLOAD_BYTES)).toBe('1 GB');
    expect(formatTime('2026-11-29T20:31:05.000+08:00')).toBe('2026-11-29 20:31');
    expect(formatTime(null)).toBe('—');
  });
});
