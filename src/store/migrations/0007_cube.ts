import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/** The weekly cube (src/cube): its cells, the per-town state, and the index its overdue sweep reads records by. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const key = ['town_id', 'cuboid', 'month', 'week', 'category_id', 'place_id', 'kind', 'source', 'department_id'];
  let cells = db.schema
    .createTable('cube_cell')
    .addColumn('town_id', 'bigint', (c) => c.notNull())
    .addColumn('cuboid', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('week', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'bigint', (c) => c.notNull())
    .addColumn('place_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('complaint', 'case')`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('department_id', 'bigint', (c) => c.notNull());
  for (const measure of [
    'records',
    'difficult',
    'closed',
    'cancelled',
    'overdue',
    'reopened',
    'response_due',
    'responded',
    'resolution_due',
    'resolved',
    'rated',
    'satisfied',
    'handled',
  ]) {
    cells = cells.addColumn(measure, 'integer', (c) => c.notNull());
  }
  cells = cells
    .addColumn('handling_ms_sum', 'bigint', (c) => c.notNull())
    .addColumn('work_ms_sum', 'bigint', (c) => c.notNull())
    .addColumn('handling_hist', 'text', (c) => c.notNull())
    .addColumn('work_hist', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cube_cell_pk', key as never);
  // On SQLite the key is the table (no rowid and no second copy of the key in an index).
  await (dialectOf(db) === 'sqlite' ? cells.modifyEnd(sql`without rowid`) : cells).execute();

  await db.schema
    .createTable('cube_state')
    .addColumn('town_id', 'bigint', (c) => c.primaryKey())
    .addColumn('as_of', 'bigint', (c) => c.notNull())
    .addColumn('rebuilt_at', 'bigint')
    .execute();

  for (const table of ['complaint', 'enforcement_case']) {
    await db.schema.createIndex(`${table}_town_deadline_idx`).on(table).columns(['town_id', 'deadline_at']).execute();
  }
}
