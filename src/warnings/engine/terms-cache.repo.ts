/** The complaints the emerging-word detector reads, and the engine's cache of their terms (terms-cache.ts). */
import type { Insertable } from 'kysely';
import type { Db } from '../../store/database.js';
import type { ComplaintTermsTable } from '../../store/tables/warnings.js';

export interface ComplaintText {
  id: number;
  week: number;
  categoryId: number;
  placeId: number | null;
  updatedAt: number;
}

/** A complaint of the weeks with its cached terms, if the cache holds any (of whatever version and dictionary). */
export interface ComplaintVersion extends ComplaintText {
  cached: { updatedAt: number; dictionary: string; repeat: boolean; terms: string } | null;
}

/** The complaints of the weeks (without cancelled ones), each with what the terms cache holds for it. */
export async function selectComplaintVersions(
  db: Db,
  townId: number,
  fromWeek: number,
  toWeek: number,
): Promise<ComplaintVersion[]> {
  const rows = await db
    .selectFrom('complaint as c')
    .leftJoin('complaint_terms as t', 't.complaint_id', 'c.id')
    .select([
      'c.id',
      'c.opened_week',
      'c.category_id',
      'c.place_id',
      'c.updated_at',
      't.updated_at as cached_at',
      't.dictionary',
      't.repeat',
      't.terms',
    ])
    .where('c.town_id', '=', townId)
    .where('c.opened_week', '>=', fromWeek)
    .where('c.opened_week', '<=', toWeek)
    .where('c.status', '!=', 'cancelled')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    week: Number(r.opened_week),
    categoryId: Number(r.category_id),
    placeId: r.place_id === null ? null : Number(r.place_id),
    updatedAt: Number(r.updated_at),
    cached:
      r.cached_at === null || r.terms === null
        ? null
        : {
            updatedAt: Number(r.cached_at),
            dictionary: r.dictionary ?? '',
            repeat: Number(r.repeat) === 1,
            terms: r.terms,
          },
  }));
}

/** The titles and contents of complaints, by id. */
export async function selectComplaintContents(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { title: string | null; content: string }>> {
  const texts = new Map<number, { title: string | null; content: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('complaint')
      .select(['id', 'title', 'content'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      texts.set(Number(r.id), { title: r.title, content: r.content });
    }
  }
  return texts;
}

export async function upsertCachedTerms(db: Db, rows: readonly Insertable<ComplaintTermsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('complaint_terms')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('complaint_id').doUpdateSet((eb) => ({
          week: eb.ref('excluded.week'),
          updated_at: eb.ref('excluded.updated_at'),
          dictionary: eb.ref('excluded.dictionary'),
          repeat: eb.ref('excluded.repeat'),
          terms: eb.ref('excluded.terms'),
        })),
      )
      .execute();
  }
}

/** Drops the town's cached terms of weeks before `week` (no later run needs them). */
export async function pruneCachedTerms(db: Db, townId: number, week: number): Promise<void> {
  await db.deleteFrom('complaint_terms').where('town_id', '=', townId).where('week', '<', week).execute();
}
