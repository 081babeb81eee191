import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../server/guard.js';
import type { Db } from '../store/database.js';
import {
  apiKeyParamsSchema,
  apiKeySchema,
  createApiKeySchema,
  listApiKeysQuerySchema,
  newApiKeySchema,
} from './apikey.schema.js';
import { createApiKey, listApiKeys, revokeApiKey } from './apikey.service.js';

const tags = ['tokens'];

/**
 * `/api/tokens`: API tokens for integrations and Open311 clients, managed by holders of `tokens:write` within the
 * towns their scope covers. The plain token is in the answer to POST only.
 */
export const apiKeyRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, deps) => {
  app.post(
    '/api/tokens',
    {
      config: { permission: 'tokens:write' },
      schema: {
        tags,
        summary: 'Make a token for a town (the token is in this answer only)',
        body: createApiKeySchema,
        response: { 201: newApiKeySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiKey({ ...deps, actor: actorOf(request) }, request.body)),
  );
  app.get(
    '/api/tokens',
    {
      config: { permission: 'tokens:write' },
      schema: {
        tags,
        summary: 'The tokens of the towns you manage, revoked ones too (never the tokens themselves)',
        querystring: listApiKeysQuerySchema,
        response: { 200: z.array(apiKeySchema) },
      },
    },
    async (request) => listApiKeys({ ...deps, actor: actorOf(request) }, request.query),
  );
  app.delete(
    '/api/tokens/:id',
    {
      config: { permission: 'tokens:write' },
      schema: { tags, summary: 'Revoke a token', params: apiKeyParamsSchema, response: { 200: apiKeySchema } },
    },
    async (request) => revokeApiKey({ ...deps, actor: actorOf(request) }, request.params.id),
  );
};
