import { appendAudit } from '../audit/audit.service.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { type Actor, type Grant, scopeOf } from './access.js';
import { checkPasswordPolicy, hashPassword } from './password.js';
import { endUserSessions } from './session.service.js';
import { describeGrants } from './user.grants.js';
import { presentUser } from './user.presenter.js';
import {
  findUserById,
  findUserByUsername,
  listRoleRows,
  listUserRows,
  replaceRoleRows,
  type UserRow,
  updateUserRow,
} from './user.repo.js';
import {
  type GrantInput,
  type ListUsersQuery,
  listUsersQuerySchema,
  resetPasswordSchema,
  setGrantsSchema,
  type UpdateUserInput,
  type User,
  updateUserSchema,
} from './user.schema.js';
import {
  auditedUser,
  checkUserId,
  mayGrant,
  nowOf,
  resolveAllowedGrants,
  storedGrant,
  userChanges,
} from './user.service.js';

/*
 * Administering users (users:read, users:write). An administrator sees the users holding a grant in their towns and
 * manages only users all of whose grants lie within their own users:write scope: an administrator of one town can
 * neither touch an administrator of everything nor give anyone a grant beyond that town.
 */

export interface UserAdminDeps {
  db: Db;
  actor: Actor;
  now?: () => number;
}

interface Described {
  row: UserRow;
  user: User;
  grants: Grant[];
}

async function describe(db: Db, row: UserRow): Promise<Described> {
  const described = await describeGrants(db, await listRoleRows(db, [row.id]));
  return {
    row,
    user: presentUser(
      row,
      described.map((d) => d.view),
    ),
    grants: described.map((d) => d.grant),
  };
}

function visibleTo(actor: Actor, grants: readonly Grant[]): boolean {
  const scope = scopeOf(actor, 'users:read');
  return scope.all || grants.some((grant) => grant.townIds.some((town) => scope.townIds.includes(town)));
}

function manageableBy(actor: Actor, grants: readonly Grant[]): boolean {
  return (
    grants.every(
      (grant) =>
        grant.role !== null &&
        mayGrant(actor, {
          role: grant.role,
          scope_kind: grant.kind,
          scope_id: grant.scopeId ?? 0,
          townIds: [...grant.townIds],
        }),
    ) &&
    (grants.length > 0 || scopeOf(actor, 'users:write').all)
  );
}

/** A user the actor may see (404 otherwise, as if it did not exist). */
async function loadVisible(deps: UserAdminDeps, id: number): Promise<Described> {
  checkUserId(id);
  const row = await findUserById(deps.db, id);
  const described = row && (await describe(deps.db, row));
  if (!described || !visibleTo(deps.actor, described.grants)) {
    throw notFound('user', id);
  }
  return described;
}

/** A user the actor may change: visible (else 404) and wholly within the actor's users:write scope (else 403). */
async function loadManageable(deps: UserAdminDeps, id: number): Promise<Described> {
  const described = await loadVisible(deps, id);
  if (!manageableBy(deps.actor, described.grants)) {
    throw new AppError('forbidden', `user ${id} holds grants outside the scope in which you may manage users`);
  }
  return described;
}

/** The users the actor may see, by username, optionally filtered. */
export async function listUsers(deps: UserAdminDeps, query: ListUsersQuery = {}): Promise<User[]> {
  const { q, disabled } = parseInput(listUsersQuerySchema, query);
  const rows = await listUserRows(deps.db, { q, disabled: disabled === undefined ? undefined : disabled === 'true' });
  const users: User[] = [];
  for (const row of rows) {
    const described = await describe(deps.db, row);
    if (visibleTo(deps.actor, described.grants)) {
      users.push(described.user);
    }
  }
  return users;
}

/** One user (404 when out of the actor's sight). */
export async function getUser(deps: UserAdminDeps, id: number): Promise<User> {
  return (await loadVisible(deps, id)).user;
}

