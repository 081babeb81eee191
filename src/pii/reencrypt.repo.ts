import { sql } from 'kysely';
import type { Db } from '../store/database.js';

/*
 * The stored personal data that a key rotation must move: complainants' names and phone numbers (encrypted) and the
 * phone's blind index (keyed by the current secret too).
 */

export interface ComplainantCells {
  id: number;
  complainant_name_enc: string | null;
  complainant_phone_enc: string | null;
}

/** `column` holds a value not encrypted under the key `prefix` (`v1.<keyId>.`) names. */
const onOtherKey = (column: 'complainant_name_enc' | 'complainant_phone_enc', prefix: string) =>
  sql<boolean>`(${sql.ref(column)} is not null and substr(${sql.ref(column)}, 1, ${prefix.length}) <> ${prefix})`;

/** Up to `limit` complaints after `afterId`, by id, with a value under another key than `prefix`'s. */
export async function complainantsOnOtherKeys(
  db: Db,
  prefix: string,
  afterId: number,
  limit: number,
): Promise<ComplainantCells[]> {
  const rows = await db
    .selectFrom('complaint')
    .select(['id', 'complainant_name_enc', 'complainant_phone_enc'])
    .where('id', '>', afterId)
    .where(
      sql<boolean>`(${onOtherKey('complainant_name_enc', prefix)} or ${onOtherKey('complainant_phone_enc', prefix)})`,
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** How many complaints hold a value under another key than `prefix`'s. */
export async function countOnOtherKeys(db: Db, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('complaint')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where(
      sql<boolean>`(${onOtherKey('complainant_name_enc', prefix)} or ${onOtherKey('complainant_phone_enc', prefix)})`,
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function updateComplainant(
  db: Db,
  id: number,
  values: {
    complainant_name_enc: string | null;
    complainant_phone_enc: string | null;
    complainant_phone_hash: string | null;
  },
): Promise<void> {
  await db.updateTable('complaint').set(values).where('id', '=', id).execute();
}
