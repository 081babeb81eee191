import { describe, expect, it } from 'vitest';
import { createCipher } from '../../core/pii/index.js';
import { caseRow, complaintRow, type RecordRefs } from '../../records/index.js';
import { createDemo, demoWeek } from '../demo.js';
import type { CaseDraft, ComplaintDraft } from '../record-draft.js';
import { CASE_COLUMNS, COMPLAINT_COLUMNS, demoRowChunks, type RowChunk } from './rows.js';

const cipher = createCipher({ secret: 'rows-test-secret-0123456789abcdefghijklmn' });
const refs = (): RecordRefs => ({ townId: 1, categoryId: 2, placeId: 3, enterpriseId: 4, departmentId: 5 });

describe('demo rows', () => {
  const demo = createDemo({ seed: 'rows-test', records: 4_000, enterprises: 40 });
  const weeks = [3, 4, 100];
  const chunks: RowChunk[] = [...demoRowChunks(demo, weeks, { refs, cipher, chunkRows: 7 })];

  it('lay out every column the row builders set, and only those', () => {
    const drafts = weeks.flatMap((week) => demoWeek(demo, demo.calendar.weeks[week] as number));
    const complaint = drafts.find((d): d is ComplaintDraft => d.kind === 'complaint');
    const kase = drafts.find((d): d is CaseDraft => d.kind === 'case');
    if (!complaint || !kase) {
      throw new Error('the sample weeks need a complaint and a case');
    }
    expect([...COMPLAINT_COLUMNS].sort()).toEqual(Object.keys(complaintRow(complaint, refs(), cipher, 1)).sort());
    expect([...CASE_COLUMNS].sort()).toEqual(Object.keys(caseRow(kase, refs(), null, 1)).sort());
  });

  it('give each week’s complaints, then its cases, in chunks, ending the week once', () => {
    for (const week of weeks) {
      const ofWeek = chunks.filter((chunk) => chunk.week === week);
      const drafts = demoWeek(demo, demo.calendar.weeks[week] as number);
      const tables = ofWeek.map((chunk) => chunk.table);
      expect(tables).toEqual([...tables].sort((a, b) => (a === b ? 0 : a === 'complaint' ? -1 : 1)));
      expect(ofWeek.map((chunk) => chunk.weekEnd)).toEqual(ofWeek.map((_, i) => i === ofWeek.length - 1));
      expect(ofWeek.every((chunk) => chunk.rows.length <= 7)).toBe(true);
      const numbers = ofWeek.flatMap((chunk) => chunk.rows.map((row) => row[COMPLAINT_COLUMNS.indexOf('external_no')]));
      expect(numbers).toEqual([
        ...drafts.filter((d) => d.kind === 'complaint').map((d) => d.externalNo),
        ...drafts.filter((d) => d.kind === 'case').map((d) => d.externalNo),
      ]);
      // A referred case names a complaint of its own week, which comes before it.
      const complaints = new Set(drafts.filter((d) => d.kind === 'complaint').map((d) => d.externalNo));
      const referred = ofWeek.flatMap((chunk) => chunk.complaintNos.filter((no) => no !== null));
      expect(referred.every((no) => complaints.has(no))).toBe(true);
    }
    expect(chunks.map((chunk) => chunk.week)).toEqual([...chunks.map((chunk) => chunk.week)].sort((a, b) => a - b));
  });

  it('hold what the row builders return, column by column', () => {
    const week = weeks[0] as number;
    const drafts = demoWeek(demo, demo.calendar.weeks[week] as number);
    const firstCase = drafts.find((d): d is CaseDraft => d.kind === 'case');
    const caseChunk = chunks.find((chunk) => chunk.week === week && chunk.table === 'enforcement_case');
    if (!firstCase || !caseChunk) {
      throw new Error('the sample week needs a case');
    }
    const built = caseRow(firstCase, refs(), null, 1) as Record<string, unknown>;
    const row = caseChunk.rows[0] ?? [];
    const byColumn = Object.fromEntries(CASE_COLUMNS.map((column, i) => [column, row[i]]));
    expect({ ...byColumn, created_at: 1, updated_at: 1 }).toEqual({ ...built, created_at: 1, updated_at: 1 });
    expect(caseChunk.complaintNos[0]).toBe(firstCase.complaintExternalNo ?? null);
  });
});
