import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Cipher } from '../core/pii/index.js';
import { type BulkValue, bulkInsert } from '../store/bulk.js';
import type { Db } from '../store/database.js';
import type { RecordKind } from '../store/tables/intake.js';
import type { ComplaintTable, EnforcementCaseTable } from '../store/tables/records.js';
import { insertChanges, selectByKeys } from './record.upsert.repo.js';

/*
 * Records in by (source system, external number), the one write path of intake (files, REST batches, Open311): a new
 * key is inserted, a known key whose fields differ is updated with the history of what changed (record_change), and a
 * known key with the same fields is left alone — so sending the same thing twice changes nothing.
 */

export type RecordTable = 'complaint' | 'enforcement_case';
export type RecordInsert = Insertable<ComplaintTable> | Insertable<EnforcementCaseTable>;
export type StoredRecord = Selectable<ComplaintTable> | Selectable<EnforcementCaseTable>;

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** One record written (or that would be, on a dry run): the roll-ups take these (see AfterWrite). */
export interface RecordWrite {
  table: RecordTable;
  id: number;
  outcome: UpsertOutcome;
  /** The stored row before the write (null when inserted). */
  before: StoredRecord | null;
  /** The row as stored after the write (the stored row itself when unchanged). */
  after: RecordInsert | StoredRecord;
  /** Updated: what changed, as record_change keeps it (field → {from, to}; personal data only {changed: true}). */
  changes?: Record<string, unknown>;
}

/**
 * What runs in the same transaction after each batch of records is written: the place the analytics roll-ups (the
 * cube) hook in, so they can never disagree with the records.
 */
export type AfterWrite = (db: Db, writes: readonly RecordWrite[]) => Promise<void>;

export interface UpsertContext {
  cipher: Cipher;
  /** `import`, `api`, `open311`: who changed a record, in its history. */
  origin: string;
  batchId: number | null;
  now: number;
  /** Compare only: count what would happen and write nothing. */
  dryRun?: boolean;
  /**
   * The columns this source speaks for (a file's columns); an update leaves the others as stored, so a file that does
   * not carry a field never erases it. Absent: every column.
   */
  columns?: ReadonlySet<string> | undefined;
  /** The roll-ups (the cube's updateCube): required, so no write path can forget them. */
  afterWrite: AfterWrite;
  /**
   * Throws (forbidden) when the writer may not write `row` over `before` (null: a new key). Checked for every row
   * before anything is written, with the rows as stored in this transaction, so a check made earlier cannot be
   * outrun by a concurrent write of the same key. Absent: the system writes (files on the command line, the demo).
   */
  permit?: (row: RecordInsert, before: StoredRecord | null) => void;
}

/** Columns a write never compares: the key, and when our copy was made or touched. */
const NOT_COMPARED = new Set(['id', 'source_system', 'external_no', 'created_at', 'updated_at']);
/** Encrypted columns: compared by their plaintext (each encryption has a fresh IV), logged without values. */
const ENCRYPTED = new Set(['complainant_name_enc', 'complainant_phone_enc']);
/** Derived from an encrypted column: changes with it, never logged. */
const DERIVED = new Set(['complainant_phone_hash']);
/** Stored in clear but possibly a person's name (a case's party): its history says only that it changed. */
const PERSONAL_CLEAR = new Set(['party_name']);

export const recordKindOf = (table: RecordTable): RecordKind => (table === 'complaint' ? 'complaint' : 'case');

/**
 * Upsert rows of one table inside the caller's transaction. Keys must be distinct within one call (the caller splits
 * a file's batch where a key repeats). Returns the write of each row, in order.
 */
