import { type Kysely, sql } from 'kysely';
import { createTableWithId } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'category')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 3`))
    .addColumn('parent_id', 'bigint', (c) => c.references('category.id'))
    .addColumn('level1_id', 'bigint', (c) => c.references('category.id'))
    .addColumn('level2_id', 'bigint', (c) => c.references('category.id'))
    .addColumn('level3_id', 'bigint', (c) => c.references('category.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0).check(sql`retired in (0, 1)`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('category_parent_level_ck', sql`(level = 1) = (parent_id is null)`)
    .execute();
  await db.schema.createIndex('category_parent_id_idx').on('category').column('parent_id').execute();
  await db.schema.createIndex('category_level1_id_idx').on('category').column('level1_id').execute();
  await db.schema.createIndex('category_level2_id_idx').on('category').column('level2_id').execute();

  await db.schema
    .createTable('taxonomy_version')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('category_count', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('taxonomy_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into taxonomy_head (id, version) values (1, 0)`.execute(db);
}
