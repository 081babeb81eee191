import type { Scope } from '../auth/index.js';
import type { Db } from '../store/database.js';
import {
  selectDepartments,
  selectPlaceIdsWithinAny,
  selectPlaces,
  selectTownsOfDepartments,
  selectTownsOfPlaces,
} from './stats.repo.js';

/*
 * What a reader's stats:read reaches, in the cube's terms. Whole towns need only the cells' town; a village reaches
 * the cells of its subtree (the record's own place: the village or its groups), a department the cells of records
 * dispatched to it, so a scope holding parts of towns reads a cuboid keeping the place (or department) and ORs the
 * three conditions, as the records' scopeCondition does row by row. Filters asked for are ANDed with it: a filter
 * beyond the scope gives the intersection (nothing), not an error.
 */

/** The parts of towns a scope holds, for the cells' condition. */
export interface PartialAccess {
  /** Whole towns. */
  townIds: number[];
  villageIds: number[];
  /** The villages and every place within them. */
  placeIds: number[];
  departmentIds: number[];
}

export interface StatsAccess {
  /** Every town the scope touches (wholly or in part); null: every town there is. */
  towns: number[] | null;
  /** Set when the scope holds some town only in part (villages, departments). */
  partial?: PartialAccess;
}

/** The cube's view of a scope (one or two small queries when it holds villages or departments). */
export async function resolveStatsAccess(db: Db, scope: Scope): Promise<StatsAccess> {
  if (scope.all) {
    return { towns: null };
  }
  const villageIds = [...scope.villageIds];
  const departmentIds = [...scope.departmentIds];
  const towns = new Set(scope.townIds);
  for (const id of await selectTownsOfPlaces(db, villageIds)) {
    towns.add(id);
  }
  for (const id of await selectTownsOfDepartments(db, departmentIds)) {
    towns.add(id);
  }
  if (villageIds.length === 0 && departmentIds.length === 0) {
    return { towns: [...towns] };
  }
  const placeIds = await selectPlaceIdsWithinAny(db, villageIds);
  return { towns: [...towns], partial: { townIds: [...scope.townIds], villageIds, placeIds, departmentIds } };
}

/** The cells' scope condition for a cuboid of this place depth (1: cells keep the village; 2: the record's place). */
export function cellAccess(access: StatsAccess, placeDepth: number) {
  const partial = access.partial;
  if (!partial) {
    return undefined;
  }
  return {
    townIds: partial.townIds,
    placeIds: placeDepth === 2 ? partial.placeIds : partial.villageIds,
    departmentIds: partial.departmentIds,
  };
}

/** The scope in words, for the head of an export: `全部`, or the towns, villages and departments it holds. */
export async function describeScope(db: Db, scope: Scope): Promise<string> {
  if (scope.all) {
    return '全部数据';
  }
  const parts: string[] = [];
  const places = new Map(
    (await selectPlaces(db, [...scope.townIds, ...scope.villageIds])).map((p) => [Number(p.id), p]),
  );
  const named = (ids: readonly number[]) =>
    ids.map((id) => places.get(id)).map((p) => (p ? `${p.name}（${p.code}）` : '?'));
  if (scope.townIds.length > 0) {
    parts.push(`镇街 ${named(scope.townIds).join('、')}`);
  }
  if (scope.villageIds.length > 0) {
    parts.push(`村（社区） ${named(scope.villageIds).join('、')}`);
  }
  if (scope.departmentIds.length > 0) {
    const departments = await selectDepartments(db, scope.departmentIds);
    parts.push(`部门 ${departments.map((d) => `${d.name}（${d.code}）`).join('、')}`);
  }
  return parts.length === 0 ? '无（没有可读的数据）' : parts.join('；');
}
