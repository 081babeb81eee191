import { type CountMeasure, type Cuboid, type CuboidNeed, cuboidFor } from '../cube/index.js';
import { cellColumns, type HistogramColumn, type MeasureName } from './stats.measures.js';
import type { StatsDimension } from './stats.schema.js';

/*
 * The plan of a stats query: which cuboid to read (the smallest holding every dimension it groups or filters by, at
 * that level or finer), which cell columns to group by, and how a cell's values roll up to the asked levels.
 */

export type GroupColumn = 'category_id' | 'place_id' | 'department_id' | 'source' | 'kind';
export type PlaceFilterLevel = 'village' | 'group';

/** What the filters need of a cuboid (codes already resolved). */
export interface FilterNeeds {
  categoryLevel?: 1 | 2 | 3 | undefined;
  placeLevel?: PlaceFilterLevel | undefined;
  department: boolean;
  source: boolean;
}

export interface StatsPlan {
  cuboid: Cuboid;
  group: GroupColumn[];
  counts: CountMeasure[];
  histograms: HistogramColumn[];
}

const COLUMN_OF: Record<StatsDimension, GroupColumn> = {
  category1: 'category_id',
  category2: 'category_id',
  category3: 'category_id',
  village: 'place_id',
  group: 'place_id',
  department: 'department_id',
  source: 'source',
  kind: 'kind',
};

/** The category depth a dimension needs (0 none). */
export function categoryDepthOf(dimension: StatsDimension): 0 | 1 | 2 | 3 {
  return dimension === 'category1' ? 1 : dimension === 'category2' ? 2 : dimension === 'category3' ? 3 : 0;
}

function placeDepthOf(what: StatsDimension | PlaceFilterLevel | undefined): 0 | 1 | 2 {
  return what === 'village' ? 1 : what === 'group' ? 2 : 0;
}

/** What a query needs of a cuboid: its group-by dimensions and its filters together. */
export function needOf(by: readonly StatsDimension[], filters: FilterNeeds): CuboidNeed {
  const category = Math.max(filters.categoryLevel ?? 0, ...by.map(categoryDepthOf)) as CuboidNeed['category'];
  const place = Math.max(placeDepthOf(filters.placeLevel), ...by.map(placeDepthOf)) as CuboidNeed['place'];
  return {
    category,
    place,
    source: filters.source || by.includes('source'),
    department: filters.department || by.includes('department'),
  };
}

export function planStats(
  by: readonly StatsDimension[],
  measures: readonly MeasureName[],
  filters: FilterNeeds,
): StatsPlan {
  const group = [...new Set(by.map((dimension) => COLUMN_OF[dimension]))];
  return { cuboid: cuboidFor(needOf(by, filters)), group, ...cellColumns(measures) };
}

/** A dimension's value in a key: an id (category, place, department; 0 unknown/none) or a code (source, kind). */
export type KeyValue = number | string;
export const OTHERS: KeyValue = '_others';

/** The trees a key rolls up through. */
export interface KeyLookups {
  /** A category's level and its ancestors' ids at levels 1–3 (null below its own level). */
  category(id: number): { level: number; levelIds: readonly [number | null, number | null, number | null] } | undefined;
  /** A place's level and parent id. */
  place(id: number): { level: string; parentId: number | null } | undefined;
}

/**
 * The key a cell row adds to, one value per dimension: the cell's category rolled up to the asked level (ragged: a
 * category shallower than the level is its own key), its place rolled up to the village, or the value as stored.
 */
export function keyOfRow(
  row: Record<string, unknown>,
  by: readonly StatsDimension[],
  cuboid: Cuboid,
  lookups: KeyLookups,
): KeyValue[] {
  return by.map((dimension) => keyValueOf(row, dimension, cuboid, lookups));
}

function keyValueOf(
  row: Record<string, unknown>,
  dimension: StatsDimension,
  cuboid: Cuboid,
  lookups: KeyLookups,
): KeyValue {
  const level = categoryDepthOf(dimension);
  if (level > 0) {
    const id = Number(row.category_id);
    const category = cuboid.category === level ? undefined : lookups.category(id);
    return category && category.level > level ? (category.levelIds[level - 1] ?? id) : id;
  }
  if (dimension === 'village') {
    const id = Number(row.place_id);
    if (id === 0 || cuboid.place === 1) {
      return id;
    }
    const place = lookups.place(id);
    return place?.level === 'group' ? (place.parentId ?? 0) : id;
  }
  if (dimension === 'group') {
    return Number(row.place_id);
  }
  if (dimension === 'department') {
    return Number(row.department_id);
  }
  return String(row[dimension]);
}
