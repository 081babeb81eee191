import { z } from 'zod';
import { appendAudit } from '../audit/audit.service.js';
import { AppError, invalidField } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { type Actor, can } from './access.js';
import { recordFailure } from './login.service.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.js';
import { type Permission, permissions } from './permissions.js';
import { csrfTokenFor, endSession, endUserSessions, listUserSessions, type SessionView } from './session.service.js';
import { findUserById, type UserRow, updateUserRow } from './user.repo.js';
import { passwordSchema, type User } from './user.schema.js';
import { nowOf, presentWithGrants } from './user.service.js';

/* The signed-in user's own account: who am I, my sessions, sign out, change my password. */

export interface AccountDeps {
  db: Db;
  actor: Actor;
  now?: () => number;
}

export interface Me {
  kind: Actor['kind'];
  name: string;
  /** The signed-in user (null for an API token). */
  user: User | null;
  /** The permissions held in at least one scope. */
  permissions: Permission[];
  /** What to send as X-CSRF-Token with writes (null when not signed in with a cookie). */
  csrfToken: string | null;
}

async function ownUser(deps: AccountDeps): Promise<UserRow> {
  const row = deps.actor.kind === 'user' && deps.actor.id !== null ? await findUserById(deps.db, deps.actor.id) : null;
  if (!row) {
    throw new AppError('forbidden', 'only a signed-in user has an account and sessions (not an API token)');
  }
  return row;
}

/** Who is asking, with grants by scope name, the permissions held anywhere and the session's CSRF token. */
export async function describeMe(deps: AccountDeps, sessionToken: string | undefined): Promise<Me> {
  const { actor } = deps;
  const row = actor.kind === 'user' && actor.id !== null ? await findUserById(deps.db, actor.id) : undefined;
  return {
    kind: actor.kind,
    name: actor.name,
    user: row ? await presentWithGrants(deps.db, row) : null,
    permissions: permissions.filter((permission) => can(actor, permission)),
    csrfToken: actor.sessionId !== undefined && sessionToken ? csrfTokenFor(sessionToken) : null,
  };
}

/** End the session the request came with. */
export async function logout(deps: AccountDeps): Promise<void> {
  const user = await ownUser(deps);
  const sessionId = deps.actor.sessionId;
  if (sessionId === undefined) {
    return;
  }
  const now = nowOf(deps);
  await inTransaction(deps.db, async (db) => {
    await endSession(db, user.id, sessionId, now);
    await appendAudit(
      db,
      deps.actor,
      { action: 'user.logout', entity: 'user', entityId: user.id, after: { sessionId } },
      now,
    );
  });
}

/** The user's live sessions, the current one marked. */
export async function listOwnSessions(deps: AccountDeps): Promise<SessionView[]> {
  const user = await ownUser(deps);
  return listUserSessions(deps.db, user.id, deps.actor.sessionId, nowOf(deps));
}

/** Sign out everywhere: end every session of the user, this one included. */
export async function revokeOwnSessions(deps: AccountDeps): Promise<{ revoked: number }> {
  const user = await ownUser(deps);
  const now = nowOf(deps);
  return inTransaction(deps.db, async (db) => {
    const revoked = await endUserSessions(db, user.id, now);
    await appendAudit(
      db,
      deps.actor,
      { action: 'session.revoke_all', entity: 'user', entityId: user.id, after: { revoked } },
      now,
    );
    return { revoked };
  });
}

export const changePasswordSchema = z.object({ currentPassword: passwordSchema, newPassword: passwordSchema });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/**
 * Change one's own password: the current one must be right (a wrong one counts toward the lockout, so a stolen
 * session cannot guess it), the new one must meet the policy. Every other session of the user ends.
 */
export async function changeOwnPassword(
  deps: AccountDeps,
  input: ChangePasswordInput,
): Promise<{ revokedSessions: number }> {
  const data = parseInput(changePasswordSchema, input);
  const user = await ownUser(deps);
  const now = nowOf(deps);
  if (user.locked_until !== null && user.locked_until > now) {
    throw new AppError('rate_limited', 'this account is locked after too many wrong passwords; try again later', {
      retryAfterSeconds: Math.ceil((user.locked_until - now) / 1000),
    });
  }
  if (!(await verifyPassword(data.currentPassword, user.password_hash))) {
    await inTransaction(deps.db, (db) => recordFailure(db, user.username, user, { ip: deps.actor.ip ?? '' }, now));
    throw invalidField('currentPassword', 'is not your current password');
  }
  checkPasswordPolicy(data.newPassword, user.username, 'newPassword');
  if (data.newPassword === data.currentPassword) {
    throw invalidField('newPassword', 'must differ from the current password');
  }
  const passwordHash = await hashPassword(data.newPassword);
  return inTransaction(deps.db, async (db) => {
    await updateUserRow(db, user.id, { password_hash: passwordHash, password_changed_at: now, updated_at: now });
    const revokedSessions = await endUserSessions(db, user.id, now, deps.actor.sessionId);
    await appendAudit(
      db,
      deps.actor,
      { action: 'user.password_change', entity: 'user', entityId: user.id, after: { revokedSessions } },
      now,
    );
    return { revokedSessions };
  });
}
