import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../server/guard.js';
import { answerIdempotently, checkIdempotencyKey, idempotencyHeadersSchema } from '../server/idempotency.js';
import { caseDetailSchema, casePageSchema, caseSchema, createCaseSchema, listCasesQuerySchema } from './case.schema.js';
import { getCase, listCases, upsertCase, upsertCases } from './case.service.js';
import { recordBatchResultSchema, recordBatchSchema } from './record.batch.js';
import { recordHistoryQuerySchema, recordIdParamsSchema } from './record.schema.js';
import { type RecordRouteDeps, WRITE_HEADER, writeStatus } from './record.service.js';

const tags = ['cases'];

/**
 * `/api/cases`: administrative enforcement cases, one at a time or up to 1,000 per batch (ledger files go through
 * intake). POSTs are upserts by (sourceSystem, externalNo) and take an Idempotency-Key.
 */
export const caseRoutes: FastifyPluginAsyncZod<RecordRouteDeps> = async (app, deps) => {
  app.get(
    '/api/cases',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: 'List enforcement cases',
        querystring: listCasesQuerySchema,
        response: { 200: casePageSchema },
      },
    },
    async (request) => listCases({ ...deps, actor: actorOf(request) }, request.query),
  );
  app.get(
    '/api/cases/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: 'One enforcement case (history=true adds its changes)',
        params: recordIdParamsSchema,
        querystring: recordHistoryQuerySchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => getCase({ ...deps, actor: actorOf(request) }, request.params.id, request.query),
  );
  app.post(
    '/api/cases',
    {
      config: { permission: 'records:write' },
      schema: {
        tags,
        summary: 'Record an enforcement case, or update the one with its (sourceSystem, externalNo)',
        headers: idempotencyHeadersSchema,
        body: createCaseSchema,
        response: { 200: caseSchema, 201: caseSchema },
      },
      preValidation: checkIdempotencyKey,
    },
    async (request, reply) =>
      answerIdempotently(deps.db, request, reply, async (db) => {
        const { outcome, record } = await upsertCase({ ...deps, db, actor: actorOf(request) }, request.body);
        return { status: writeStatus(outcome), headers: { [WRITE_HEADER]: outcome }, body: record };
      }),
  );
  app.post(
    '/api/cases/batch',
    {
      config: { permission: 'records:write' },
      schema: {
        tags,
        summary: 'Record up to 1,000 enforcement cases in one transaction; each item answered on its own',
        headers: idempotencyHeadersSchema,
        body: recordBatchSchema,
        response: { 200: recordBatchResultSchema },
      },
      preValidation: checkIdempotencyKey,
    },
    async (request, reply) =>
      answerIdempotently(deps.db, request, reply, async (db) => ({
        status: 200,
        body: await upsertCases({ ...deps, db, actor: actorOf(request) }, request.body),
      })),
  );
};
