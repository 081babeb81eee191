import type { AuditEntry } from '../audit/index.js';
import type { RecordWrite } from './record.upsert.js';

/*
 * The audit entries of record writes through the API: `complaint.create`, `complaint.update`, `case.create`,
 * `case.update`, with the fields written (create) or changed (update, the same diff record_change keeps). Personal
 * data (the complainant's name and phone, a case's party) appears only as "[personal data]" (or null where there was
 * none): never in clear, never as ciphertext.
 */

export const PERSONAL_DATA = '[personal data]';

/**
 * Columns of personal data, by the name the audit (and record_change) gives them: the complainant's, encrypted, and
 * a case's party, which may be a person's name.
 */
const PERSONAL: Record<string, string> = {
  complainant_name_enc: 'complainant_name',
  complainant_phone_enc: 'complainant_phone',
  party_name: 'party_name',
};
/** Columns an entry leaves out: the id (the entry's entityId), our bookkeeping, the phone's blind index. */
const LEFT_OUT = new Set(['id', 'created_at', 'updated_at', 'complainant_phone_hash']);

const entityOf = (write: RecordWrite) => (write.table === 'complaint' ? 'complaint' : 'case');

function createdFields(row: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (LEFT_OUT.has(column) || value === null || value === undefined) {
      continue;
    }
    const personal = PERSONAL[column];
    if (personal) {
      fields[personal] = PERSONAL_DATA;
    } else {
      fields[column] = value;
    }
  }
  return fields;
}

function changedFields(write: RecordWrite): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const stored = (write.before ?? {}) as Record<string, unknown>;
  const written = write.after as Record<string, unknown>;
  for (const [field, change] of Object.entries(write.changes ?? {})) {
    const column = Object.keys(PERSONAL).find((name) => PERSONAL[name] === field);
    if (column) {
      // Whether there was a value is not personal; the value is.
      before[field] = stored[column] == null ? null : PERSONAL_DATA;
      after[field] = written[column] == null ? null : PERSONAL_DATA;
    } else {
      const { from, to } = change as { from: unknown; to: unknown };
      before[field] = from;
      after[field] = to;
    }
  }
  return { before, after };
}

/** The audit entry of one record write, or undefined when nothing was written (unchanged). */
export function recordAuditEntry(write: RecordWrite): AuditEntry | undefined {
  if (write.outcome === 'unchanged') {
    return undefined;
  }
  const entity = entityOf(write);
  const townId = Number((write.after as { town_id: number }).town_id);
  if (write.outcome === 'inserted') {
    const after = createdFields(write.after as Record<string, unknown>);
    return { action: `${entity}.create`, entity, entityId: write.id, townId, before: null, after };
  }
  return { action: `${entity}.update`, entity, entityId: write.id, townId, ...changedFields(write) };
}

/** The audit entries of a run of writes (the unchanged ones leave none). */
export function recordAuditEntries(writes: readonly RecordWrite[]): AuditEntry[] {
  return writes.map(recordAuditEntry).filter((entry): entry is AuditEntry => entry !== undefined);
}
