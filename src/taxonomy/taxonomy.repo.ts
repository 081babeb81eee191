import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../store/database.js';
import type { TaxonomyVersionTable } from '../store/tables/taxonomy.js';

export type TaxonomyVersionRow = Selectable<TaxonomyVersionTable>;
export type TaxonomyVersionSummaryRow = Omit<TaxonomyVersionRow, 'snapshot'>;

/**
 * Lock the taxonomy for an edit and read its current version. The no-op update takes the row lock on PostgreSQL and
 * the write lock on SQLite, so concurrent edits (and concurrent start-ups loading the default) run one after another
 * and each sees what the previous one committed. Call it first thing inside the edit's transaction.
 */
export async function lockTaxonomyHead(db: Db): Promise<number> {
  const { version } = await db
    .updateTable('taxonomy_head')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  return version;
}

export async function readTaxonomyHead(db: Db): Promise<number> {
  const { version } = await db
    .selectFrom('taxonomy_head')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return version;
}

export async function setTaxonomyHead(db: Db, version: number): Promise<void> {
  await db.updateTable('taxonomy_head').set({ version }).where('id', '=', 1).execute();
}

export async function insertTaxonomyVersion(db: Db, row: Insertable<TaxonomyVersionTable>): Promise<void> {
  await db.insertInto('taxonomy_version').values(row).execute();
}

export async function findTaxonomyVersion(db: Db, version: number): Promise<TaxonomyVersionRow | undefined> {
  return db.selectFrom('taxonomy_version').selectAll().where('version', '=', version).executeTakeFirst();
}

/** Every version without its snapshot, newest first. */
export async function listTaxonomyVersionRows(db: Db): Promise<TaxonomyVersionSummaryRow[]> {
  return db
    .selectFrom('taxonomy_version')
    .select(['version', 'created_at', 'note', 'category_count'])
    .orderBy('version', 'desc')
    .execute();
}
