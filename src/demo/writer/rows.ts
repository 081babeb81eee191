import type { Insertable } from 'kysely';
import type { Cipher } from '../../core/pii/index.js';
import { type CaseData, type ComplaintData, caseRow, complaintRow, type RecordRefs } from '../../records/index.js';
import type { BulkValue } from '../../store/bulk.js';
import type { ComplaintTable, EnforcementCaseTable } from '../../store/tables/records.js';
import { type Demo, demoWeek } from '../demo.js';
import type { RecordDraft } from '../record-draft.js';

/*
 * The demo's records as positional rows for store/bulk.ts: built by the records' own row builders (the same rows a
 * single createComplaint / createCase stores), then laid out in a fixed column order. Pure, so it runs on the row
 * worker as well as on the main thread.
 */

const CORE_COLUMNS = [
  'town_id',
  'source_system',
  'external_no',
  'category_id',
  'place_id',
  'enterprise_id',
  'department_id',
  'title',
  'content',
  'address',
  'opened_at',
  'opened_day',
  'opened_week',
  'deadline_at',
  'first_response_at',
  'closed_at',
  'difficult',
  'handling_ms',
  'handling_work_ms',
  'created_at',
  'updated_at',
] as const;

export const COMPLAINT_COLUMNS = [
  ...CORE_COLUMNS,
  'channel',
  'status',
  'complainant_name_enc',
  'complainant_phone_enc',
  'complainant_phone_hash',
  'resolved',
  'satisfaction',
  'reopen_count',
  'lat',
  'lng',
  'media_url',
  'attributes',
] as const satisfies readonly (keyof ComplaintTable)[];

export const CASE_COLUMNS = [
  ...CORE_COLUMNS,
  'source',
  'status',
  'party_name',
  'outcome',
  'penalty_fen',
  'complaint_id',
] as const satisfies readonly (keyof EnforcementCaseTable)[];

// Compile-time proof that the lists name every column the row builders set: a new column stops this compiling.
type Unlisted<Row, Listed> = Exclude<keyof Row, Listed>;
const everyComplaintColumn: Unlisted<Insertable<ComplaintTable>, (typeof COMPLAINT_COLUMNS)[number] | 'id'>[] = [];
const everyCaseColumn: Unlisted<Insertable<EnforcementCaseTable>, (typeof CASE_COLUMNS)[number] | 'id'>[] = [];
void everyComplaintColumn;
void everyCaseColumn;

/** Where a case row holds complaint_id, filled in by the writer once the complaint has its id. */
export const CASE_COMPLAINT_ID = CASE_COLUMNS.indexOf('complaint_id');
/** Where a complaint row holds source_system and external_no, its unique key. */
export const COMPLAINT_SOURCE_SYSTEM = COMPLAINT_COLUMNS.indexOf('source_system');
export const COMPLAINT_EXTERNAL_NO = COMPLAINT_COLUMNS.indexOf('external_no');

function positional(row: object, columns: readonly string[]): BulkValue[] {
  const values = row as Record<string, BulkValue | undefined>;
  return columns.map((column) => values[column] ?? null);
}

/** Rows of one table of one demo week, in the order they are written; a week ends with `weekEnd`. */
export interface RowChunk {
  /** The week's index in the demo's calendar. */
  week: number;
  table: 'complaint' | 'enforcement_case';
  rows: BulkValue[][];
  /** Cases only: the external number of the complaint each case came from, or null. */
  complaintNos: (string | null)[];
  weekEnd: boolean;
}

export interface RowBuild {
  refs: (draft: RecordDraft) => RecordRefs;
  cipher: Cipher;
  /** At most this many rows per chunk. */
  chunkRows: number;
}

/**
 * The rows of the given weeks (indexes into the demo's calendar), week by week: a week's complaints, then its cases
 * (a referred case comes from a complaint of its own week), in chunks. Every week ends with a `weekEnd` chunk.
 */
export function* demoRowChunks(demo: Demo, weeks: Iterable<number>, build: RowBuild): Generator<RowChunk> {
  for (const week of weeks) {
    const drafts = demoWeek(demo, demo.calendar.weeks[week] as number);
    const now = Date.now();
    const complaints = drafts.filter((draft) => draft.kind === 'complaint');
    const cases = drafts.filter((draft) => draft.kind === 'case');
    for (let start = 0; start < complaints.length; start += build.chunkRows) {
      const rows = complaints.slice(start, start + build.chunkRows).map((draft) => {
        // A draft is complaint data by construction (record-draft.ts proves it at compile time).
        const data: ComplaintData = draft;
        return positional(complaintRow(data, build.refs(draft), build.cipher, now), COMPLAINT_COLUMNS);
      });
      yield { week, table: 'complaint', rows, complaintNos: [], weekEnd: false };
    }
    for (let start = 0; start < cases.length || start === 0; start += build.chunkRows) {
      const chunk = cases.slice(start, start + build.chunkRows);
      const rows = chunk.map((draft) => {
        const data: CaseData = draft;
        return positional(caseRow(data, build.refs(draft), null, now), CASE_COLUMNS);
      });
      const complaintNos = chunk.map((draft) => draft.complaintExternalNo ?? null);
      const weekEnd = start + build.chunkRows >= cases.length;
      yield { week, table: 'enforcement_case', rows, complaintNos, weekEnd };
    }
  }
}
