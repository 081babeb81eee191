import { type KeyLookups, type KeyValue, OTHERS } from './stats.plan.js';
import type { CategoryNames, NamedRow, PlaceNames } from './stats.repo.js';
import { STATS_SOURCES, type StatsDimension, type StatsKey } from './stats.schema.js';

/*
 * The keys of the answer's rows as people read them: ids to codes and names (zh-CN and English), the unknown place,
 * the records with no department and "others" named, and an order for them.
 */

/** The names of what keys point at, loaded once per request. */
export interface KeyNames {
  categories: ReadonlyMap<number, CategoryNames>;
  places: ReadonlyMap<number, PlaceNames>;
  departments: ReadonlyMap<number, NamedRow>;
}

const SOURCE_NAMES: Record<string, readonly [string, string]> = {
  hotline_12345: ['12345热线', '12345 hotline'],
  web: ['网站', 'Web'],
  phone: ['电话', 'Phone'],
  visit: ['来访', 'Visit'],
  api: ['接口', 'API'],
  patrol: ['巡查发现', 'Patrol'],
  complaint_referral: ['投诉转办', 'Complaint referral'],
  department_referral: ['部门移送', 'Department referral'],
  report: ['举报', 'Report'],
  other: ['其他', 'Other'],
};
const KIND_NAMES: Record<string, readonly [string, string]> = {
  complaint: ['投诉举报', 'Complaint'],
  case: ['执法案件', 'Enforcement case'],
};

export const UNKNOWN_PLACE: StatsKey = { id: 0, code: null, name: '未知地点', nameEn: 'Unknown place' };
export const NO_DEPARTMENT_KEY: StatsKey = { id: 0, code: null, name: '未指派', nameEn: 'Unassigned' };
export const OTHERS_KEY: StatsKey = { id: null, code: '_others', name: '其他', nameEn: 'Others' };

export function keyLookups(names: KeyNames): KeyLookups {
  return {
    category(id) {
      const row = names.categories.get(id);
      return row && { level: row.level, levelIds: [row.level1_id, row.level2_id, row.level3_id] };
    },
    place(id) {
      const row = names.places.get(id);
      return row && { level: row.level, parentId: row.parent_id === null ? null : Number(row.parent_id) };
    },
  };
}

const named = (row: NamedRow | undefined, id: number): StatsKey =>
  row
    ? { id: Number(row.id), code: row.code, name: row.name, nameEn: row.name_en }
    : { id, code: null, name: String(id), nameEn: null };

/** A key value as the API gives it. */
export function presentKey(dimension: StatsDimension, value: KeyValue, names: KeyNames): StatsKey {
  if (value === OTHERS) {
    return OTHERS_KEY;
  }
  switch (dimension) {
    case 'category1':
    case 'category2':
    case 'category3':
      return named(names.categories.get(Number(value)), Number(value));
    case 'village':
    case 'group':
      return value === 0 ? UNKNOWN_PLACE : named(names.places.get(Number(value)), Number(value));
    case 'department':
      return value === 0 ? NO_DEPARTMENT_KEY : named(names.departments.get(Number(value)), Number(value));
    case 'source':
    case 'kind': {
      const [name, nameEn] = (dimension === 'source' ? SOURCE_NAMES : KIND_NAMES)[String(value)] ?? [value, value];
      return { id: null, code: String(value), name: String(name), nameEn: String(nameEn) };
    }
  }
}

const ORDER_OF: Record<string, number> = Object.fromEntries(
  [...STATS_SOURCES, 'complaint', 'case'].map((code, i) => [code, i]),
);

/** Keys by code (sources and kinds in their listed order); the unknown place and "no department" last. */
export function orderKey(dimension: StatsDimension, a: KeyValue, b: KeyValue, names: KeyNames): number {
  if (dimension === 'source' || dimension === 'kind') {
    return (ORDER_OF[String(a)] ?? 99) - (ORDER_OF[String(b)] ?? 99);
  }
  const [x, y] = [presentKey(dimension, a, names).code, presentKey(dimension, b, names).code];
  if (x === null || y === null) {
    return x === y ? Number(a) - Number(b) : x === null ? 1 : -1;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}
