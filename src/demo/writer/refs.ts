import type { RecordRefs, RefResolver } from '../../records/index.js';
import type { Db } from '../../store/database.js';
import type { Demo } from '../demo.js';
import type { RecordDraft } from '../record-draft.js';

/**
 * The ids of everything the demo's records point at, by code, resolved once on the main thread through the records'
 * own resolver (so the same rules hold: the place is the town's, the category is not retired …). Plain data: it goes
 * to the row worker as is, where records then resolve without the database.
 */
export interface RefSnapshot {
  townCode: string;
  townId: number;
  categories: [string, number][];
  places: [string, number][];
  enterprises: [string, number][];
  departments: [string, number][];
}

/** Resolve the demo's codes (categories, villages and groups, enterprises, departments) through `resolver`. */
export async function loadRefSnapshot(db: Db, demo: Demo, resolver: RefResolver): Promise<RefSnapshot> {
  const townCode = demo.map.town.code;
  // Only the codes are read; the rest makes the probe a well-formed record.
  const probe = { townCode, sourceSystem: 'demo', externalNo: 'probe', content: '', openedAt: 0, difficult: false };
  const resolve = (
    codes: Partial<Record<'categoryCode' | 'placeCode' | 'enterpriseCreditCode' | 'departmentCode', string>>,
  ) => resolver.resolve(db, { ...probe, ...codes });
  const snapshot: RefSnapshot = {
    townCode,
    townId: (await resolve({})).townId,
    categories: [],
    places: [],
    enterprises: [],
    departments: [],
  };
  for (const { code } of demo.categories) {
    snapshot.categories.push([code, (await resolve({ categoryCode: code })).categoryId]);
  }
  const places = demo.map.villages.flatMap((village) => [village.code, ...village.groups.map((group) => group.code)]);
  for (const code of places) {
    snapshot.places.push([code, (await resolve({ placeCode: code })).placeId as number]);
  }
  for (const { creditCode } of demo.enterprises) {
    snapshot.enterprises.push([
      creditCode,
      (await resolve({ enterpriseCreditCode: creditCode })).enterpriseId as number,
    ]);
  }
  const departments = new Set(
    demo.categories.flatMap(({ profile }) => (profile.department ? [profile.department] : [])),
  );
  for (const code of departments) {
    snapshot.departments.push([code, (await resolve({ departmentCode: code })).departmentId as number]);
  }
  return snapshot;
}

/** A synchronous resolver over a snapshot: a code outside it is a defect of the generator, not bad input. */
export function snapshotRefs(snapshot: RefSnapshot): (draft: RecordDraft) => RecordRefs {
  const categories = new Map(snapshot.categories);
  const places = new Map(snapshot.places);
  const enterprises = new Map(snapshot.enterprises);
  const departments = new Map(snapshot.departments);
  const lookup = (map: Map<string, number>, what: string, code: string): number => {
    const id = map.get(code);
    if (id === undefined) {
      throw new Error(`demo record ${what} "${code}" is not among the codes resolved for the demo town`);
    }
    return id;
  };
  return (draft) => {
    if (draft.townCode !== snapshot.townCode) {
      throw new Error(`demo record of town "${draft.townCode}", expected "${snapshot.townCode}"`);
    }
    return {
      townId: snapshot.townId,
      categoryId: lookup(categories, 'category', draft.categoryCode),
      placeId: lookup(places, 'place', draft.placeCode),
      enterpriseId: draft.enterpriseCreditCode ? lookup(enterprises, 'enterprise', draft.enterpriseCreditCode) : null,
      departmentId: draft.departmentCode ? lookup(departments, 'department', draft.departmentCode) : null,
    };
  };
}
