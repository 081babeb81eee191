import { api } from './client';

/* A town's departments and teams (部门), as src/orgs presents them. */

export type DepartmentKind = 'enforcement_team' | 'department' | 'office' | 'squad' | 'resident_team' | 'collaborator';

export const DEPARTMENT_KINDS: readonly DepartmentKind[] = [
  'enforcement_team',
  'department',
  'office',
  'squad',
  'resident_team',
  'collaborator',
];

export interface Department {
  code: string;
  townCode: string;
  name: string;
  nameEn: string | null;
  kind: DepartmentKind;
  parentCode: string | null;
  responsibilities: string[];
  active: boolean;
}

export const departmentsPath = (town: string) => `/api/towns/${encodeURIComponent(town)}/departments`;

export const fetchDepartments = (town: string, signal?: AbortSignal) =>
  api.get<Department[]>(departmentsPath(town), undefined, signal);
