import type { CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * `create table NAME` with the portable surrogate key `id`: SQLite's rowid alias (AUTOINCREMENT, so ids are never
 * reused) or a PostgreSQL bigint identity. Foreign keys to it are declared `bigint` on both.
 */
export function createTableWithId(db: Kysely<unknown>, name: string): CreateTableBuilder<string, 'id'> {
  const table = db.schema.createTable(name);
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'bigint', (column) => column.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (column) => column.primaryKey().autoIncrement());
}
