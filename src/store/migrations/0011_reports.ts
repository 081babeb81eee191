import { type Kysely, sql } from 'kysely';
import { createTableWithId } from './helpers.js';

/**
 * The report archive (src/reports/archive): every generated report with the exact document its files are rendered
 * from (so a file reads the same forever) and the queries it was built with (so it can be generated again), one
 * version per town, type, period and locale; and the scheduled runs (src/reports/jobs), one row per town, type and
 * period, which several processes claim with a guarded update so that exactly one of them builds each run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'report')
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('weekly', 'monthly', 'quarterly')`))
    // The period as its canonical text: 2025W23, 2025-06, 2025Q2.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('zh-CN', 'en-US')`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON: the ReportDocument every file of this version is rendered from.
    .addColumn('document', 'text', (c) => c.notNull())
    // JSON: the builder's inputs and the stats queries it read, for regeneration and for the record.
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('schedule', 'manual', 'cli')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('report_town_type_period_locale_version_key', [
      'town_id',
      'type',
      'period',
      'locale',
      'version',
    ])
    .execute();
  await db.schema
    .createIndex('report_town_id_created_at_idx')
    .on('report')
    .columns(['town_id', 'created_at'])
    .execute();

  await createTableWithId(db, 'report_job')
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('weekly', 'monthly', 'quarterly')`))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'running', 'done', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('report_id', 'bigint', (c) => c.references('report.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('report_job_town_type_period_key', ['town_id', 'type', 'period'])
    .execute();
  await db.schema
    .createIndex('report_job_status_idx')
    .on('report_job')
    .columns(['status', 'next_attempt_at'])
    .execute();
}
