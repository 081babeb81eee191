import { type Kysely, sql } from 'kysely';
import { createTableWithId } from './helpers.js';

/** Departments and teams of each town ("1+8" and the rest). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'department')
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind in ('enforcement_team', 'department', 'office', 'squad', 'resident_team', 'collaborator')`),
    )
    .addColumn('parent_id', 'bigint', (c) => c.references('department.id'))
    .addColumn('responsibilities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(sql`active in (0, 1)`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('department_town_id_code_key', ['town_id', 'code'])
    .execute();
  await db.schema.createIndex('department_parent_id_idx').on('department').column('parent_id').execute();
}
