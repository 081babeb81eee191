import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import type { Authenticate } from '../server/guard.js';
import type { Db } from '../store/database.js';
import type { Actor } from './access.js';
import { CSRF_HEADER, csrfMatches, resumeSession, SESSION_COOKIE } from './session.service.js';
import { findUserById } from './user.repo.js';
import { loadActor } from './user.service.js';

/** Who an API token speaks for (src/apikeys authenticateToken), injected so auth does not import apikeys. */
export type TokenAuthenticator = (db: Db, token: string, now: number) => Promise<Actor | undefined>;

export interface AuthenticateDeps {
  db: Db;
  authenticateToken: TokenAuthenticator;
  /** Demo users (app_user.demo = 1) sign in only when the server runs as `shanzhi demo`. */
  demoMode?: boolean;
  now?: () => number;
}

/** Methods that change nothing: cookie-authenticated requests with any other method need the CSRF header. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unauthenticated = (message: string) => new AppError('unauthenticated', message);

/**
 * The guard's Authenticate: `Authorization: Bearer <token>` → the API token's actor; else the session cookie → the
 * session's user (live, not disabled; a demo user only in demo mode) with the CSRF header checked on writes. Bad
 * credentials answer 401 (a wrong CSRF token 403) — except on public routes, where they are ignored, so that a stale
 * cookie never stands in the way of signing in again.
 */
export function createAuthenticate(deps: AuthenticateDeps): Authenticate {
  const now = () => (deps.now ? deps.now() : Date.now());
  return async (request: FastifyRequest): Promise<Actor | undefined> => {
    const isPublic = request.routeOptions.config.permission === 'public';
    try {
      const actor = await findActor(deps, request, now());
      return actor ? { ...actor, ip: request.ip } : undefined;
    } catch (error) {
      if (isPublic) {
        return undefined;
      }
      throw error;
    }
  };
}

async function findActor(deps: AuthenticateDeps, request: FastifyRequest, now: number): Promise<Actor | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw unauthenticated('the Authorization header must be "Bearer <token>"');
    }
    const actor = await deps.authenticateToken(deps.db, match[1], now);
    if (!actor) {
      throw unauthenticated('the API token is unknown, revoked or expired');
    }
    return actor;
  }
  const token = request.cookies?.[SESSION_COOKIE];
  if (token === undefined || token === '') {
    return undefined;
  }
  const session = await resumeSession(deps.db, token, now);
  if (!session) {
    throw unauthenticated('the session has ended or is not valid: sign in again');
  }
  const user = await findUserById(deps.db, session.user_id);
  if (!user || user.disabled_at !== null || (user.demo === 1 && !deps.demoMode)) {
    throw unauthenticated('the session has ended or is not valid: sign in again');
  }
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (!csrfMatches(token, typeof sent === 'string' ? sent : undefined)) {
      throw new AppError('forbidden', 'the X-CSRF-Token header is missing or wrong (GET /api/auth/me gives it)', {
        header: 'X-CSRF-Token',
      });
    }
  }
  const actor = await loadActor(deps.db, user.id);
  return actor && { ...actor, sessionId: session.id };
}
