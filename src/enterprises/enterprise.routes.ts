import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../server/guard.js';
import {
  createEnterpriseSchema,
  creditCodeParamsSchema,
  enterprisePageSchema,
  enterpriseSchema,
  searchEnterprisesQuerySchema,
  updateEnterpriseSchema,
} from './enterprise.schema.js';
import {
  createEnterprise,
  type EnterpriseDeps,
  getEnterprise,
  searchEnterprises,
  updateEnterprise,
} from './enterprise.service.js';

const tags = ['enterprises'];
const params = creditCodeParamsSchema;

/** `/api/enterprises`: registered businesses, identified by their unified social credit code. */
export const enterpriseRoutes: FastifyPluginAsyncZod<EnterpriseDeps> = async (app, deps) => {
  app.get(
    '/api/enterprises',
    {
      config: { permission: 'enterprises:read' },
      schema: {
        tags,
        summary: 'Search enterprises by name, per town, a page at a time',
        querystring: searchEnterprisesQuerySchema,
        response: { 200: enterprisePageSchema },
      },
    },
    async (request) => searchEnterprises(deps, request.query),
  );
  app.get(
    '/api/enterprises/:creditCode',
    {
      config: { permission: 'enterprises:read' },
      schema: { tags, summary: 'One enterprise by credit code', params, response: { 200: enterpriseSchema } },
    },
    async (request) => getEnterprise(deps, request.params.creditCode),
  );
  app.post(
    '/api/enterprises',
    {
      config: { permission: 'enterprises:write' },
      schema: {
        tags,
        summary: 'Register an enterprise',
        body: createEnterpriseSchema,
        response: { 201: enterpriseSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEnterprise({ ...deps, actor: actorOf(request) }, request.body)),
  );
  app.patch(
    '/api/enterprises/:creditCode',
    {
      config: { permission: 'enterprises:write' },
      schema: {
        tags,
        summary: 'Edit an enterprise',
        params,
        body: updateEnterpriseSchema,
        response: { 200: enterpriseSchema },
      },
    },
    async (request) => updateEnterprise({ ...deps, actor: actorOf(request) }, request.params.creditCode, request.body),
  );
};
