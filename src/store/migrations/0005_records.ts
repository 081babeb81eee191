import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { createTableWithId } from './helpers.js';

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/**
 * The columns complaints and enforcement cases share (see store/tables/records.ts), written once so the two tables
 * cannot drift apart. `table` prefixes the constraint names.
 */
function addRecordCore(builder: CreateTableBuilder<string, string>, table: string): CreateTableBuilder<string, string> {
  return builder
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('source_system', 'text', (c) => c.notNull())
    .addColumn('external_no', 'text', (c) => c.notNull())
    .addColumn('category_id', 'bigint', (c) => c.notNull().references('category.id'))
    .addColumn('place_id', 'bigint', (c) => c.references('place.id'))
    .addColumn('enterprise_id', 'bigint', (c) => c.references('enterprise.id'))
    .addColumn('department_id', 'bigint', (c) => c.references('department.id'))
    .addColumn('title', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('opened_day', 'text', (c) => c.notNull())
    .addColumn('opened_week', 'integer', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint')
    .addColumn('first_response_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('difficult', 'integer', (c) => c.notNull().defaultTo(0).check(sql`difficult in (0, 1)`))
    .addColumn('handling_ms', 'bigint')
    .addColumn('handling_work_ms', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint(`${table}_source_external_uq`, ['source_system', 'external_no'])
    .addCheckConstraint(`${table}_closed_after_opened_ck`, sql`closed_at is null or closed_at >= opened_at`);
}

/** The indexes behind the record lists and roll-ups: by town and week or day, by category, place, department. */
async function addRecordIndexes(db: Kysely<unknown>, table: string): Promise<void> {
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(`${table}_${name}_idx`).on(table).columns(columns).execute();
  await index('town_week', ['town_id', 'opened_week']);
  await index('town_day', ['town_id', 'opened_day']);
  await index('town_opened', ['town_id', 'opened_at', 'id']);
  await index('opened', ['opened_at', 'id']);
  await index('category', ['category_id', 'opened_at']);
  await index('place', ['place_id', 'opened_at']);
  await index('department', ['department_id', 'opened_at']);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const complaintStatuses = ['received', 'dispatched', 'in_progress', 'responded', 'closed', 'cancelled'];
  await addRecordCore(createTableWithId(db, 'complaint'), 'complaint')
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(inList('channel', ['hotline_12345', 'web', 'phone', 'visit', 'api', 'other'])),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', complaintStatuses)))
    .addColumn('complainant_name_enc', 'text')
    .addColumn('complainant_phone_enc', 'text')
    .addColumn('complainant_phone_hash', 'text')
    .addColumn('resolved', 'integer', (c) => c.check(sql`resolved in (0, 1)`))
    .addColumn('satisfaction', 'text', (c) =>
      c.check(inList('satisfaction', ['satisfied', 'basically_satisfied', 'dissatisfied'])),
    )
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`reopen_count >= 0`))
    .execute();
  await addRecordIndexes(db, 'complaint');
  await db.schema.createIndex('complaint_phone_hash_idx').on('complaint').column('complainant_phone_hash').execute();

  const caseStatuses = ['opened', 'investigating', 'decided', 'closed', 'cancelled'];
  await addRecordCore(createTableWithId(db, 'enforcement_case'), 'enforcement_case')
    .addColumn('source', 'text', (c) =>
      c.notNull().check(inList('source', ['patrol', 'complaint_referral', 'department_referral', 'report', 'other'])),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(inList('status', caseStatuses)))
    .addColumn('party_name', 'text')
    .addColumn('outcome', 'text', (c) =>
      c.check(inList('outcome', ['penalty', 'warning', 'rectified', 'no_violation', 'transferred', 'other'])),
    )
    .addColumn('penalty_fen', 'bigint', (c) => c.check(sql`penalty_fen >= 0`))
    .addColumn('complaint_id', 'bigint', (c) => c.references('complaint.id'))
    .execute();
  await addRecordIndexes(db, 'enforcement_case');
  await db.schema.createIndex('enforcement_case_complaint_idx').on('enforcement_case').column('complaint_id').execute();
}
