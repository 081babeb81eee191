import type { Db } from '../store/database.js';
import type { RecordKind } from '../store/tables/intake.js';
import type { RecordInsert, RecordTable, StoredRecord } from './record.upsert.js';

/** Keys per `in (…)` list: well under SQLite's and PostgreSQL's parameter limits. */
const KEYS_PER_QUERY = 1_000;

/** The stored rows among `rows`' keys, by `source\0external_no`. */
export async function selectByKeys(
  db: Db,
  table: RecordTable,
  rows: readonly RecordInsert[],
): Promise<Map<string, StoredRecord>> {
  const bySource = new Map<string, string[]>();
  for (const row of rows) {
    const list = bySource.get(row.source_system) ?? [];
    list.push(row.external_no);
    bySource.set(row.source_system, list);
  }
  const found = new Map<string, StoredRecord>();
  for (const [source, keys] of bySource) {
    for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
      const stored = await db
        .selectFrom(table as 'complaint')
        .selectAll()
        .where('source_system', '=', source)
        .where('external_no', 'in', keys.slice(start, start + KEYS_PER_QUERY))
        .execute();
      for (const row of stored) {
        found.set(`${row.source_system}\u0000${row.external_no}`, row as StoredRecord);
      }
    }
  }
  return found;
}

export async function insertChanges(
  db: Db,
  kind: RecordKind,
  changes: readonly { recordId: number; changes: Record<string, unknown> }[],
  ctx: { origin: string; batchId: number | null; now: number },
): Promise<void> {
  if (changes.length === 0) {
    return;
  }
  await db
    .insertInto('record_change')
    .values(
      changes.map((c) => ({
        record_kind: kind,
        record_id: c.recordId,
        origin: ctx.origin,
        batch_id: ctx.batchId,
        changes: JSON.stringify(c.changes),
        changed_at: ctx.now,
      })),
    )
    .execute();
}

/** A record's stored changes, oldest first. */
export async function selectChanges(db: Db, kind: RecordKind, recordId: number) {
  return db
    .selectFrom('record_change')
    .select(['origin', 'changes', 'changed_at'])
    .where('record_kind', '=', kind)
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute();
}

/** The ids of complaints by (source system, external number), for cases that name the complaint they came from. */
export async function complaintIdsByExternalNo(
  db: Db,
  sourceSystem: string,
  externalNos: readonly string[],
): Promise<Map<string, { id: number; townId: number }>> {
  const found = new Map<string, { id: number; townId: number }>();
  const distinct = [...new Set(externalNos)];
  for (let start = 0; start < distinct.length; start += KEYS_PER_QUERY) {
    const rows = await db
      .selectFrom('complaint')
      .select(['id', 'town_id', 'external_no'])
      .where('source_system', '=', sourceSystem)
      .where('external_no', 'in', distinct.slice(start, start + KEYS_PER_QUERY))
      .execute();
    for (const row of rows) {
      found.set(row.external_no, { id: row.id, townId: row.town_id });
    }
  }
  return found;
}
