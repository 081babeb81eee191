import { api, setCsrfToken } from './client';

/** A grant as /api/auth/me shows it: a role within a scope (`all`, or a kind and a code). */
export interface Grant {
  role: string;
  roleName: string;
  kind: 'all' | 'city' | 'town' | 'village' | 'department';
  code: string | null;
  name: string | null;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  grants: Grant[];
}

export interface Me {
  kind: 'user' | 'token' | 'system';
  name: string;
  user: User | null;
  permissions: string[];
  csrfToken: string | null;
}

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

export async function login(username: string, password: string): Promise<void> {
  const result = await api.post<{ csrfToken: string }>('/api/auth/login', { username, password });
  setCsrfToken(result.csrfToken);
}

export async function logout(): Promise<void> {
  await api.post<void>('/api/auth/logout');
  setCsrfToken(null);
}

/** Whether the server runs as `shanzhi demo` (its health check says so): the login page then names the demo users. */
export async function isDemo(signal?: AbortSignal): Promise<boolean> {
  const health = await api.get<{ demo?: boolean }>('/api/health', undefined, signal);
  return health.demo === true;
}
