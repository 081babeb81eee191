import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../server/guard.js';
import type { Db } from '../store/database.js';
import {
  changeOwnPassword,
  changePasswordSchema,
  describeMe,
  listOwnSessions,
  logout,
  revokeOwnSessions,
} from './account.service.js';
import { login, loginSchema } from './login.service.js';
import { permissions } from './permissions.js';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from './session.service.js';
import { userSchema } from './user.schema.js';

export interface AuthRouteDeps {
  db: Db;
  demoMode?: boolean;
  now?: () => number;
}

const tags = ['auth'];

const sessionSchema = z.object({
  id: z.number(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
  /** When it ends if not used again (the earlier of the absolute and the idle end). */
  expiresAt: z.number(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

const meSchema = z.object({
  kind: z.enum(['user', 'token', 'system']),
  name: z.string(),
  user: userSchema.nullable(),
  permissions: z.array(z.enum(permissions)),
  csrfToken: z.string().nullable(),
});

const loginResultSchema = z.object({ user: userSchema, csrfToken: z.string(), expiresAt: z.number() });

/** The session cookie: httpOnly (no script reads it), SameSite=Lax, Secure when the request came over TLS. */
function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
  });
}

/** `/api/auth`: sign in and out, who am I, my sessions, my password. */
export const authRoutes: FastifyPluginAsyncZod<AuthRouteDeps> = async (app, deps) => {
  const as = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorOf(request) });

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Sign in (sets the session cookie)',
        body: loginSchema,
        response: { 200: loginResultSchema },
      },
    },
    async (request, reply) => {
      const { user, session } = await login(deps, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(request, reply, session.token);
      return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );
  app.post(
    '/api/auth/logout',
    { config: { permission: 'signed-in' }, schema: { tags, summary: 'Sign out (ends this session)' } },
    async (request, reply) => {
      await logout(as(request));
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/auth/me',
    {
      config: { permission: 'signed-in' },
      schema: { tags, summary: 'Who am I: user, grants, permissions, CSRF token', response: { 200: meSchema } },
    },
    async (request) => describeMe(as(request), request.cookies[SESSION_COOKIE]),
  );
  app.get(
    '/api/auth/sessions',
    {
      config: { permission: 'signed-in' },
      schema: { tags, summary: 'My live sessions', response: { 200: z.array(sessionSchema) } },
    },
    async (request) => listOwnSessions(as(request)),
  );
  app.delete(
    '/api/auth/sessions',
    {
      config: { permission: 'signed-in' },
      schema: { tags, summary: 'Sign out everywhere', response: { 200: z.object({ revoked: z.number() }) } },
    },
    async (request, reply) => {
      const result = await revokeOwnSessions(as(request));
      clearSessionCookie(request, reply);
      return result;
    },
  );
  app.post(
    '/api/auth/password',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags,
        summary: 'Change my password (ends my other sessions)',
        body: changePasswordSchema,
        response: { 200: z.object({ revokedSessions: z.number() }) },
      },
    },
    async (request) => changeOwnPassword(as(request), request.body),
  );
};
