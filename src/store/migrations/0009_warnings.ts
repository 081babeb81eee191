import { type Kysely, sql } from 'kysely';
import { createTableWithId } from './helpers.js';

/**
 * Early warnings (src/warnings): what the engine found, the villages each concerns (for scoped reads), every step of
 * its lifecycle, the engine's runs, the problems of the month (每月一题) and the towns' edits to the advice library
 * (src/advice: built-in templates live in code; a town's row with the same code replaces one).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'warning')
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    // The identity within the town: type, category, place and the week its episode began.
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('outbreak', 'trend', 'emerging', 'backlog')`))
    .addColumn('situation', 'text', (c) =>
      c.notNull().check(sql`situation in ('village_surge', 'spread', 'slow_rise', 'new_term', 'overdue_backlog')`),
    )
    .addColumn('since_week', 'integer', (c) => c.notNull())
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'bigint', (c) => c.references('category.id'))
    .addColumn('place_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('department_id', 'bigint', (c) => c.references('department.id'))
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('red', 'orange', 'yellow', 'blue')`))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('expected', 'double precision')
    .addColumn('upper_bound', 'double precision')
    .addColumn('methods', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('samples', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('summary_en', 'text', (c) => c.notNull())
    .addColumn('advice_code', 'text')
    .addColumn('advice', 'text', (c) => c.notNull())
    .addColumn('advice_en', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('new', 'acknowledged', 'rectifying', 'closed', 'dismissed')`),
    )
    .addColumn('owner', 'text')
    .addColumn('due_day', 'text')
    .addColumn('actions', 'text')
    .addColumn('result', 'text')
    .addColumn('dismiss_reason', 'text')
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('warning_town_id_key_key', ['town_id', 'key'])
    .execute();
  await db.schema
    .createIndex('warning_town_status_week_idx')
    .on('warning')
    .columns(['town_id', 'status', 'week'])
    .execute();

  await db.schema
    .createTable('warning_village')
    .addColumn('warning_id', 'bigint', (c) => c.notNull().references('warning.id').onDelete('cascade'))
    .addColumn('village_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addPrimaryKeyConstraint('warning_village_pk', ['warning_id', 'village_id'])
    .execute();
  await db.schema.createIndex('warning_village_village_id_idx').on('warning_village').column('village_id').execute();

  await createTableWithId(db, 'warning_event')
    .addColumn('warning_id', 'bigint', (c) => c.notNull().references('warning.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('warning_event_warning_id_idx').on('warning_event').column('warning_id').execute();

  await createTableWithId(db, 'warning_run')
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('import', 'schedule', 'cli', 'api')`))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('series', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('warning_run_town_id_idx').on('warning_run').columns(['town_id', 'started_at']).execute();

  await createTableWithId(db, 'monthly_problem')
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('warning_id', 'bigint', (c) => c.notNull().references('warning.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done')`))
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('monthly_problem_town_month_warning_key', ['town_id', 'month', 'warning_id'])
    .execute();

  await createTableWithId(db, 'advice_template')
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    // A taxonomy category code (any level) the template is for; null for every category.
    .addColumn('category_code', 'text')
    .addColumn('situation', 'text', (c) =>
      c.notNull().check(sql`situation in ('village_surge', 'spread', 'slow_rise', 'new_term', 'overdue_backlog')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('advice_template_town_id_code_key', ['town_id', 'code'])
    .execute();
}
