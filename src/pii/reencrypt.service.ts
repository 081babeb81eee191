import { appendAudit } from '../audit/audit.service.js';
import type { Actor } from '../auth/access.js';
import type { Cipher } from '../core/pii/index.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { complainantsOnOtherKeys, countOnOtherKeys, updateComplainant } from './reencrypt.repo.js';

export interface ReencryptDeps {
  db: Db;
  /** The cipher of the current secret, with the previous secrets it replaces. */
  cipher: Cipher;
  actor: Actor;
}

export interface ReencryptResult {
  /** Complaints whose personal data moved to the current key. */
  complaints: number;
  /** The current key's id. */
  keyId: string;
  seconds: number;
}

const prefixOf = (cipher: Cipher) => `v1.${cipher.keyId}.`;

/** How many complaints still hold personal data under a previous key (`shanzhi pii status`). */
export async function countStaleComplaints(deps: Pick<ReencryptDeps, 'db' | 'cipher'>): Promise<number> {
  return countOnOtherKeys(deps.db, prefixOf(deps.cipher));
}

/**
 * After a key rotation: decrypt every value made under a previous key and encrypt it under the current one,
 * recomputing the phone's blind index, `batchSize` complaints per transaction, each batch audited. Resumable and
 * idempotent: a batch either commits whole or not at all, and values already on the current key are not touched,
 * so running it again after a crash finishes the job. A value no configured secret decrypts stops it with the
 * complaint's id (and nothing of that batch changed).
 */
export async function reencryptPersonalData(deps: ReencryptDeps, batchSize = 1_000): Promise<ReencryptResult> {
  const started = performance.now();
  const prefix = prefixOf(deps.cipher);
  const move = (token: string | null) =>
    token === null || token.startsWith(prefix) ? token : deps.cipher.encrypt(deps.cipher.decrypt(token));
  let afterId = 0;
  let complaints = 0;
  for (;;) {
    const moved = await inTransaction(deps.db, async (db) => {
      const rows = await complainantsOnOtherKeys(db, prefix, afterId, batchSize);
      for (const row of rows) {
        const phone = row.complainant_phone_enc === null ? null : deps.cipher.decrypt(row.complainant_phone_enc);
        await updateComplainant(db, row.id, {
          complainant_name_enc: move(row.complainant_name_enc),
          complainant_phone_enc: phone === null ? null : deps.cipher.encrypt(phone),
          complainant_phone_hash: phone === null ? null : deps.cipher.blindIndex(phone),
        });
      }
      if (rows.length > 0) {
        const first = rows[0] as (typeof rows)[number];
        const last = rows[rows.length - 1] as (typeof rows)[number];
        await appendAudit(db, deps.actor, {
          action: 'complaint.reencrypt',
          entity: 'complaint',
          after: { keyId: deps.cipher.keyId, complaints: rows.length, firstId: first.id, lastId: last.id },
        });
        afterId = last.id;
      }
      return rows.length;
    });
    complaints += moved;
    if (moved < batchSize) {
      return { complaints, keyId: deps.cipher.keyId, seconds: (performance.now() - started) / 1000 };
    }
  }
}
