import { type Kysely, sql } from 'kysely';
import { createTableWithId } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'place')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('city', 'town', 'village', 'group')`))
    .addColumn('parent_id', 'bigint', (c) => c.references('place.id'))
    .addColumn('town_id', 'bigint', (c) => c.references('place.id'))
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('centroid_lng', 'double precision')
    .addColumn('centroid_lat', 'double precision')
    .addColumn('boundary', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('place_parent_id_idx').on('place').column('parent_id').execute();
  await db.schema.createIndex('place_town_id_level_idx').on('place').columns(['town_id', 'level']).execute();

  await db.schema
    .createTable('place_closure')
    .addColumn('ancestor_id', 'bigint', (c) => c.notNull().references('place.id').onDelete('cascade'))
    .addColumn('descendant_id', 'bigint', (c) => c.notNull().references('place.id').onDelete('cascade'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('place_closure_pk', ['ancestor_id', 'descendant_id'])
    .execute();
  await db.schema.createIndex('place_closure_descendant_idx').on('place_closure').column('descendant_id').execute();
}
