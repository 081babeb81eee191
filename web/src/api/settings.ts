import type { Grant } from './auth';
import type { Category } from './categories';
import { api, request } from './client';
import { type Department, type DepartmentKind, departmentsPath } from './departments';
import type { Geometry } from './places';

/*
 * The settings page's endpoints: the taxonomy, places, departments, the advice library, the import profiles, users
 * and roles. Shapes follow the server's presenters (src/taxonomy, src/places, src/orgs, src/advice, src/ingest,
 * src/auth).
 */

// ---- roles ----

export interface RoleInfo {
  code: string;
  name: string;
  permissions: string[];
  scopes: Grant['kind'][];
}

export const fetchRoles = (signal?: AbortSignal) => api.get<RoleInfo[]>('/api/roles', undefined, signal);

// ---- taxonomy ----

export interface TaxonomyVersion {
  version: number;
  createdAt: string;
  note: string;
  categoryCount: number;
}

export const fetchTaxonomyVersions = (signal?: AbortSignal) =>
  api.get<TaxonomyVersion[]>('/api/taxonomy/versions', undefined, signal);

export interface NewCategory {
  code: string;
  name: string;
  nameEn: string;
  parentCode?: string;
  note?: string;
}

export const createCategory = (input: NewCategory) => api.post<Category>('/api/categories', input);

export const updateCategory = (
  code: string,
  patch: { name?: string; nameEn?: string; retired?: boolean; note?: string },
) => request<Category>('PATCH', `/api/categories/${encodeURIComponent(code)}`, { body: patch });

// ---- places ----

export interface PlaceDetail {
  code: string;
  name: string;
  nameEn: string | null;
  level: 'city' | 'town' | 'village' | 'group';
  parentCode: string | null;
  townCode: string | null;
  aliases: string[];
  centroid: { lng: number; lat: number } | null;
  boundary: Geometry | null;
}

export const fetchPlacesWithin = (within: string, signal?: AbortSignal) =>
  api.get<PlaceDetail[]>('/api/places', { within }, signal);

export const fetchPlaceDetail = (code: string, signal?: AbortSignal) =>
  api.get<PlaceDetail>(`/api/places/${encodeURIComponent(code)}`, undefined, signal);

export const updatePlace = (code: string, patch: { name?: string; nameEn?: string | null; aliases?: string[] }) =>
  request<PlaceDetail>('PATCH', `/api/places/${encodeURIComponent(code)}`, { body: patch });

// ---- departments ----

export const createDepartment = (
  town: string,
  input: { code: string; name: string; nameEn?: string; kind: DepartmentKind },
) => api.post<Department>(departmentsPath(town), input);

export const updateDepartment = (
  town: string,
  code: string,
  patch: { name?: string; nameEn?: string | null; active?: boolean },
) => request<Department>('PATCH', `${departmentsPath(town)}/${encodeURIComponent(code)}`, { body: patch });

export const seedDefaultDepartments = (town: string) =>
  api.post<{ created: Department[]; existing: string[] }>(`${departmentsPath(town)}/seed-defaults`);

// ---- advice templates ----

export type Situation = 'village_surge' | 'spread' | 'slow_rise' | 'new_term' | 'overdue_backlog';

export interface TemplateTexts {
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
}

export interface AdviceTemplate extends TemplateTexts {
  code: string;
  townCode: string;
  categoryCode: string | null;
  situation: Situation;
  active: boolean;
  origin: 'builtin' | 'town' | 'edited';
  builtin: TemplateTexts | null;
  updatedAt: string | null;
}

export interface AdvicePreview {
  code: string;
  title: string;
  titleEn: string;
  advice: string;
  adviceEn: string;
  department: { code: string; name: string; nameEn: string } | null;
}

export const fetchAdviceTemplates = (town: string, signal?: AbortSignal) =>
  api.get<AdviceTemplate[]>('/api/advice-templates', { town }, signal);

export const saveAdviceTemplate = (town: string, code: string, input: Partial<TemplateTexts> & { active?: boolean }) =>
  request<AdviceTemplate>('PUT', `/api/advice-templates/${encodeURIComponent(code)}`, {
    query: { town },
    body: input,
  });

export const resetAdviceTemplate = (town: string, code: string) =>
  request<void>('DELETE', `/api/advice-templates/${encodeURIComponent(code)}`, { query: { town } });

export const previewAdvice = (town: string, code: string, template: Partial<TemplateTexts>) =>
  request<AdvicePreview>('POST', '/api/advice-templates/preview', { query: { town }, body: { code, template } });

// ---- users ----

export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  demo: boolean;
  disabled: boolean;
  lockedUntil: number | null;
  passwordChangedAt: number;
  createdAt: number;
  grants: Grant[];
}

export interface GrantInput {
  role: string;
  kind: Grant['kind'];
  code: string | null;
}

export const fetchUsers = (query: { q?: string }, signal?: AbortSignal) =>
  api.get<AdminUser[]>('/api/users', query, signal);

export const createUser = (input: { username: string; displayName: string; password: string; grants: GrantInput[] }) =>
  api.post<AdminUser>('/api/users', input);

export const updateUser = (id: number, patch: { displayName?: string; disabled?: boolean }) =>
  request<AdminUser>('PATCH', `/api/users/${id}`, { body: patch });

export const setUserGrants = (id: number, grants: GrantInput[]) =>
  request<AdminUser>('PUT', `/api/users/${id}/grants`, { body: { grants } });

export const resetUserPassword = (id: number, password: string) =>
  api.post<AdminUser>(`/api/users/${id}/password`, { password });

export const revokeUserSessions = (id: number) => request<{ revoked: number }>('DELETE', `/api/users/${id}/sessions`);
