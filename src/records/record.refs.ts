import { invalidField } from '../core/errors.js';
import { requireEnterprise } from '../enterprises/index.js';
import { requireDepartment } from '../orgs/index.js';
import { type PlaceRow, requirePlace } from '../places/index.js';
import type { Db } from '../store/database.js';
import { type CategoryRow, requireCategory, UNCLASSIFIED_CODE } from '../taxonomy/index.js';
import type { RecordCoreData } from './record.schema.js';

/** What a record's codes point at, resolved to ids. */
export interface RecordRefs {
  townId: number;
  categoryId: number;
  placeId: number | null;
  enterpriseId: number | null;
  departmentId: number | null;
}

/** Resolves the codes of records to ids, each distinct code once: one per write, or one per batch of many. */
export interface RefResolver {
  resolve(data: RecordCoreData): Promise<RecordRefs>;
}

/** The town with this code, or invalid_input in `field` when the code is unknown or not a town's. */
export async function requireTown(db: Db, code: string, field: string): Promise<PlaceRow> {
  const place = await requirePlace(db, code, field);
  if (place.level !== 'town') {
    throw invalidField(field, `"${code}" is a ${place.level}, not a town`);
  }
  return place;
}

function memoize<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load(key);
      cache.set(key, hit);
      // A failed lookup is not remembered: the next record with this code gets its own, field-naming error.
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
}

/**
 * A resolver reading the store, remembering what it found. Unknown codes are invalid_input naming the field; the
 * place must be a village or group of the town; a retired category takes no new records. Use one per unit of work:
 * it does not see codes added or retired after it first looked them up.
 */
export function createRefResolver(db: Db): RefResolver {
  const town = memoize((code) => requireTown(db, code, 'townCode'));
  const category = memoize((code) => requireCategory(db, code, 'categoryCode'));
  const place = memoize((code) => requirePlace(db, code, 'placeCode'));
  const enterprise = memoize((code) => requireEnterprise(db, code, 'enterpriseCreditCode'));
  const department = memoize(async (key) => {
    const [townId, code] = key.split('\u0000') as [string, string];
    return requireDepartment(db, Number(townId), code, 'departmentCode');
  });

  return {
    async resolve(data) {
      const townRow = await town(data.townCode);
      return {
        townId: townRow.id,
        categoryId: checkActive(await category(data.categoryCode ?? UNCLASSIFIED_CODE)).id,
        placeId: data.placeCode === undefined ? null : checkInTown(await place(data.placeCode), townRow).id,
        enterpriseId: data.enterpriseCreditCode ? (await enterprise(data.enterpriseCreditCode)).id : null,
        departmentId: data.departmentCode ? (await department(`${townRow.id}\u0000${data.departmentCode}`)).id : null,
      };
    },
  };
}

function checkActive(category: CategoryRow): CategoryRow {
  if (category.retired === 1) {
    throw invalidField('categoryCode', `category "${category.code}" is retired and takes no new records`);
  }
  return category;
}

function checkInTown(place: PlaceRow, town: PlaceRow): PlaceRow {
  if ((place.level !== 'village' && place.level !== 'group') || place.town_id !== town.id) {
    throw invalidField('placeCode', `"${place.code}" is not a village or group of town ${town.code}`);
  }
  return place;
}
