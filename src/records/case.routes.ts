import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { casePageSchema, caseSchema, createCaseSchema, listCasesQuerySchema } from './case.schema.js';
import { createCase, getCase, listCases } from './case.service.js';
import { recordIdParamsSchema } from './record.schema.js';
import type { RecordDeps } from './record.service.js';

const tags = ['cases'];

/** `/api/cases`: administrative enforcement cases, one at a time (ledgers and batches go through intake). */
export const caseRoutes: FastifyPluginAsyncZod<RecordDeps> = async (app, deps) => {
  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'List enforcement cases',
        querystring: listCasesQuerySchema,
        response: { 200: casePageSchema },
      },
    },
    async (request) => listCases(deps, request.query),
  );
  app.get(
    '/api/cases/:id',
    { schema: { tags, summary: 'One enforcement case', params: recordIdParamsSchema, response: { 200: caseSchema } } },
    async (request) => getCase(deps, request.params.id),
  );
  app.post(
    '/api/cases',
    { schema: { tags, summary: 'Record an enforcement case', body: createCaseSchema, response: { 201: caseSchema } } },
    async (request, reply) => reply.code(201).send(await createCase(deps, request.body)),
  );
};
