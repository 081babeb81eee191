import { invalidField } from '../core/errors.js';
import type { Period } from '../core/time/index.js';
import { readCubeStates } from '../cube/index.js';
import { requirePlace } from '../places/index.js';
import { requireTown } from '../records/index.js';
import type { Db } from '../store/database.js';
import type { RecordKind } from '../store/tables/intake.js';
import { type StatsPeriodKind, statsRange } from './stats.periods.js';
import type { PlaceFilterLevel } from './stats.plan.js';
import {
  type CategoryNames,
  selectCategories,
  selectDepartmentIds,
  selectPlaceIdsWithin,
  selectTownIds,
} from './stats.repo.js';

/*
 * The scope of a stats query or of the records behind it: the towns, the filters' codes resolved (unknown ones are
 * invalid_input naming the parameter), the cube's as_of and the periods asked.
 */

export interface ScopeInput {
  town?: string | undefined;
  period: StatsPeriodKind;
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
  place?: string | undefined;
  /** A code; `_none` (records with no department) only where `allowNone`. */
  department?: string | undefined;
  source?: string | undefined;
  kind?: RecordKind | undefined;
}

export interface StatsScope {
  townIds: number[];
  /** The earliest as_of of the towns' cubes; null when none was written. */
  asOf: number | null;
  periods: Period[];
  categories: Map<number, CategoryNames>;
  categoryByCode: Map<string, CategoryNames>;
  category?: CategoryNames;
  /** A village or group filter and the places within it (itself included). */
  place?: { id: number; level: PlaceFilterLevel; within: number[] };
  /** Department ids of the filter, or null for "no department" (`_none`). */
  departmentIds?: number[] | null;
  source?: string;
  kind?: RecordKind;
}

export const NO_DEPARTMENT = '_none';

export interface ScopeOptions {
  /** Accept `_none` as the department (records with no department). */
  allowNone?: boolean;
  /** The towns the reader's scope touches (null or absent: every town); the towns asked are cut down to them. */
  towns?: readonly number[] | null;
}

/**
 * The scope of a query: the towns asked (within the towns the reader reaches), the filters' codes resolved, the
 * cube's as_of over those towns and the periods asked.
 */
export async function resolveScope(db: Db, q: ScopeInput, options: ScopeOptions = {}): Promise<StatsScope> {
  let townIds: number[];
  if (q.town !== undefined) {
    townIds = [(await requireTown(db, q.town, 'town')).id];
  } else {
    townIds = await selectTownIds(db);
  }
  // Department codes are judged in the towns asked by `town`, before the reader's scope or a place narrows them: a
  // code unknown there is an error, a known one beyond the scope reads nothing.
  const askedTowns = townIds;
  if (options.towns) {
    const reached = new Set(options.towns);
    townIds = townIds.filter((id) => reached.has(id));
  }
  const scope: Partial<StatsScope> = {};
  if (q.place !== undefined) {
    const place = await requirePlace(db, q.place, 'place');
    const inside =
      place.level === 'city'
        ? await selectTownIds(db, place.id)
        : [place.level === 'town' ? place.id : Number(place.town_id)];
    const within = new Set(inside);
    townIds = townIds.filter((id) => within.has(id));
    if (place.level === 'village' || place.level === 'group') {
      scope.place = { id: place.id, level: place.level, within: await selectPlaceIdsWithin(db, place.id) };
    }
  }
  const categories = new Map((await selectCategories(db)).map((row) => [Number(row.id), row]));
  const categoryByCode = new Map([...categories.values()].map((row) => [row.code, row]));
  if (q.category !== undefined) {
    const category = categoryByCode.get(q.category);
    if (!category) {
      throw invalidField('category', `unknown category "${q.category}"`);
    }
    scope.category = category;
  }
  if (q.department === NO_DEPARTMENT && options.allowNone) {
    scope.departmentIds = null;
  } else if (q.department !== undefined) {
    scope.departmentIds = await selectDepartmentIds(db, askedTowns, q.department);
    if (scope.departmentIds.length === 0) {
      const where = q.town === undefined ? 'any town asked' : `town ${q.town}`;
      throw invalidField('department', `unknown department "${q.department}" in ${where}`);
    }
  }
  const wanted = new Set(townIds);
  const states = (await readCubeStates(db)).filter((state) => wanted.has(state.townId));
  const asOf = states.length === 0 ? null : Math.min(...states.map((state) => state.asOf));
  const periods = statsRange(q.period, q.from, q.to, asOf ?? Date.now());
  return {
    ...scope,
    ...(q.source === undefined ? {} : { source: q.source }),
    ...(q.kind === undefined ? {} : { kind: q.kind }),
    townIds,
    asOf,
    periods,
    categories,
    categoryByCode,
  };
}

/** The ids of a category's subtree no deeper than `depth` (the cells of a cuboid of that category depth). */
export function subtreeIds(scope: StatsScope, root: CategoryNames, depth = 3): number[] {
  const column = `level${root.level}_id` as 'level1_id';
  return [...scope.categories.values()]
    .filter((row) => Number(row[column]) === Number(root.id) && row.level <= depth)
    .map((row) => Number(row.id));
}