export async function upsertRecords(
  db: Db,
  table: RecordTable,
  rows: readonly RecordInsert[],
  ctx: UpsertContext,
): Promise<RecordWrite[]> {
  if (rows.length === 0) {
    return [];
  }
  const existing = await selectByKeys(db, table, rows);
  if (ctx.permit) {
    for (const row of rows) {
      ctx.permit(row, existing.get(recordKey(row.source_system, row.external_no)) ?? null);
    }
  }
  const writes: RecordWrite[] = [];
  const fresh: { index: number; row: RecordInsert }[] = [];
  const changes: { recordId: number; changes: Record<string, unknown> }[] = [];
  for (const [index, row] of rows.entries()) {
    const before = existing.get(recordKey(row.source_system, row.external_no));
    if (!before) {
      fresh.push({ index, row });
      writes[index] = { table, id: 0, outcome: 'inserted', before: null, after: row };
      continue;
    }
    const diff = diffRecord(before as Record<string, unknown>, row as Record<string, unknown>, ctx.cipher, ctx.columns);
    if (diff === null) {
      writes[index] = { table, id: before.id, outcome: 'unchanged', before, after: before };
      continue;
    }
    const after = { ...before, ...diff.patch };
    writes[index] = { table, id: before.id, outcome: 'updated', before, after, changes: diff.log };
    changes.push({ recordId: before.id, changes: diff.log });
    if (!ctx.dryRun) {
      await updateRecord(db, table, before.id, { ...diff.patch, updated_at: ctx.now });
    }
  }
  if (!ctx.dryRun) {
    const ids = await insertRows(
      db,
      table,
      fresh.map((f) => f.row),
    );
    const lost: number[] = [];
    fresh.forEach((f, i) => {
      const id = ids[i];
      if (id === null || id === undefined) {
        lost.push(f.index);
      } else {
        (writes[f.index] as RecordWrite).id = id;
      }
    });
    await insertChanges(db, recordKindOf(table), changes, ctx);
    if (lost.length > 0) {
      // On PostgreSQL another transaction may insert a key between our look-up and our insert: the insert waited for
      // it and skipped the row. Read committed lets a second look-up see that row; update it or leave it alone, as if
      // the two writes had come one after the other.
      const again = await upsertRecords(
        db,
        table,
        lost.map((index) => rows[index] as RecordInsert),
        { ...ctx, afterWrite: async () => {} },
      );
      lost.forEach((index, i) => {
        writes[index] = again[i] as RecordWrite;
      });
    }
    await ctx.afterWrite(db, writes);
  }
  return writes;
}

export function recordKey(sourceSystem: string, externalNo: string): string {
  return `${sourceSystem}\u0000${externalNo}`;
}

interface RecordDiff {
  /** Columns to set (encrypted ones with their new ciphertext). */
  patch: Record<string, unknown>;
  /** field → {from, to}; personal data (and a case's party, maybe a person) only as {changed: true}. */
  log: Record<string, unknown>;
}

/** What differs between a stored row and a new one, or null when nothing does. */
export function diffRecord(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  cipher: Cipher,
  columns?: ReadonlySet<string>,
): RecordDiff | null {
  const patch: Record<string, unknown> = {};
  const log: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(after)) {
    if (NOT_COMPARED.has(column) || DERIVED.has(column) || value === undefined || columns?.has(column) === false) {
      continue;
    }
    const old = before[column] ?? null;
    if (ENCRYPTED.has(column)) {
      const plainOld = old === null ? null : cipher.decrypt(old as string);
      const plainNew = value === null ? null : cipher.decrypt(value as string);
      if (plainOld !== plainNew) {
        patch[column] = value;
        log[column.replace(/_enc$/, '')] = { changed: true };
        if (column === 'complainant_phone_enc') {
          patch.complainant_phone_hash = after.complainant_phone_hash;
        }
      }
      continue;
    }
    if (!sameValue(old, value)) {
      patch[column] = value;
      log[column] = PERSONAL_CLEAR.has(column) ? { changed: true } : { from: old, to: value };
    }
  }
  return Object.keys(patch).length === 0 ? null : { patch, log };
}

/** Equal as stored: numbers and numeric strings alike (PostgreSQL may hand bigints back as text). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (a === null || b === null) {
    return false;
  }
  return typeof a !== typeof b && String(a) === String(b);
}

async function updateRecord(db: Db, table: RecordTable, id: number, patch: Record<string, unknown>): Promise<void> {
  // One statement for both tables: Kysely's typing cannot follow a table name chosen at run time.
  await db
    .updateTable(table as 'complaint')
    .set(patch as Updateable<ComplaintTable>)
    .where('id', '=', id)
    .execute();
}

/** Insert new rows through the bulk path; every row of one call has the same columns (built by the row builders). */
async function insertRows(db: Db, table: RecordTable, rows: readonly RecordInsert[]): Promise<(number | null)[]> {
  if (rows.length === 0) {
    return [];
  }
  const columns = Object.keys(rows[0] as object) as (keyof ComplaintTable & string)[];
  const values = rows.map((row) => columns.map((c) => ((row as Record<string, unknown>)[c] ?? null) as BulkValue));
  return bulkInsert(db, { table: table as 'complaint', columns, uniqueKey: ['source_system', 'external_no'] }, values);
}
