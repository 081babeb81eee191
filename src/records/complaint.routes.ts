import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../server/guard.js';
import { answerIdempotently, checkIdempotencyKey, idempotencyHeadersSchema } from '../server/idempotency.js';
import {
  complaintDetailSchema,
  complaintPageSchema,
  complaintSchema,
  createComplaintSchema,
  listComplaintsQuerySchema,
  revealQuerySchema,
} from './complaint.schema.js';
import { getComplaint, listComplaints, upsertComplaint, upsertComplaints } from './complaint.service.js';
import { recordBatchResultSchema, recordBatchSchema } from './record.batch.js';
import { recordIdParamsSchema } from './record.schema.js';
import { type RecordRouteDeps, WRITE_HEADER, writeStatus } from './record.service.js';

const tags = ['complaints'];

/**
 * `/api/complaints`: citizen complaints, one at a time or up to 1,000 per batch (files go through intake). POSTs are
 * upserts by (sourceSystem, externalNo) and take an Idempotency-Key.
 */
export const complaintRoutes: FastifyPluginAsyncZod<RecordRouteDeps> = async (app, deps) => {
  app.get(
    '/api/complaints',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: 'List complaints (complainants masked)',
        querystring: listComplaintsQuerySchema,
        response: { 200: complaintPageSchema },
      },
    },
    async (request) => listComplaints({ ...deps, actor: actorOf(request) }, request.query),
  );
  app.get(
    '/api/complaints/:id',
    {
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary:
          'One complaint (complainant masked; reveal=true&reason=… unmasks it for pii:read, audited; history=true adds its changes)',
        params: recordIdParamsSchema,
        querystring: revealQuerySchema,
        response: { 200: complaintDetailSchema },
      },
    },
    async (request) => getComplaint({ ...deps, actor: actorOf(request) }, request.params.id, request.query),
  );
  app.post(
    '/api/complaints',
    {
      config: { permission: 'records:write' },
      schema: {
        tags,
        summary: 'Record a complaint, or update the one with its (sourceSystem, externalNo)',
        headers: idempotencyHeadersSchema,
        body: createComplaintSchema,
        response: { 200: complaintSchema, 201: complaintSchema },
      },
      preValidation: checkIdempotencyKey,
    },
    async (request, reply) =>
      answerIdempotently(deps.db, request, reply, async (db) => {
        const { outcome, record } = await upsertComplaint({ ...deps, db, actor: actorOf(request) }, request.body);
        return { status: writeStatus(outcome), headers: { [WRITE_HEADER]: outcome }, body: record };
      }),
  );
  app.post(
    '/api/complaints/batch',
    {
      config: { permission: 'records:write' },
      schema: {
        tags,
        summary: 'Record up to 1,000 complaints in one transaction; each item answered on its own',
        headers: idempotencyHeadersSchema,
        body: recordBatchSchema,
        response: { 200: recordBatchResultSchema },
      },
      preValidation: checkIdempotencyKey,
    },
    async (request, reply) =>
      answerIdempotently(deps.db, request, reply, async (db) => ({
        status: 200,
        body: await upsertComplaints({ ...deps, db, actor: actorOf(request) }, request.body),
      })),
  );
};
