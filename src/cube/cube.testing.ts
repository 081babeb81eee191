import type { Db } from '../store/database.js';
import { KEY_COLUMNS } from './cube.cells.js';

/** Every stored cell in key order, for comparing a kept cube with a rebuilt one. */
export async function allCells(db: Db) {
  let query = db.selectFrom('cube_cell').selectAll();
  for (const column of KEY_COLUMNS) {
    query = query.orderBy(column);
  }
  return query.execute();
}
