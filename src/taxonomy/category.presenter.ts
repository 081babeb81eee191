import type { CategoryRow } from './category.repo.js';
import type { Category, CategoryNode, TaxonomyVersion } from './category.schema.js';
import type { TaxonomyVersionSummaryRow } from './taxonomy.repo.js';

export function presentCategory(row: CategoryRow): Category {
  const path = [row.level1_code, row.level2_code, row.level3_code].filter((code) => code !== null);
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    level: row.level,
    parentCode: row.parent_code,
    path,
    sortOrder: row.sort_order,
    retired: row.retired === 1,
  };
}

export function presentTaxonomyVersion(row: TaxonomyVersionSummaryRow): TaxonomyVersion {
  return {
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    note: row.note,
    categoryCount: row.category_count,
  };
}

function bySortOrder(a: Category, b: Category): number {
  return a.sortOrder - b.sortOrder || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Categories as a forest: children under their parents, siblings by sort order then code. A category whose parent
 * is not in the list (filtered out by level) becomes a root, so nothing given is lost.
 */
export function presentTree(categories: readonly Category[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(categories.map((c) => [c.code, { ...c, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentCode === null ? undefined : nodes.get(node.parentCode);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: CategoryNode[]): CategoryNode[] => {
    list.sort(bySortOrder);
    for (const node of list) {
      sort(node.children);
    }
    return list;
  };
  return sort(roots);
}

/** The same categories in tree order (each parent before its children, siblings by sort order), as a flat list. */
export function inTreeOrder(categories: readonly Category[]): Category[] {
  const out: Category[] = [];
  const walk = (nodes: CategoryNode[]): void => {
    for (const { children, ...category } of nodes) {
      out.push(category);
      walk(children);
    }
  };
  walk(presentTree(categories));
  return out;
}
