import type { Kysely } from 'kysely';

/**
 * The terms of recent complaints' texts (jieba with the governance dictionary), kept by the warnings engine so that
 * each weekly run segments only the texts that are new or changed since the last run; older weeks are pruned. And
 * the records by closing instant, for the overdue backlog at an instant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('complaint_terms')
    .addColumn('complaint_id', 'bigint', (c) => c.primaryKey().references('complaint.id').onDelete('cascade'))
    .addColumn('town_id', 'bigint', (c) => c.notNull())
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // Which dictionary segmented them ('builtin', or a hash of the town's words): a new dictionary segments anew.
    .addColumn('dictionary', 'text', (c) => c.notNull())
    // 1 when the text repeats an earlier complaint (再次反映…): the emerging-word detector leaves it out.
    .addColumn('repeat', 'integer', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .execute();
  // Records still open, or closed after an instant: the overdue backlog at that instant (warnings engine).
  for (const table of ['complaint', 'enforcement_case']) {
    await db.schema.createIndex(`${table}_town_closed_idx`).on(table).columns(['town_id', 'closed_at']).execute();
  }
  await db.schema
    .createIndex('complaint_terms_town_week_idx')
    .on('complaint_terms')
    .columns(['town_id', 'week'])
    .execute();
}
