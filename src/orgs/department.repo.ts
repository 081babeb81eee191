import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../store/database.js';
import type { DepartmentKind, DepartmentTable } from '../store/tables/orgs.js';

export type DepartmentRow = Selectable<DepartmentTable> & { town_code: string; parent_code: string | null };

function selectDepartments(db: Db) {
  return db
    .selectFrom('department as d')
    .innerJoin('place as town', 'town.id', 'd.town_id')
    .leftJoin('department as parent', 'parent.id', 'd.parent_id')
    .selectAll('d')
    .select(['town.code as town_code', 'parent.code as parent_code']);
}

export async function findDepartment(db: Db, townId: number, code: string): Promise<DepartmentRow | undefined> {
  return selectDepartments(db).where('d.town_id', '=', townId).where('d.code', '=', code).executeTakeFirst();
}

export async function findDepartmentById(db: Db, id: number): Promise<DepartmentRow | undefined> {
  return selectDepartments(db).where('d.id', '=', id).executeTakeFirst();
}

/** A town's departments by code, optionally only one kind and only active (1) or inactive (0) ones. */
export async function listDepartmentRows(
  db: Db,
  townId: number,
  filter: { kind?: DepartmentKind; active?: 0 | 1 },
): Promise<DepartmentRow[]> {
  let query = selectDepartments(db).where('d.town_id', '=', townId);
  if (filter.kind !== undefined) {
    query = query.where('d.kind', '=', filter.kind);
  }
  if (filter.active !== undefined) {
    query = query.where('d.active', '=', filter.active);
  }
  return query.orderBy('d.code').execute();
}

/** The codes of a town's departments that are among `codes`. */
export async function listExistingCodes(db: Db, townId: number, codes: string[]): Promise<string[]> {
  if (codes.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('department')
    .select('code')
    .where('town_id', '=', townId)
    .where('code', 'in', codes)
    .execute();
  return rows.map((r) => r.code);
}

/** The parent ids above a department, nearest first (a short chain: units nest one or two deep). */
export async function listParentIds(db: Db, id: number): Promise<number[]> {
  const chain: number[] = [];
  let current: number | null = id;
  // Bounded walk: a corrupt cycle in old data must not loop forever.
  while (current !== null && chain.length < 100) {
    const row: { parent_id: number | null } | undefined = await db
      .selectFrom('department')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
    if (current !== null) {
      chain.push(current);
    }
  }
  return chain;
}

export async function insertDepartment(db: Db, row: Insertable<DepartmentTable>): Promise<number> {
  const { id } = await db.insertInto('department').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Insert unless the town has a department with this code already (also under a concurrent insert): the new id or undefined. */
export async function insertDepartmentIfAbsent(db: Db, row: Insertable<DepartmentTable>): Promise<number | undefined> {
  const inserted = await db
    .insertInto('department')
    .values(row)
    .onConflict((oc) => oc.columns(['town_id', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function updateDepartmentRow(db: Db, id: number, patch: Updateable<DepartmentTable>): Promise<void> {
  await db.updateTable('department').set(patch).where('id', '=', id).execute();
}
