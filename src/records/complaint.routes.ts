import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  complaintPageSchema,
  complaintSchema,
  createComplaintSchema,
  listComplaintsQuerySchema,
} from './complaint.schema.js';
import { createComplaint, getComplaint, listComplaints } from './complaint.service.js';
import { recordIdParamsSchema } from './record.schema.js';
import type { RecordDeps } from './record.service.js';

const tags = ['complaints'];

/** `/api/complaints`: citizen complaints, one at a time (files and batches go through intake). */
export const complaintRoutes: FastifyPluginAsyncZod<RecordDeps> = async (app, deps) => {
  app.get(
    '/api/complaints',
    {
      schema: {
        tags,
        summary: 'List complaints (complainants masked)',
        querystring: listComplaintsQuerySchema,
        response: { 200: complaintPageSchema },
      },
    },
    async (request) => listComplaints(deps, request.query),
  );
  app.get(
    '/api/complaints/:id',
    {
      schema: {
        tags,
        summary: 'One complaint (complainant masked)',
        params: recordIdParamsSchema,
        response: { 200: complaintSchema },
      },
    },
    async (request) => getComplaint(deps, request.params.id),
  );
  app.post(
    '/api/complaints',
    {
      schema: { tags, summary: 'Record a complaint', body: createComplaintSchema, response: { 201: complaintSchema } },
    },
    async (request, reply) => reply.code(201).send(await createComplaint(deps, request.body)),
  );
};
