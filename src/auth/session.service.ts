import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/database.js';
import { deleteLoginAttemptsBefore } from './login.repo.js';
import {
  deleteEndedSessions,
  findSessionByHash,
  insertSession,
  listLiveSessions,
  revokeSessionRow,
  revokeUserSessionRows,
  type SessionRow,
  touchSession,
} from './session.repo.js';

/*
 * Signed-in sessions. The browser holds a random 32-byte token in an httpOnly cookie; the store holds only its
 * SHA-256, so a copy of the database signs no one in. A session ends 12 hours after sign-in, after 2 idle hours, or
 * when revoked (logout, "sign out everywhere", a password change, the user disabled).
 */

export const SESSION_COOKIE = 'shanzhi_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
export const SESSION_IDLE_MS = 2 * 3_600_000;
/** last_seen_at moves at most once a minute: a write per request would make every read a write. */
const TOUCH_INTERVAL_MS = 60_000;

/** A session token as the cookie carries it: 32 random bytes in base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session: derived from the session token (so it needs no storage) by a one-way hash (so it
 * reveals nothing of the cookie). A cross-site page can make the browser send the cookie but cannot read this.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`shanzhi-csrf\0${sessionToken}`, 'utf8').digest('base64url');
}

/** Whether `sent` is the session's CSRF token (constant-time). */
export function csrfMatches(sessionToken: string, sent: string | undefined): boolean {
  if (sent === undefined) {
    return false;
  }
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface NewSession {
  id: number;
  /** The cookie's value: returned this once, stored only as its hash. */
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** Start a session for a user. */
export async function startSession(
  db: Db,
  userId: number,
  client: { ip?: string; userAgent?: string },
  now: number,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_ABSOLUTE_MS;
  const id = await insertSession(db, {
    user_id: userId,
    token_hash: hashSessionToken(token),
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    revoked_at: null,
    ip: client.ip ?? null,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { id, token, csrfToken: csrfTokenFor(token), expiresAt };
}

/** Whether a stored session is live at `now`: not revoked, before its absolute end and not idle too long. */
export function isLive(session: SessionRow, now: number): boolean {
  return session.revoked_at === null && now < session.expires_at && now < session.last_seen_at + SESSION_IDLE_MS;
}

/**
 * The live session a cookie's token opens, marking it used (at most once a minute); undefined for a malformed,
 * unknown, revoked or expired token.
 */
export async function resumeSession(db: Db, token: string, now: number): Promise<SessionRow | undefined> {
  if (!TOKEN_PATTERN.test(token)) {
    return undefined;
  }
  const session = await findSessionByHash(db, hashSessionToken(token));
  if (!session || !isLive(session, now)) {
    return undefined;
  }
  if (now - session.last_seen_at >= TOUCH_INTERVAL_MS) {
    await touchSession(db, session.id, now);
  }
  return session;
}

export interface SessionView {
  id: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** A user's live sessions, newest first, the one asking marked `current`. */
export async function listUserSessions(
  db: Db,
  userId: number,
  currentId: number | undefined,
  now: number,
): Promise<SessionView[]> {
  const rows = await listLiveSessions(db, userId, now);
  return rows
    .filter((row) => isLive(row, now))
    .map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: Math.min(row.expires_at, row.last_seen_at + SESSION_IDLE_MS),
      ip: row.ip,
      userAgent: row.user_agent,
      current: row.id === currentId,
    }));
}

/** End one session of a user; whether it was live. */
export function endSession(db: Db, userId: number, sessionId: number, now: number): Promise<boolean> {
  return revokeSessionRow(db, userId, sessionId, now);
}

/** End all of a user's sessions (but `exceptId`, the one asking, when given); how many ended. */
export function endUserSessions(db: Db, userId: number, now: number, exceptId?: number): Promise<number> {
  return revokeUserSessionRows(db, userId, now, exceptId);
}

/** How long ended sessions and sign-in attempts are kept (the audit log keeps the sign-ins themselves). */
const KEEP_MS = 24 * 3_600_000;

/** Forget sessions that ended and sign-in attempts made more than a day ago (run by `serve` now and then). */
export async function pruneAuthRecords(db: Db, now: number): Promise<{ sessions: number; attempts: number }> {
  const sessions = await deleteEndedSessions(db, now - KEEP_MS, now - KEEP_MS - SESSION_IDLE_MS);
  const attempts = await deleteLoginAttemptsBefore(db, now - KEEP_MS);
  return { sessions, attempts };
}
