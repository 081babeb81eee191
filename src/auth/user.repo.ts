import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../store/database.js';
import type { AppUserTable, UserRoleTable } from '../store/tables/auth.js';

export type UserRow = Selectable<AppUserTable>;
export type UserRoleRow = Selectable<UserRoleTable>;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, row: Insertable<AppUserTable>): Promise<number> {
  const { id } = await db.insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUserRow(db: Db, id: number, patch: Updateable<AppUserTable>): Promise<void> {
  await db.updateTable('app_user').set(patch).where('id', '=', id).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Users by username, optionally matching `q` in username or display name, and only (not) disabled ones. */
export async function listUserRows(db: Db, filter: { q?: string; disabled?: boolean }): Promise<UserRow[]> {
  let query = db.selectFrom('app_user').selectAll();
  if (filter.q) {
    // LIKE's wildcards in the search text are literal characters here.
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['username']), 'like', eb.val(pattern)).$castTo<boolean>(),
        eb(eb.fn('lower', ['display_name']), 'like', eb.val(pattern)).$castTo<boolean>(),
      ]),
    );
  }
  if (filter.disabled !== undefined) {
    query = query.where('disabled_at', filter.disabled ? 'is not' : 'is', null);
  }
  return query.orderBy('username').execute();
}

/** A user's grants, oldest first. */
export async function listRoleRows(db: Db, userIds: readonly number[]): Promise<UserRoleRow[]> {
  if (userIds.length === 0) {
    return [];
  }
  return db.selectFrom('user_role').selectAll().where('user_id', 'in', userIds).orderBy('id').execute();
}

/** Replace all of a user's grants. */
export async function replaceRoleRows(
  db: Db,
  userId: number,
  rows: Omit<Insertable<UserRoleTable>, 'user_id'>[],
): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (rows.length > 0) {
    await db
      .insertInto('user_role')
      .values(rows.map((row) => ({ ...row, user_id: userId })))
      .execute();
  }
}

/** The towns under a city (through the place closure). */
export async function listTownIdsUnder(db: Db, placeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('place_closure as c')
    .innerJoin('place as p', 'p.id', 'c.descendant_id')
    .select('p.id')
    .where('c.ancestor_id', '=', placeId)
    .where('p.level', '=', 'town')
    .orderBy('p.id')
    .execute();
  return rows.map((row) => row.id);
}

export interface ScopePlace {
  id: number;
  code: string;
  name: string;
  level: string;
  town_id: number | null;
}

export async function findScopePlaceByCode(db: Db, code: string): Promise<ScopePlace | undefined> {
  return db
    .selectFrom('place')
    .select(['id', 'code', 'name', 'level', 'town_id'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function findScopePlacesByIds(db: Db, ids: readonly number[]): Promise<ScopePlace[]> {
  if (ids.length === 0) {
    return [];
  }
  return db.selectFrom('place').select(['id', 'code', 'name', 'level', 'town_id']).where('id', 'in', ids).execute();
}

export interface ScopeDepartment {
  id: number;
  code: string;
  name: string;
  town_id: number;
  town_code: string;
}

function selectScopeDepartments(db: Db) {
  return db
    .selectFrom('department as d')
    .innerJoin('place as town', 'town.id', 'd.town_id')
    .select(['d.id', 'd.code', 'd.name', 'd.town_id', 'town.code as town_code']);
}

export async function findScopeDepartment(
  db: Db,
  townCode: string,
  code: string,
): Promise<ScopeDepartment | undefined> {
  return selectScopeDepartments(db).where('town.code', '=', townCode).where('d.code', '=', code).executeTakeFirst();
}

export async function findScopeDepartmentsByIds(db: Db, ids: readonly number[]): Promise<ScopeDepartment[]> {
  if (ids.length === 0) {
    return [];
  }
  return selectScopeDepartments(db).where('d.id', 'in', ids).execute();
}

/** The code of a town's first village (by code), if any. */
export async function firstVillageCodeOf(db: Db, townId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('place')
    .select('code')
    .where('town_id', '=', townId)
    .where('level', '=', 'village')
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  return row?.code;
}

/** The code of a town's first active department (by code), if any. */
export async function firstDepartmentCodeOf(db: Db, townId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('department')
    .select('code')
    .where('town_id', '=', townId)
    .where('active', '=', 1)
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  return row?.code;
}
