import type { Kysely } from 'kysely';

/**
 * Import issues with a stable code and its params (JSON), so that their sentence is written in the reader's language
 * (src/ingest/issue-text.ts). Issues stored before keep only their English `reason`, which is shown as it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_issue').addColumn('code', 'text').execute();
  await db.schema.alterTable('import_issue').addColumn('params', 'text').execute();
}
