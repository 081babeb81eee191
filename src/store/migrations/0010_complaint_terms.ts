import type { Kysely } from 'kysely';

/**
 * The terms of recent complaints' texts (jieba with the governance dictionary), kept by the warnings engine so that
 * each weekly run segments only the texts that are new or changed since the last run; older weeks are pruned.
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
    .addColumn('terms', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaint_terms_town_week_idx')
    .on('complaint_terms')
    .columns(['town_id', 'week'])
    .execute();
}
