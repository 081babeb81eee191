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

/**
 * Resolves the codes of records to ids, each distinct code once: one resolver per write, or one for a run of many
 * batches. Lookups go through the `db` given to each call, so inside a transaction pass the transaction (on SQLite a
 * query on the outer handle would wait for the connection the transaction holds).
 */
export interface RefResolver {
  resolve(db: Db, data: RecordCoreData): Promise<RecordRefs>;
}

/** The town with this code, or invalid_input in `field` when the code is unknown or not a town's. */
export async function requireTown(db: Db, code: string, field: string): Promise<PlaceRow> {
  const place = await requirePlace(db, code, field);
  if (place.level !== 'town') {
    throw invalidField(field, `"${code}" is a ${place.level}, not a town`);
  }
  return place;
}

function memoize<T>(load: (db: Db, key: string) => Promise<T>): (db: Db, key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (db, key) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load(db, key);
      cache.set(key, hit);
      // A failed lookup is not remembered: the next record with this code gets its own, field-naming error.
      hit.catch(() => cache.delete(key));
    }
    return hit;
  };
}

/**
 * A resolver reading the store, remembering what it found. Unknown codes are invalid_input naming the field; the
 * place must be a village or group of the town; a retired category takes no new records. It does not see codes
 * added or retired after it first looked them up, so keep one for one run of work, not for the life of a process.
 */
export function createRefResolver(): RefResolver {
  const town = memoize((db, code) => requireTown(db, code, 'townCode'));
  const category = memoize((db, code) => requireCategory(db, code, 'categoryCode'));
  const place = memoize((db, code) => requirePlace(db, code, 'placeCode'));
  const enterprise = memoize((db, code) => requireEnterprise(db, code, 'enterpriseCreditCode'));
  const department = memoize(async (db, key) => {
    const [townId, code] = key.split('\u0000') as [string, string];
    return requireDepartment(db, Number(townId), code, 'departmentCode');
  });

  return {
    async resolve(db, data) {
      const townRow = await town(db, data.townCode);
      return {
        townId: townRow.id,
        categoryId: checkActive(await category(db, data.categoryCode ?? UNCLASSIFIED_CODE)).id,
        placeId: data.placeCode === undefined ? null : checkInTown(await place(db, data.placeCode), townRow).id,
        enterpriseId: data.enterpriseCreditCode ? (await enterprise(db, data.enterpriseCreditCode)).id : null,
        departmentId: data.departmentCode
          ? (await department(db, `${townRow.id}\u0000${data.departmentCode}`)).id
          : null,
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
