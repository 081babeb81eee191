import { listEnterpriseIds } from '../enterprises/index.js';
import { listDepartmentRows } from '../orgs/index.js';
import { listPlaces, type PlaceRow } from '../places/index.js';
import type { Db } from '../store/database.js';
import { listCategoryRows, UNCLASSIFIED_CODE } from '../taxonomy/index.js';

/*
 * The names files use for our codes, read from the store once per import: towns, villages and groups (by code, name,
 * alias, and village + group label), categories (by code, path of names, own name), departments (by code and name).
 * The mapper turns cells into codes with these; the row builder turns codes into ids with them, with no query per row.
 */

/** The form of a name used for matching: NFKC (full-width letters and digits to half-width), no whitespace. */
export function matchKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

export interface TownLookups {
  id: number;
  code: string;
  name: string;
  /** Name, alias, label or code → place code (villages and groups of this town; ambiguous names left out). */
  places: Map<string, string>;
  placeIds: Map<string, number>;
  /** Name or code → department code. */
  departments: Map<string, string>;
  departmentIds: Map<string, number>;
}

export interface IntakeLookups {
  /** Town name or code → town code. */
  townKeys: Map<string, string>;
  towns: Map<string, TownLookups>;
  /** Active categories: code, path of names (joined by `/`) or own name (when unique) → category code. */
  categoryByCode: Map<string, string>;
  categoryByPath: Map<string, string>;
  categoryByName: Map<string, string>;
  categoryIds: Map<string, number>;
  unclassifiedCode: string;
  /** Credit code (canonical: upper case, half-width) → enterprise id. */
  enterprises: Map<string, number>;
}

/** Put a key in a map unless another value already claimed it: a name two places share matches neither. */
function claim(map: Map<string, string>, ambiguous: Set<string>, key: string, value: string): void {
  const k = matchKey(key);
  if (k === '' || ambiguous.has(k)) {
    return;
  }
  const existing = map.get(k);
  if (existing !== undefined && existing !== value) {
    map.delete(k);
    ambiguous.add(k);
    return;
  }
  map.set(k, value);
}

export async function loadIntakeLookups(db: Db): Promise<IntakeLookups> {
  const places = await listPlaces(db, {});
  const byId = new Map(places.map((p) => [p.id, p]));
  const towns = new Map<string, TownLookups>();
  const townKeys = new Map<string, string>();
  const townAmbiguous = new Set<string>();
  for (const town of places.filter((p) => p.level === 'town')) {
    towns.set(town.code, await townLookups(db, town, places, byId));
    claim(townKeys, townAmbiguous, town.code, town.code);
    claim(townKeys, townAmbiguous, town.name, town.code);
    for (const alias of JSON.parse(town.aliases) as string[]) {
      claim(townKeys, townAmbiguous, alias, town.code);
    }
  }

  const categories = (await listCategoryRows(db)).filter((c) => c.retired === 0);
  const names = new Map(categories.map((c) => [c.id, c.name]));
  const categoryByCode = new Map<string, string>();
  const categoryByPath = new Map<string, string>();
  const categoryByName = new Map<string, string>();
  const categoryIds = new Map<string, number>();
  const nameAmbiguous = new Set<string>();
  for (const c of categories) {
    categoryByCode.set(c.code, c.code);
    categoryIds.set(c.code, c.id);
    const path = [c.level1_id, c.level2_id, c.level3_id]
      .filter((id): id is number => id !== null)
      .map((id) => names.get(id) ?? '')
      .join('/');
    categoryByPath.set(matchKey(path), c.code);
    claim(categoryByName, nameAmbiguous, c.name, c.code);
  }
  return {
    townKeys,
    towns,
    categoryByCode,
    categoryByPath,
    categoryByName,
    categoryIds,
    unclassifiedCode: UNCLASSIFIED_CODE,
    enterprises: new Map((await listEnterpriseIds(db)).map((e) => [e.credit_code, e.id])),
  };
}

async function townLookups(
  db: Db,
  town: PlaceRow,
  places: readonly PlaceRow[],
  byId: Map<number, PlaceRow>,
): Promise<TownLookups> {
  const map = new Map<string, string>();
  const ambiguous = new Set<string>();
  const placeIds = new Map<string, number>();
  for (const place of places) {
    if (place.town_id !== town.id || (place.level !== 'village' && place.level !== 'group')) {
      continue;
    }
    placeIds.set(place.code, place.id);
    claim(map, ambiguous, place.code, place.code);
    claim(map, ambiguous, place.name, place.code);
    for (const alias of JSON.parse(place.aliases) as string[]) {
      claim(map, ambiguous, alias, place.code);
    }
    const parent = place.parent_id === null ? undefined : byId.get(place.parent_id);
    if (place.level === 'group' && parent) {
      claim(map, ambiguous, parent.name + place.name, place.code);
    }
  }
  const departments = new Map<string, string>();
  const departmentIds = new Map<string, number>();
  const departmentAmbiguous = new Set<string>();
  for (const d of await listDepartmentRows(db, town.id, {})) {
    departmentIds.set(d.code, d.id);
    claim(departments, departmentAmbiguous, d.code, d.code);
    claim(departments, departmentAmbiguous, d.name, d.code);
  }
  return { id: town.id, code: town.code, name: town.name, places: map, placeIds, departments, departmentIds };
}
