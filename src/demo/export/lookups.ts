import { defaultDepartments } from '../../orgs/index.js';
import { type DefaultCategory, defaultTaxonomy } from '../../taxonomy/index.js';
import type { Demo } from '../demo.js';
import type { DemoGroup, DemoVillage, LngLat } from '../town.js';

/** Separator of the level names in a category path: 劳动保障/涉企劳工纠纷/欠薪. */
export const CATEGORY_PATH_SEPARATOR = '/';

/**
 * The names the export files write in place of our codes, prepared once per demo town: real exports name the
 * village, the category and the department; they never carry our codes.
 */
export interface ExportLookups {
  townName: string;
  /** 所属村社 of a village or group code (see placeLabel). */
  placeLabels: ReadonlyMap<string, string>;
  /** The village of a village or group code. */
  villages: ReadonlyMap<string, DemoVillage>;
  /** The centroid of a village or group code. */
  centroids: ReadonlyMap<string, LngLat>;
  /** Category code → the path of its names from the level-1 area (see categoryPaths). */
  categoryPaths: ReadonlyMap<string, string>;
  /** Category code → its own name (the leaf's). */
  categoryNames: ReadonlyMap<string, string>;
  /** Department code → its name in the town (云溪镇综合行政执法队, 云溪市场监管所 …). */
  departmentNames: ReadonlyMap<string, string>;
  /** Credit code → enterprise name. */
  enterpriseNames: ReadonlyMap<string, string>;
}

/**
 * What the 所属村社 column says for a place: the village's name (后山村, 溪华社区), or for a group the village's name
 * followed by the group's (后山村第二村民小组), as exports of the grid system write it. Group names alone (第二村民小组)
 * repeat in every village; the joined label is unique, and places.json lists it as the group's alias.
 */
export function placeLabel(village: DemoVillage, group?: DemoGroup): string {
  return group ? village.name + group.name : village.name;
}

/**
 * Every category of a taxonomy with the path of its names (市容环境/占道经营, 劳动保障/涉企劳工纠纷/欠薪). Real hotline
 * platforms export their classification as such a path; leaf names alone are not unique across all taxonomies.
 */
export function categoryPaths(taxonomy: readonly DefaultCategory[] = defaultTaxonomy): Map<string, string> {
  const paths = new Map<string, string>();
  const visit = (category: DefaultCategory, parentPath: string | undefined) => {
    const path = parentPath === undefined ? category.name : parentPath + CATEGORY_PATH_SEPARATOR + category.name;
    paths.set(category.code, path);
    for (const child of category.children ?? []) {
      visit(child, path);
    }
  };
  for (const area of taxonomy) {
    visit(area, undefined);
  }
  return paths;
}

/** The default departments' names in a town: `{town}` is its full name, `{short}` the name without 镇 / 街道 / 乡. */
export function departmentNames(townName: string): Map<string, string> {
  const short = townName.replace(/(镇|街道|乡)$/, '');
  return new Map(
    defaultDepartments.map((d) => [d.code, d.name.replaceAll('{town}', townName).replaceAll('{short}', short)]),
  );
}

/** The lookups of a demo town. */
export function buildLookups(demo: Demo): ExportLookups {
  const placeLabels = new Map<string, string>();
  const villages = new Map<string, DemoVillage>();
  const centroids = new Map<string, LngLat>();
  for (const village of demo.map.villages) {
    placeLabels.set(village.code, placeLabel(village));
    villages.set(village.code, village);
    centroids.set(village.code, village.centroid);
    for (const group of village.groups) {
      placeLabels.set(group.code, placeLabel(village, group));
      villages.set(group.code, village);
      centroids.set(group.code, group.centroid);
    }
  }
  const names = new Map<string, string>();
  const visit = (category: DefaultCategory) => {
    names.set(category.code, category.name);
    category.children?.forEach(visit);
  };
  defaultTaxonomy.forEach(visit);
  return {
    townName: demo.map.town.name,
    placeLabels,
    villages,
    centroids,
    categoryPaths: categoryPaths(),
    categoryNames: names,
    departmentNames: departmentNames(demo.map.town.name),
    enterpriseNames: new Map(demo.enterprises.map((e) => [e.creditCode, e.name])),
  };
}
