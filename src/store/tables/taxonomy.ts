import type { Generated } from 'kysely';

export type CategoryLevel = 1 | 2 | 3;

/**
 * One category of the global taxonomy (事项分类), at most three levels deep. A category used by records is retired,
 * never deleted. `level1_id`…`level3_id` hold the category's ancestor at each level (itself at its own level, null
 * below it), so a roll-up "by level-n category" is a column read, and the subtree of X is `level{X.level}_id = X.id`.
 */
export interface CategoryTable {
  id: Generated<number>;
  /** Stable identifier used by the API, imports and reports, e.g. `city_appearance.street_stall`. */
  code: string;
  /** The Chinese name, as town offices and the 12345 hotline use it. */
  name: string;
  name_en: string;
  level: CategoryLevel;
  parent_id: number | null;
  /** Set right after the insert (a level-1 category is its own level-1 ancestor); never null afterwards. */
  level1_id: number | null;
  level2_id: number | null;
  level3_id: number | null;
  /** Order among siblings, ascending; ties by code. */
  sort_order: number;
  /** 0/1: a retired category keeps its records but takes no new ones. */
  retired: number;
  created_at: number;
  updated_at: number;
}

/** One row per taxonomy version: the whole tree as it was after an edit, for reading any version back. */
export interface TaxonomyVersionTable {
  version: number;
  created_at: number;
  note: string;
  category_count: number;
  /** JSON array of the categories (API shape), parents before children. */
  snapshot: string;
}

/**
 * The single row (id 1) holding the current taxonomy version. Every edit updates it first, which queues concurrent
 * edits (row lock on PostgreSQL, write lock on SQLite), so version numbers never collide.
 */
export interface TaxonomyHeadTable {
  id: number;
  version: number;
}
