import { api } from './client';

/* The category taxonomy (分类): the tree for pickers and the settings page, the flat list for look-ups. */

export interface Category {
  code: string;
  name: string;
  nameEn: string;
  level: 1 | 2 | 3;
  parentCode: string | null;
  path: string[];
  sortOrder: number;
  retired: boolean;
}

export type CategoryNode = Category & { children: CategoryNode[] };

/** The current tree; `includeRetired` for the settings page, which can restore them. */
export const fetchCategoryTree = (signal?: AbortSignal, options: { includeRetired?: boolean } = {}) =>
  api.get<{ version: number; tree: CategoryNode[] }>(
    '/api/categories',
    options.includeRetired ? { includeRetired: true } : undefined,
    signal,
  );

/** The current categories as one flat list. */
export const fetchCategoryList = (signal?: AbortSignal) =>
  api.get<{ version: number; categories: Category[] }>('/api/categories', { flat: true }, signal);

export interface CategoryOption {
  value: string;
  title: string;
  children: CategoryOption[];
}

/** The tree as a TreeSelect's options, in the user's language, without retired categories. */
export function categoryOptions(nodes: readonly CategoryNode[], english: boolean): CategoryOption[] {
  return nodes
    .filter((node) => !node.retired)
    .map((node) => ({
      value: node.code,
      title: (english && node.nameEn) || node.name,
      children: categoryOptions(node.children, english),
    }));
}