/** The id of a user by username (the CLI names users so), or 422 naming `field`. */
export async function requireUserId(db: Db, username: string, field = 'username'): Promise<number> {
  const row = await findUserByUsername(db, username.trim().toLowerCase());
  if (!row) {
    throw invalidField(field, `no user "${username}"`);
  }
  return row.id;
}

/** Rename a user, or disable (ending every session) or enable them. Nobody disables themselves. */
export async function updateUser(deps: UserAdminDeps, id: number, input: UpdateUserInput): Promise<User> {
  const patch = parseInput(updateUserSchema, input);
  if (patch.disabled === true && deps.actor.kind === 'user' && deps.actor.id === id) {
    throw invalidField('disabled', 'you cannot disable yourself');
  }
  const now = nowOf(deps);
  return inTransaction(deps.db, async (db) => {
    const before = await loadManageable({ ...deps, db }, id);
    const disabling = patch.disabled === true && before.row.disabled_at === null;
    await updateUserRow(db, id, {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.disabled !== undefined && { disabled_at: patch.disabled ? (before.row.disabled_at ?? now) : null }),
      updated_at: now,
    });
    const revokedSessions = disabling ? await endUserSessions(db, id, now) : 0;
    const after = (await describe(db, (await findUserById(db, id)) as UserRow)).user;
    const changes = userChanges(before.user, after);
    if (changes) {
      const entry = {
        action: 'user.update',
        entity: 'user',
        entityId: id,
        before: changes.before,
        after: changes.after,
      };
      await appendAudit(
        db,
        deps.actor,
        { ...entry, after: { ...changes.after, ...(disabling && { revokedSessions }) } },
        now,
      );
    }
    return after;
  });
}

/** Replace a user's grants: the old and the new ones must all lie within the actor's users:write scope. */
export async function setUserGrants(deps: UserAdminDeps, id: number, input: { grants: GrantInput[] }): Promise<User> {
  const { grants } = parseInput(setGrantsSchema, input);
  const now = nowOf(deps);
  return inTransaction(deps.db, async (db) => {
    const before = await loadManageable({ ...deps, db }, id);
    const resolved = await resolveAllowedGrants(db, deps.actor, grants);
    await replaceRoleRows(db, id, resolved.map(storedGrant(now)));
    await updateUserRow(db, id, { updated_at: now });
    const after = (await describe(db, (await findUserById(db, id)) as UserRow)).user;
    await appendAudit(
      db,
      deps.actor,
      {
        action: 'user.grant',
        entity: 'user',
        entityId: id,
        before: { grants: auditedUser(before.user).grants },
        after: { grants: auditedUser(after).grants },
      },
      now,
    );
    return after;
  });
}

/** Set a new password for a user (policy checked); ends their sessions and lifts a lockout. */
export async function resetUserPassword(deps: UserAdminDeps, id: number, input: { password: string }): Promise<User> {
  const { password } = parseInput(resetPasswordSchema, input);
  const target = await loadManageable(deps, id);
  checkPasswordPolicy(password, target.row.username);
  const passwordHash = await hashPassword(password);
  const now = nowOf(deps);
  return inTransaction(deps.db, async (db) => {
    await loadManageable({ ...deps, db }, id);
    await updateUserRow(db, id, {
      password_hash: passwordHash,
      password_changed_at: now,
      locked_until: null,
      updated_at: now,
    });
    const revokedSessions = await endUserSessions(db, id, now);
    await appendAudit(
      db,
      deps.actor,
      { action: 'user.password_reset', entity: 'user', entityId: id, after: { revokedSessions } },
      now,
    );
    return (await describe(db, (await findUserById(db, id)) as UserRow)).user;
  });
}

/** End every session of a user. */
export async function revokeUserSessions(deps: UserAdminDeps, id: number): Promise<{ revoked: number }> {
  const now = nowOf(deps);
  return inTransaction(deps.db, async (db) => {
    await loadManageable({ ...deps, db }, id);
    const revoked = await endUserSessions(db, id, now);
    await appendAudit(
      db,
      deps.actor,
      { action: 'session.revoke_all', entity: 'user', entityId: id, after: { revoked } },
      now,
    );
    return { revoked };
  });
}
