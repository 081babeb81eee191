import { createHash } from 'node:crypto';
import type { AuditRow } from './audit.repo.js';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry's fields that its hash covers: all of them but the hash itself. */
export type AuditLink = Omit<AuditRow, 'hash'>;

/**
 * SHA-256 (hex) over the entry's fields in a fixed order, the previous entry's hash among them: changing, removing
 * or reordering any stored entry breaks every hash after it.
 */
export function auditHash(entry: AuditLink): string {
  const fields = [
    entry.seq,
    entry.at,
    entry.actor_kind,
    entry.actor_id,
    entry.actor_name,
    entry.ip,
    entry.action,
    entry.entity,
    entry.entity_id,
    entry.town_id,
    entry.before,
    entry.after,
    entry.reason,
    entry.prev_hash,
  ];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

/** Where a chain first fails to verify. */
export interface ChainBreak {
  seq: number;
  reason: 'gap' | 'previous_hash' | 'hash';
}

/**
 * Check entries in order, continuing from the link before them (`previous`, undefined at the start): each seq one
 * more than the last, each prev_hash the last hash, each hash recomputed. Returns the first break, if any.
 */
export function checkChain(
  rows: readonly AuditRow[],
  previous: { seq: number; hash: string } | undefined,
): ChainBreak | undefined {
  let seq = previous?.seq ?? 0;
  let hash = previous?.hash ?? GENESIS_HASH;
  for (const row of rows) {
    if (row.seq !== seq + 1) {
      return { seq: row.seq, reason: 'gap' };
    }
    if (row.prev_hash !== hash) {
      return { seq: row.seq, reason: 'previous_hash' };
    }
    if (auditHash(row) !== row.hash) {
      return { seq: row.seq, reason: 'hash' };
    }
    seq = row.seq;
    hash = row.hash;
  }
  return undefined;
}
