import { changedFields } from '../audit/audit.diff.js';
import { appendAudit } from '../audit/audit.service.js';
import { AppError, conflict, invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { type Actor, coversTown, scopeOf, systemActor } from './access.js';
import { checkPasswordPolicy, hashPassword } from './password.js';
import { describeGrants, type ResolvedGrant, resolveGrantInputs } from './user.grants.js';
import { presentUser } from './user.presenter.js';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  listRoleRows,
  replaceRoleRows,
  type UserRow,
} from './user.repo.js';
import { type CreateUserInput, createUserSchema, type GrantInput, type User } from './user.schema.js';

export interface UserDeps {
  db: Db;
  /** Who is acting (the audit log's actor, and whose users:write scope bounds the grants); the CLI's by default. */
  actor?: Actor;
  now?: () => number;
}

export const nowOf = (deps: { now?: () => number }): number => (deps.now ? deps.now() : Date.now());

/**
 * Whether the actor may hand out a grant: within `all` only an `all` administrator; within a city only one whose
 * users:write holds that city (or all); otherwise every town of the scope must lie in the actor's users:write scope.
 */
export function mayGrant(actor: Actor, grant: ResolvedGrant): boolean {
  const scope = scopeOf(actor, 'users:write');
  if (scope.all) {
    return true;
  }
  if (grant.scope_kind === 'all') {
    return false;
  }
  if (grant.scope_kind === 'city') {
    return actor.grants.some(
      (g) => g.kind === 'city' && g.scopeId === grant.scope_id && g.permissions.includes('users:write'),
    );
  }
  return grant.townIds.length > 0 && grant.townIds.every((town) => coversTown(scope, town));
}

/** Resolve grants as written and refuse (403) any outside the actor's own users:write scope. */
export async function resolveAllowedGrants(db: Db, actor: Actor, inputs: readonly GrantInput[]) {
  const grants = await resolveGrantInputs(db, inputs);
  for (const [index, grant] of grants.entries()) {
    if (!mayGrant(actor, grant)) {
      throw new AppError('forbidden', `grants.${index}: outside the scope in which you may manage users`, {
        issues: [{ path: `grants.${index}`, message: 'outside your users:write scope' }],
      });
    }
  }
  return grants;
}

/** The user with its grants as the API shows it, or 404. */
export async function loadUser(db: Db, id: number): Promise<User> {
  const row = await findUserById(db, id);
  if (!row) {
    throw notFound('user', id);
  }
  return presentWithGrants(db, row);
}

export async function presentWithGrants(db: Db, row: UserRow): Promise<User> {
  const described = await describeGrants(db, await listRoleRows(db, [row.id]));
  return presentUser(
    row,
    described.map((d) => d.view),
  );
}

/**
 * Create a user with a password (checked against the policy) and grants (each allowed in its scope kind and within
 * the actor's users:write scope). Audited without the password.
 */
export async function createUser(deps: UserDeps, input: CreateUserInput): Promise<User> {
  const data = parseInput(createUserSchema, input);
  checkPasswordPolicy(data.password, data.username);
  const actor = deps.actor ?? systemActor();
  const passwordHash = await hashPassword(data.password);
  return inTransaction(deps.db, async (db) => {
    const grants = await resolveAllowedGrants(db, actor, data.grants);
    if (grants.length === 0 && !scopeOf(actor, 'users:write').all) {
      // A user without grants is seen only by administrators of everything: give one within your own scope.
      throw invalidField('grants', 'give at least one grant within the scope you manage');
    }
    if (await findUserByUsername(db, data.username)) {
      throw conflict(`user ${data.username} already exists`, {
        issues: [{ path: 'username', message: 'already exists' }],
      });
    }
    const now = nowOf(deps);
    const id = await insertUser(db, {
      username: data.username,
      display_name: data.displayName,
      password_hash: passwordHash,
      password_changed_at: now,
      demo: data.demo ? 1 : 0,
      locked_until: null,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    });
    await replaceRoleRows(db, id, grants.map(storedGrant(now)));
    const user = await loadUser(db, id);
    await appendAudit(
      db,
      actor,
      { action: 'user.create', entity: 'user', entityId: id, after: auditedUser(user) },
      now,
    );
    return user;
  });
}

export const storedGrant = (now: number) => (grant: ResolvedGrant) => ({
  role: grant.role,
  scope_kind: grant.scope_kind,
  scope_id: grant.scope_id,
  created_at: now,
});

/** What the audit log keeps of a user: no hash, no timestamps that change on their own. */
export function auditedUser(user: User): Record<string, unknown> {
  return {
    username: user.username,
    displayName: user.displayName,
    demo: user.demo,
    disabled: user.disabled,
    grants: user.grants.map((g) => `${g.role}@${g.kind}${g.code ? `:${g.code}` : ''}`),
  };
}

/** The changed fields of two presentations of a user, for the audit log. */
export function userChanges(before: User, after: User) {
  return changedFields(auditedUser(before), auditedUser(after));
}

/** Who a user is to the access model: their grants with the towns resolved. Undefined for an unknown id. */
export async function loadActor(db: Db, userId: number): Promise<Actor | undefined> {
  const row = await findUserById(db, userId);
  if (!row) {
    return undefined;
  }
  const described = await describeGrants(db, await listRoleRows(db, [row.id]));
  return { kind: 'user', id: row.id, name: row.username, grants: described.map((d) => d.grant) };
}

/** The number a user id must be: a positive whole number (for services the CLI calls too). */
export function checkUserId(id: number): void {
  if (!Number.isSafeInteger(id) || id < 1) {
    throw invalidField('id', 'must be a positive whole number');
  }
}
