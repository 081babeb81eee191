import { appendAudit, changedFields } from '../audit/index.js';
import { type Actor, requireTownScope } from '../auth/index.js';
import { conflict, invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { presentPlace } from './place.presenter.js';
import {
  findPlaceByCode,
  findPlaceById,
  insertClosureRows,
  insertPlace,
  listAncestors,
  listClosureOf,
  listPlaces,
  type PlaceRow,
  updatePlaceRow,
} from './place.repo.js';
import {
  type CreatePlaceInput,
  createPlaceSchema,
  type ListPlacesQuery,
  listPlacesQuerySchema,
  type Place,
  parentLevel,
  type UpdatePlaceInput,
  updatePlaceSchema,
} from './place.schema.js';

export interface PlaceDeps {
  db: Db;
}

/** Writes know who writes: the scope check and the audit entry need the actor. */
export interface PlaceWriteDeps extends PlaceDeps {
  actor: Actor;
}

/** Audit entries name a place by its code: what the API and people know it by. */
const AUDIT_ENTITY = 'place';

/**
 * Add a place under its parent. The parent must be exactly one level up (city → town → village → group); the
 * closure rows that make ancestor and descendant queries cheap are written in the same transaction. A village or
 * group needs `places:write` over its whole town; a city or a new town (nothing above it that is a town) needs the
 * scope `all`.
 */
export async function createPlace(deps: PlaceWriteDeps, input: CreatePlaceInput): Promise<Place> {
  const data = parseInput(createPlaceSchema, input);
  return inTransaction(deps.db, async (db) => {
    const parent = await checkParent(db, data.level, data.parentCode);
    requireTownScope(deps.actor, 'places:write', parent?.town_id ?? null);
    if (await findPlaceByCode(db, data.code)) {
      throw conflict(`place ${data.code} already exists`, { issues: [{ path: 'code', message: 'already exists' }] });
    }
    const now = Date.now();
    const id = await insertPlace(db, {
      code: data.code,
      name: data.name,
      name_en: data.nameEn ?? null,
      level: data.level,
      parent_id: parent?.id ?? null,
      town_id: parent?.town_id ?? null,
      aliases: JSON.stringify(data.aliases),
      centroid_lng: data.centroid?.lng ?? null,
      centroid_lat: data.centroid?.lat ?? null,
      boundary: data.boundary ? JSON.stringify(data.boundary) : null,
      created_at: now,
      updated_at: now,
    });
    if (data.level === 'town') {
      await updatePlaceRow(db, id, { town_id: id });
    }
    const above = parent ? await listClosureOf(db, parent.id) : [];
    await insertClosureRows(db, [
      { ancestor_id: id, descendant_id: id, depth: 0 },
      ...above.map((a) => ({ ancestor_id: a.ancestor_id, descendant_id: id, depth: a.depth + 1 })),
    ]);
    const row = await loadById(db, id);
    const place = presentPlace(row);
    await appendAudit(db, deps.actor, {
      action: 'place.create',
      entity: AUDIT_ENTITY,
      entityId: place.code,
      townId: row.town_id,
      after: place,
    });
    return place;
  });
}

async function checkParent(db: Db, level: Place['level'], parentCode: string | undefined): Promise<PlaceRow | null> {
  const expected = parentLevel[level];
  if (expected === null) {
    if (parentCode !== undefined) {
      throw invalidField('parentCode', `a ${level} has no parent`);
    }
    return null;
  }
  if (parentCode === undefined) {
    throw invalidField('parentCode', `a ${level} needs its ${expected}`);
  }
  const parent = await findPlaceByCode(db, parentCode);
  if (!parent) {
    throw invalidField('parentCode', `unknown place "${parentCode}"`);
  }
  if (parent.level !== expected) {
    throw invalidField(
      'parentCode',
      `the parent of a ${level} must be a ${expected}; "${parentCode}" is a ${parent.level}`,
    );
  }
  return parent;
}

async function loadById(db: Db, id: number): Promise<PlaceRow> {
  const row = await findPlaceById(db, id);
  if (!row) {
    throw notFound('place', id);
  }
  return row;
}

/**
 * The place with this code, for other features that take a place code as input: an unknown code is bad input in
 * `field`, not a missing resource.
 */
export async function requirePlace(db: Db, code: string, field: string): Promise<PlaceRow> {
  const row = await findPlaceByCode(db, code);
  if (!row) {
    throw invalidField(field, `unknown place "${code}"`);
  }
  return row;
}

export async function getPlace(deps: PlaceDeps, code: string): Promise<Place> {
  const row = await findPlaceByCode(deps.db, code);
  if (!row) {
    throw notFound('place', code);
  }
  return presentPlace(row);
}

/** Places by level, optionally only those within one place (the place itself included). */
export async function findPlaces(deps: PlaceDeps, query: ListPlacesQuery): Promise<Place[]> {
  const { level, within } = parseInput(listPlacesQuerySchema, query);
  const withinId = within === undefined ? undefined : (await requirePlace(deps.db, within, 'within')).id;
  const rows = await listPlaces(deps.db, { level, withinId });
  return rows.map(presentPlace);
}

/** The chain above a place, from the city down to its parent. */
export async function getAncestors(deps: PlaceDeps, code: string): Promise<Place[]> {
  const place = await findPlaceByCode(deps.db, code);
  if (!place) {
    throw notFound('place', code);
  }
  return (await listAncestors(deps.db, place.id)).map(presentPlace);
}

/**
 * Rename a place, change its aliases, centroid or boundary. Its code, level and parent do not change. A place of a
 * town needs `places:write` over that town; a city needs the scope `all`.
 */
export async function updatePlace(deps: PlaceWriteDeps, code: string, input: UpdatePlaceInput): Promise<Place> {
  const patch = parseInput(updatePlaceSchema, input);
  return inTransaction(deps.db, async (db) => {
    const place = await findPlaceByCode(db, code);
    if (!place) {
      throw notFound('place', code);
    }
    requireTownScope(deps.actor, 'places:write', place.town_id);
    await updatePlaceRow(db, place.id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
      ...(patch.aliases !== undefined && { aliases: JSON.stringify(patch.aliases) }),
      ...(patch.centroid !== undefined && {
        centroid_lng: patch.centroid?.lng ?? null,
        centroid_lat: patch.centroid?.lat ?? null,
      }),
      ...(patch.boundary !== undefined && { boundary: patch.boundary ? JSON.stringify(patch.boundary) : null }),
      updated_at: Date.now(),
    });
    const before = presentPlace(place);
    const after = presentPlace(await loadById(db, place.id));
    const changes = changedFields(before, after);
    if (changes) {
      await appendAudit(db, deps.actor, {
        action: 'place.update',
        entity: AUDIT_ENTITY,
        entityId: place.code,
        townId: place.town_id,
        ...changes,
      });
    }
    return after;
  });
}
