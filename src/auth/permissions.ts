/*
 * Who may do what: permissions, the roles that bundle them, and the scopes a role is held within. Pure data and
 * pure functions; the table in docs/auth.md is written from it. Every route declares one permission (or `public`),
 * and a role's grant holds within one scope, so a village secretary's `records:read` reads one village.
 */

/** Everything a route or a command may require. `<thing>:read` reads, `<thing>:write` changes. */
export const permissions = [
  'records:read',
  'records:write',
  /** Complainants' names and phone numbers unmasked (each read asks for a reason and is audited). */
  'pii:read',
  'stats:read',
  'imports:read',
  'imports:write',
  'places:read',
  'places:write',
  'taxonomy:read',
  'taxonomy:write',
  'departments:read',
  'departments:write',
  'enterprises:read',
  'enterprises:write',
  'users:read',
  'users:write',
  'tokens:write',
  'audit:read',
  /** Early warnings and the problems of the month: read; change status, owner, plan; run the engine (whole town). */
  'warnings:read',
  'warnings:write',
  /** The town's advice library (整改意见 templates). */
  'advice:write',
  /** Archived reports (bulletin, advice, portrait) of whole towns: read and download; generate and regenerate. */
  'reports:read',
  'reports:write',
  /** Filing Open311 service requests (the api_key of a GeoReport client). */
  'open311:submit',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What a route declares: a permission; `signed-in` (any actor: who am I, sign out, my sessions); or `public` (no
 * credentials: health, sign-in, the API docs, Open311's reads).
 */
export type RoutePermission = Permission | 'signed-in' | 'public';

/**
 * Where a grant holds. `all`: the whole installation (a province or city platform's administrators); `city` and
 * `town`: every record of the towns within; `village`: records placed in the village or its groups; `department`:
 * records dispatched to the department.
 */
export const scopeKinds = ['all', 'city', 'town', 'village', 'department'] as const;
export type ScopeKind = (typeof scopeKinds)[number];

export const roles = [
  'admin',
  'leader',
  'analyst',
  'department_staff',
  'officer',
  'village_secretary',
  'organisation',
  'trainee',
  'mentor',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

const REFERENCE_READ: Permission[] = ['places:read', 'taxonomy:read', 'departments:read', 'enterprises:read'];
const READ_DATA: Permission[] = ['records:read', 'stats:read', 'warnings:read', 'reports:read', ...REFERENCE_READ];

export interface RoleDefinition {
  /** zh-CN name, as the UI and the docs show it. */
  name: string;
  permissions: readonly Permission[];
  /** The scope kinds this role may be granted within. */
  scopes: readonly ScopeKind[];
}

/**
 * The ten roles. Reading personal data unmasked (`pii:read`) belongs to those who call complainants back: the
 * command room's analysts, department staff and enforcement officers — within their scope.
 */
export const roleDefinitions: Record<Role, RoleDefinition> = {
  admin: {
    name: '系统管理员',
    permissions: [
      ...READ_DATA,
      'imports:read',
      'imports:write',
      'places:write',
      'taxonomy:write',
      'departments:write',
      'enterprises:write',
      'users:read',
      'users:write',
      'tokens:write',
      'audit:read',
      'warnings:write',
      'advice:write',
      'reports:write',
    ],
    scopes: ['all', 'city', 'town'],
  },
  leader: {
    name: '镇领导',
    permissions: [...READ_DATA, 'imports:read', 'warnings:write', 'reports:write'],
    scopes: ['all', 'city', 'town'],
  },
  analyst: {
    name: '指挥室分析员',
    permissions: [
      ...READ_DATA,
      'records:write',
      'pii:read',
      'imports:read',
      'imports:write',
      'enterprises:write',
      'warnings:write',
      'advice:write',
      'reports:write',
    ],
    scopes: ['city', 'town'],
  },
  department_staff: {
    name: '部门工作人员',
    permissions: [...READ_DATA, 'records:write', 'pii:read', 'warnings:write'],
    scopes: ['department'],
  },
  officer: {
    name: '执法队员',
    permissions: [...READ_DATA, 'records:write', 'pii:read', 'enterprises:write', 'warnings:write'],
    scopes: ['town', 'department'],
  },
  village_secretary: {
    name: '村（社区）书记',
    permissions: [...READ_DATA, 'warnings:write'],
    scopes: ['village'],
  },
  organisation: { name: '组织部门', permissions: ['stats:read', ...REFERENCE_READ], scopes: ['city', 'town'] },
  trainee: { name: '年轻干部（学员）', permissions: REFERENCE_READ, scopes: ['town', 'village'] },
  mentor: { name: '帮带导师', permissions: ['stats:read', ...REFERENCE_READ], scopes: ['town', 'village'] },
  auditor: {
    name: '审计员（只读）',
    permissions: [...READ_DATA, 'imports:read', 'users:read', 'audit:read'],
    scopes: ['all', 'city', 'town'],
  },
};

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return roleDefinitions[role].permissions.includes(permission);
}
