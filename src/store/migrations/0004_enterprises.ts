import { type Kysely, sql } from 'kysely';
import { createTableWithId } from './helpers.js';

/** Registered businesses, keyed by their unified social credit code. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'enterprise')
    .addColumn('town_id', 'bigint', (c) => c.notNull().references('place.id'))
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('village_id', 'bigint', (c) => c.references('place.id'))
    .addColumn('industry', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`industry in ('small_commodities', 'jewellery', 'textiles', 'logistics', 'ecommerce', 'manufacturing', 'catering', 'retail', 'construction', 'other')`,
        ),
    )
    .addColumn('address', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprise_town_id_name_idx').on('enterprise').columns(['town_id', 'name']).execute();
  await db.schema.createIndex('enterprise_village_id_idx').on('enterprise').column('village_id').execute();
}
