/**
 * What the engine knows of a town while it runs: its categories with their paths from level 1, its villages, and
 * which village each place lies in. Pure data; engine.repo.ts reads it.
 */

export interface Named {
  zh: string;
  en: string;
}

export interface CategoryNode {
  id: number;
  code: string;
  name: Named;
  level: number;
  /** Ids from level 1 down to this category. */
  path: readonly number[];
}

export interface VillageNode {
  id: number;
  code: string;
  name: Named;
}

export interface TownShape {
  town: { id: number; code: string; name: Named };
  categories: ReadonlyMap<number, CategoryNode>;
  villages: ReadonlyMap<number, VillageNode>;
  /** The village a place lies in (itself for a village, its village for a group); absent for the town itself. */
  villageOfPlace: ReadonlyMap<number, number>;
}

/**
 * Where a series or an issue sits: a category (any level) or every category (`null`), in one village or in the whole
 * town (`null`).
 */
export interface Cell {
  category: CategoryNode | null;
  villageId: number | null;
}

/** `a`'s category lies within `b`'s (or is it): every category lies within "every category". */
export function categoryWithin(a: CategoryNode | null, b: CategoryNode | null): boolean {
  return b === null || (a?.path.includes(b.id) ?? false);
}

export function placeWithin(a: number | null, b: number | null): boolean {
  return b === null || a === b;
}

/** `a` is `b` or more specific than it in both dimensions. */
export function cellWithin(a: Cell, b: Cell): boolean {
  return categoryWithin(a.category, b.category) && placeWithin(a.villageId, b.villageId);
}

/** Both dimensions on one line of their trees: the two cells may be views of one issue. */
export function cellsRelated(a: Cell, b: Cell): boolean {
  const categories = categoryWithin(a.category, b.category) || categoryWithin(b.category, a.category);
  const places = placeWithin(a.villageId, b.villageId) || placeWithin(b.villageId, a.villageId);
  return categories && places;
}

export function categoryDepth(category: CategoryNode | null): number {
  return category?.level ?? 0;
}
