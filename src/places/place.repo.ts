import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../store/database.js';
import type { PlaceLevel, PlaceTable } from '../store/tables/places.js';

export type PlaceRow = Selectable<PlaceTable> & { parent_code: string | null; town_code: string | null };

function selectPlaces(db: Db) {
  return db
    .selectFrom('place as p')
    .leftJoin('place as parent', 'parent.id', 'p.parent_id')
    .leftJoin('place as town', 'town.id', 'p.town_id')
    .selectAll('p')
    .select(['parent.code as parent_code', 'town.code as town_code']);
}

export async function findPlaceByCode(db: Db, code: string): Promise<PlaceRow | undefined> {
  return selectPlaces(db).where('p.code', '=', code).executeTakeFirst();
}

export async function findPlaceById(db: Db, id: number): Promise<PlaceRow | undefined> {
  return selectPlaces(db).where('p.id', '=', id).executeTakeFirst();
}

/** Places, optionally only those of one level and only those inside (or equal to) one place, by code. */
export async function listPlaces(db: Db, filter: { level?: PlaceLevel; withinId?: number }): Promise<PlaceRow[]> {
  let query = selectPlaces(db);
  if (filter.level) {
    query = query.where('p.level', '=', filter.level);
  }
  if (filter.withinId !== undefined) {
    const withinId = filter.withinId;
    query = query.where('p.id', 'in', (eb) =>
      eb.selectFrom('place_closure').select('descendant_id').where('ancestor_id', '=', withinId),
    );
  }
  return query.orderBy('p.code').execute();
}

/** A place's ancestors, from the top (the city) down to its parent. */
export async function listAncestors(db: Db, id: number): Promise<PlaceRow[]> {
  return selectPlaces(db)
    .innerJoin('place_closure as c', 'c.ancestor_id', 'p.id')
    .where('c.descendant_id', '=', id)
    .where('c.depth', '>', 0)
    .orderBy('c.depth', 'desc')
    .execute();
}

/** Ancestor ids of a place with their depth, itself included at depth 0. */
export async function listClosureOf(db: Db, id: number): Promise<{ ancestor_id: number; depth: number }[]> {
  return db.selectFrom('place_closure').select(['ancestor_id', 'depth']).where('descendant_id', '=', id).execute();
}

export async function insertPlace(db: Db, row: Insertable<PlaceTable>): Promise<number> {
  const { id } = await db.insertInto('place').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertClosureRows(
  db: Db,
  rows: { ancestor_id: number; descendant_id: number; depth: number }[],
): Promise<void> {
  await db.insertInto('place_closure').values(rows).execute();
}

export async function updatePlaceRow(db: Db, id: number, patch: Updateable<PlaceTable>): Promise<void> {
  await db.updateTable('place').set(patch).where('id', '=', id).execute();
}
