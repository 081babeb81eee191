import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../server/guard.js';
import type { Db } from '../store/database.js';
import {
  getUser,
  listUsers,
  resetUserPassword,
  revokeUserSessions,
  setUserGrants,
  updateUser,
} from './user.admin.service.js';
import {
  createUserBodySchema,
  listUsersQuerySchema,
  resetPasswordSchema,
  setGrantsSchema,
  updateUserSchema,
  userIdParamsSchema,
  userSchema,
} from './user.schema.js';
import { createUser } from './user.service.js';

export interface UserRouteDeps {
  db: Db;
  now?: () => number;
}

const tags = ['users'];

/** `/api/users`: accounts and their grants, for administrators (users:read, users:write) within their scope. */
export const userRoutes: FastifyPluginAsyncZod<UserRouteDeps> = async (app, deps) => {
  const as = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorOf(request) });

  app.get(
    '/api/users',
    {
      config: { permission: 'users:read' },
      schema: {
        tags,
        summary: 'Users within my scope',
        querystring: listUsersQuerySchema,
        response: { 200: z.array(userSchema) },
      },
    },
    async (request) => listUsers(as(request), request.query),
  );
  app.post(
    '/api/users',
    {
      config: { permission: 'users:write' },
      schema: { tags, summary: 'Create a user with grants', body: createUserBodySchema, response: { 201: userSchema } },
    },
    async (request, reply) => reply.code(201).send(await createUser(as(request), request.body)),
  );
  app.get(
    '/api/users/:id',
    {
      config: { permission: 'users:read' },
      schema: { tags, summary: 'One user', params: userIdParamsSchema, response: { 200: userSchema } },
    },
    async (request) => getUser(as(request), request.params.id),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'users:write' },
      schema: {
        tags,
        summary: 'Rename, disable (ends the sessions) or enable a user',
        params: userIdParamsSchema,
        body: updateUserSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => updateUser(as(request), request.params.id, request.body),
  );
  app.put(
    '/api/users/:id/grants',
    {
      config: { permission: 'users:write' },
      schema: {
        tags,
        summary: "Replace a user's grants",
        params: userIdParamsSchema,
        body: setGrantsSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => setUserGrants(as(request), request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/password',
    {
      config: { permission: 'users:write' },
      schema: {
        tags,
        summary: 'Set a new password (ends the sessions, lifts a lockout)',
        params: userIdParamsSchema,
        body: resetPasswordSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => resetUserPassword(as(request), request.params.id, request.body),
  );
  app.delete(
    '/api/users/:id/sessions',
    {
      config: { permission: 'users:write' },
      schema: {
        tags,
        summary: "End all of a user's sessions",
        params: userIdParamsSchema,
        response: { 200: z.object({ revoked: z.number() }) },
      },
    },
    async (request) => revokeUserSessions(as(request), request.params.id),
  );
};
