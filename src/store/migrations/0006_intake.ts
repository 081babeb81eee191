import { type Kysely, sql } from 'kysely';
import { createTableWithId } from './helpers.js';

/**
 * Intake: file imports as recorded batches with their row issues, the history of changed record fields, idempotent
 * POSTs, API keys (Open311 clients), and the complaint's point and Open311 extras.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'import_batch')
    .addColumn('town_id', 'bigint', (c) => c.references('place.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('complaint', 'case')`))
    .addColumn('source_system', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'bigint', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(0).check(sql`dry_run in (0, 1)`))
    .addColumn('strict', 'integer', (c) => c.notNull().defaultTo(0).check(sql`strict in (0, 1)`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed', 'interrupted')`))
    .addColumn('pid', 'integer')
    .addColumn('host', 'text')
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('import_batch_started_idx').on('import_batch').columns(['started_at', 'id']).execute();

  await createTableWithId(db, 'import_issue')
    .addColumn('batch_id', 'bigint', (c) => c.notNull().references('import_batch.id').onDelete('cascade'))
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('reject', 'warning')`))
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('column_name', 'text')
    .addColumn('value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_issue_batch_idx').on('import_issue').columns(['batch_id', 'line']).execute();

  await createTableWithId(db, 'record_change')
    .addColumn('record_kind', 'text', (c) => c.notNull().check(sql`record_kind in ('complaint', 'case')`))
    .addColumn('record_id', 'bigint', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'bigint', (c) => c.references('import_batch.id'))
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_change_record_idx')
    .on('record_change')
    .columns(['record_kind', 'record_id', 'id'])
    .execute();

  await db.schema
    .createTable('idempotency_key')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_key_pk', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_key_created_idx').on('idempotency_key').column('created_at').execute();

  await createTableWithId(db, 'api_key')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema.alterTable('complaint').addColumn('lat', 'double precision').execute();
  await db.schema.alterTable('complaint').addColumn('lng', 'double precision').execute();
  await db.schema.alterTable('complaint').addColumn('media_url', 'text').execute();
  await db.schema.alterTable('complaint').addColumn('attributes', 'text').execute();
}
