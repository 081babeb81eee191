import { api } from '../../api/client';

/*
 * The lists the analysis page's filters choose from: the category tree, a town's departments. (Villages come from
 * api/places.ts.) Each needs its own reference permission; the page leaves a filter out when the user lacks it.
 */

export interface CategoryNode {
  code: string;
  name: string;
  nameEn: string;
  level: number;
  children: CategoryNode[];
}

export const fetchCategoryTree = (signal?: AbortSignal) =>
  api.get<{ version: number; tree: CategoryNode[] }>('/api/categories', undefined, signal);

export interface Department {
  code: string;
  townCode: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}

export const fetchDepartments = (town: string, signal?: AbortSignal) =>
  api.get<Department[]>(`/api/towns/${encodeURIComponent(town)}/departments`, undefined, signal);
