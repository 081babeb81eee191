import { AppError } from '../core/errors.js';
import { type Permission, type Role, roleDefinitions, type ScopeKind } from './permissions.js';

/*
 * Who is asking (the actor) and what they may reach with one permission (the scope). Services receive the actor;
 * repositories receive the scope and filter by it, so data out of scope is never read, whatever the route.
 */

/** One role (or an API token's permissions) held within one scope, with the towns that scope lies in resolved. */
export interface Grant {
  /** The role, or null for an API token (which carries its permissions itself). */
  role: Role | null;
  permissions: readonly Permission[];
  kind: ScopeKind;
  /** The place (city, town, village) or department the grant holds within; null for `all`. */
  scopeId: number | null;
  /** The towns of the scope: a city's towns, a town itself, the town of a village or department; [] for `all`. */
  townIds: readonly number[];
}

export interface Actor {
  /** `user`: signed in; `token`: an API token; `system`: the command line and the server's own jobs. */
  kind: 'user' | 'token' | 'system';
  /** The user's or token's id; null for the system. */
  id: number | null;
  /** The username, the token's name, or the command (`cli`), for the audit log. */
  name: string;
  grants: readonly Grant[];
  /** The signed-in session's id (users only): logout and "revoke all others" start from it. */
  sessionId?: number;
  /** The client's address, for the audit log. */
  ip?: string;
}

/**
 * What one permission reaches: everything (`all`), or the union of whole towns, village subtrees (the village and
 * its groups) and departments' records. Empty lists and `all: false` reach nothing.
 */
export interface Scope {
  all: boolean;
  townIds: readonly number[];
  villageIds: readonly number[];
  departmentIds: readonly number[];
}

export const NOTHING: Scope = { all: false, townIds: [], villageIds: [], departmentIds: [] };
export const EVERYTHING: Scope = { all: true, townIds: [], villageIds: [], departmentIds: [] };

/** The actor of the command line and of the server's own jobs: it may do everything (it holds the data folder). */
export function systemActor(name = 'cli'): Actor {
  return { kind: 'system', id: null, name, grants: [] };
}

/** A user's grant of `role` within a scope (towns resolved by the caller). */
export function roleGrant(role: Role, kind: ScopeKind, scopeId: number | null, townIds: readonly number[]): Grant {
  return { role, permissions: roleDefinitions[role].permissions, kind, scopeId, townIds };
}

/** Whether the actor holds `permission` anywhere. */
export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || actor.grants.some((grant) => grant.permissions.includes(permission));
}

/** The union of the scopes in which the actor holds `permission` (NOTHING when it holds it nowhere). */
export function scopeOf(actor: Actor, permission: Permission): Scope {
  if (actor.kind === 'system') {
    return EVERYTHING;
  }
  const towns = new Set<number>();
  const villages = new Set<number>();
  const departments = new Set<number>();
  for (const grant of actor.grants) {
    if (!grant.permissions.includes(permission)) {
      continue;
    }
    switch (grant.kind) {
      case 'all':
        return EVERYTHING;
      case 'city':
      case 'town':
        for (const town of grant.townIds) {
          towns.add(town);
        }
        break;
      case 'village':
        villages.add(grant.scopeId as number);
        break;
      case 'department':
        departments.add(grant.scopeId as number);
        break;
    }
  }
  return { all: false, townIds: [...towns], villageIds: [...villages], departmentIds: [...departments] };
}

/** Whether the scope holds the whole town (needed to write reference data of it, or records anywhere in it). */
export function coversTown(scope: Scope, townId: number): boolean {
  return scope.all || scope.townIds.includes(townId);
}

/** Whether the scope reaches anything of the town: all of it, or a village or department in it (by grant towns). */
export function touchesTown(actor: Actor, permission: Permission, townId: number): boolean {
  return (
    actor.kind === 'system' ||
    actor.grants.some(
      (grant) => grant.permissions.includes(permission) && (grant.kind === 'all' || grant.townIds.includes(townId)),
    )
  );
}

/** Whether the scope reaches nothing at all. */
export function isEmptyScope(scope: Scope): boolean {
  return !scope.all && scope.townIds.length + scope.villageIds.length + scope.departmentIds.length === 0;
}

/**
 * Refuse (403) a write unless the actor's `permission` scope holds the whole town; `townId` null (a city, a new
 * town, the taxonomy: data above any one town) needs scope `all`. Reference data and records of a town are written
 * only by those who hold the whole town.
 */
export function requireTownScope(actor: Actor, permission: Permission, townId: number | null): void {
  const scope = scopeOf(actor, permission);
  if (townId === null ? !scope.all : !coversTown(scope, townId)) {
    const where = townId === null ? 'this needs the scope all' : 'your scope does not cover this town';
    throw new AppError('forbidden', `${permission}: ${where}`, { permission });
  }
}

/**
 * Refuse (403) unless the actor holds `permission` somewhere in the town — the whole town, or one of its villages
 * or departments. For the town's registers that its officers keep wherever they work (the enterprises an
 * enforcement officer inspects).
 */
export function requireTownGrant(actor: Actor, permission: Permission, townId: number): void {
  if (!touchesTown(actor, permission, townId)) {
    throw new AppError('forbidden', `${permission}: you hold it nowhere in this town`, { permission });
  }
}
