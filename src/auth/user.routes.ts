import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../server/guard.js';
import type { Db } from '../store/database.js';
import { permissions, roleDefinitions, roles, scopeKinds } from './permissions.js';
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

const roleSchema = z.object({
  code: z.enum(roles),
  /** zh-CN name, as the UI and the docs show it. */
  name: z.string(),
  permissions: z.array(z.enum(permissions)),
  /** The scope kinds the role may be granted within. */
  scopes: z.array(z.enum(scopeKinds)),
});

/** The ten roles as permissions.ts defines them: what a grant's role means, for forms and the settings page. */
export function listRoles(): z.infer<typeof roleSchema>[] {
  return roles.map((code) => ({
    code,
    name: roleDefinitions[code].name,
    permissions: [...roleDefinitions[code].permissions],
    scopes: [...roleDefinitions[code].scopes],
  }));
}

/** `/api/users`: accounts and their grants, for administrators (users:read, users:write) within their scope. */
export const userRoutes: FastifyPluginAsyncZod<UserRouteDeps> = async (app, deps) => {
  const as = (request: FastifyRequest) => ({ db: deps.db, now: deps.now, actor: actorOf(request) });

  // Public knowledge (docs/auth.md prints the same table): any signed-in actor may read what the roles mean.
  app.get(
    '/api/roles',
    {
      config: { permission: 'signed-in' },
      schema: { tags, summary: 'The roles, their permissions and scope kinds', response: { 200: z.array(roleSchema) } },
    },
    async () => listRoles(),
  );
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
