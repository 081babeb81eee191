import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../store/database.js';
import type { CategoryLevel, CategoryTable } from '../store/tables/taxonomy.js';

export type CategoryRow = Selectable<CategoryTable> & {
  parent_code: string | null;
  level1_code: string | null;
  level2_code: string | null;
  level3_code: string | null;
};

/** The column of `category` holding the ancestor at `level`: the subtree of X is `levelColumn(X.level) = X.id`. */
export function levelColumn(level: CategoryLevel): 'level1_id' | 'level2_id' | 'level3_id' {
  return `level${level}_id`;
}

function selectCategories(db: Db) {
  return db
    .selectFrom('category as c')
    .leftJoin('category as parent', 'parent.id', 'c.parent_id')
    .leftJoin('category as l1', 'l1.id', 'c.level1_id')
    .leftJoin('category as l2', 'l2.id', 'c.level2_id')
    .leftJoin('category as l3', 'l3.id', 'c.level3_id')
    .selectAll('c')
    .select([
      'parent.code as parent_code',
      'l1.code as level1_code',
      'l2.code as level2_code',
      'l3.code as level3_code',
    ]);
}

export async function findCategoryByCode(db: Db, code: string): Promise<CategoryRow | undefined> {
  return selectCategories(db).where('c.code', '=', code).executeTakeFirst();
}

export async function findCategoryById(db: Db, id: number): Promise<CategoryRow | undefined> {
  return selectCategories(db).where('c.id', '=', id).executeTakeFirst();
}

/** Every category, retired ones included, in no particular order (the service orders them as a tree). */
export async function listCategoryRows(db: Db): Promise<CategoryRow[]> {
  return selectCategories(db).execute();
}

/** A category and everything below it. */
export async function listSubtree(db: Db, root: { id: number; level: CategoryLevel }): Promise<CategoryRow[]> {
  return selectCategories(db)
    .where(`c.${levelColumn(root.level)}`, '=', root.id)
    .execute();
}

/** The categories directly under a parent (or the level-1 ones for null). */
export async function listChildren(db: Db, parentId: number | null): Promise<CategoryRow[]> {
  const query = selectCategories(db);
  return (parentId === null ? query.where('c.parent_id', 'is', null) : query.where('c.parent_id', '=', parentId))
    .orderBy('c.sort_order')
    .orderBy('c.code')
    .execute();
}

export async function insertCategory(db: Db, row: Insertable<CategoryTable>): Promise<number> {
  const { id } = await db.insertInto('category').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateCategoryRow(db: Db, id: number, patch: Updateable<CategoryTable>): Promise<void> {
  await db.updateTable('category').set(patch).where('id', '=', id).execute();
}

/** Set fields on a category and everything below it (retire, restore, re-point ancestors after a move). */
export async function updateSubtree(
  db: Db,
  root: { id: number; level: CategoryLevel },
  patch: Updateable<CategoryTable>,
): Promise<void> {
  await db.updateTable('category').set(patch).where(levelColumn(root.level), '=', root.id).execute();
}

export async function countCategories(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('category')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
