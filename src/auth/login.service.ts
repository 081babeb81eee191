import { z } from 'zod';
import { appendAudit } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import type { Actor } from './access.js';
import { countAttemptsFromIp, countFailedAttempts, insertLoginAttempt, lastSuccessAt } from './login.repo.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { type NewSession, startSession } from './session.service.js';
import { findUserByUsername, type UserRow, updateUserRow } from './user.repo.js';
import type { User } from './user.schema.js';
import { passwordSchema } from './user.schema.js';
import { nowOf, presentWithGrants } from './user.service.js';

/*
 * Signing in, with the two brakes on guessing: a username locks for 15 minutes after 20 failures within a minute,
 * and one address may try 100 times in 5 minutes. Every attempt is stored (login_attempt) and audited.
 */

export const LOCKOUT = { failures: 20, windowMs: 60_000, lockMs: 15 * 60_000 } as const;
export const IP_LIMIT = { attempts: 100, windowMs: 5 * 60_000 } as const;

export const loginSchema = z.object({
  // Any text: a username that cannot exist is answered like a wrong password, not as bad input.
  username: z.string().trim().toLowerCase().min(1).max(200),
  password: passwordSchema,
});
export type LoginInput = z.input<typeof loginSchema>;

export interface LoginDeps {
  db: Db;
  /** Demo users may sign in only in demo mode. */
  demoMode?: boolean;
  now?: () => number;
}

export interface LoginClient {
  ip: string;
  userAgent?: string;
}

const WRONG = 'wrong username or password';

function rateLimited(message: string, retryAfterMs: number): AppError {
  return new AppError('rate_limited', message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

/** The actor an attempt is audited as: the user when known, else the name that was typed. */
function attemptActor(user: UserRow | undefined, username: string, client: LoginClient): Actor {
  return { kind: 'user', id: user?.id ?? null, name: user?.username ?? username, grants: [], ip: client.ip };
}

/**
 * Record a failed attempt and lock the user when it is the LOCKOUT.failures-th failure within the window (counting
 * only failures since the last success). Returns the lock's end when it locked.
 */
export async function recordFailure(
  db: Db,
  username: string,
  user: UserRow | undefined,
  client: LoginClient,
  now: number,
): Promise<number | undefined> {
  await insertLoginAttempt(db, { username, ip: client.ip, at: now, success: 0 });
  if (!user) {
    return undefined;
  }
  const windowStart = now - LOCKOUT.windowMs;
  const since = Math.max(windowStart, (await lastSuccessAt(db, username, windowStart)) ?? windowStart);
  if ((await countFailedAttempts(db, username, since)) < LOCKOUT.failures) {
    return undefined;
  }
  const lockedUntil = now + LOCKOUT.lockMs;
  await updateUserRow(db, user.id, { locked_until: lockedUntil });
  return lockedUntil;
}

/**
 * Sign in with username and password: a new session for the user, or 401 (the same answer, after the same scrypt
 * work, for an unknown user, a wrong password, a disabled user, or a demo user outside demo mode); 429 while the user
 * is locked or the address has tried too often.
 */
export async function login(
  deps: LoginDeps,
  input: LoginInput,
  client: LoginClient,
): Promise<{ user: User; session: NewSession }> {
  const { username, password } = parseInput(loginSchema, input);
  const now = nowOf(deps);
  if ((await countAttemptsFromIp(deps.db, client.ip, now - IP_LIMIT.windowMs)) >= IP_LIMIT.attempts) {
    throw rateLimited('too many sign-in attempts from this address; try again in a few minutes', IP_LIMIT.windowMs);
  }
  const user = await findUserByUsername(deps.db, username);
  const actor = attemptActor(user, username, client);
  const audit = (db: Db, after: Record<string, unknown>) =>
    appendAudit(db, actor, { action: 'user.login', entity: 'user', entityId: user?.id ?? null, after }, now);
  if (user?.locked_until != null && user.locked_until > now) {
    const lockedUntil = user.locked_until;
    await inTransaction(deps.db, async (db) => {
      await insertLoginAttempt(db, { username, ip: client.ip, at: now, success: 0 });
      await audit(db, { success: false, reason: 'locked' });
    });
    throw rateLimited('this account is locked after too many wrong passwords; try again later', lockedUntil - now);
  }
  const matches = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
  const allowed = user !== undefined && user.disabled_at === null && (user.demo === 0 || deps.demoMode === true);
  if (!(matches && allowed)) {
    await inTransaction(deps.db, async (db) => {
      const lockedUntil = await recordFailure(db, username, user, client, now);
      await audit(db, { success: false, ...(lockedUntil !== undefined && { lockedUntil }) });
    });
    throw new AppError('unauthenticated', WRONG);
  }
  // A hash made with weaker parameters than today's is replaced while the password is at hand.
  const rehashed = needsRehash(user.password_hash) ? await hashPassword(password) : undefined;
  return inTransaction(deps.db, async (db) => {
    await insertLoginAttempt(db, { username, ip: client.ip, at: now, success: 1 });
    if (user.locked_until !== null || rehashed !== undefined) {
      await updateUserRow(db, user.id, {
        locked_until: null,
        ...(rehashed !== undefined && { password_hash: rehashed }),
      });
    }
    const session = await startSession(db, user.id, client, now);
    await audit(db, { success: true, sessionId: session.id });
    return { user: await presentWithGrants(db, { ...user, locked_until: null }), session };
  });
}
