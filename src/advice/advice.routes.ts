import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../server/guard.js';
import { previewAdvice } from './advice.preview.js';
import {
  adviceTemplateSchema,
  listTemplatesQuerySchema,
  previewResultSchema,
  previewSchema,
  putTemplateSchema,
  templateParamsSchema,
  townQuerySchema,
} from './advice.schema.js';
import {
  type AdviceDeps,
  deleteAdviceTemplate,
  getAdviceTemplate,
  listAdviceTemplates,
  putAdviceTemplate,
} from './advice.service.js';

const tags = ['advice'];

/** `/api/advice-templates?town=`: the town's advice library (整改意见库) — read, edit, reset, preview. */
export const adviceRoutes: FastifyPluginAsyncZod<AdviceDeps> = async (app, deps) => {
  const as = (request: Parameters<typeof actorOf>[0]) => ({ db: deps.db, now: deps.now, actor: actorOf(request) });

  app.get(
    '/api/advice-templates',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: "The town's advice library: built-ins, the town's edits and its own templates",
        querystring: listTemplatesQuerySchema,
        response: { 200: z.array(adviceTemplateSchema) },
      },
    },
    async (request) => listAdviceTemplates(as(request), request.query),
  );
  app.get(
    '/api/advice-templates/:code',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: 'One advice template as it stands in the town',
        params: templateParamsSchema,
        querystring: townQuerySchema,
        response: { 200: adviceTemplateSchema },
      },
    },
    async (request) => getAdviceTemplate(as(request), request.params.code, request.query),
  );
  app.put(
    '/api/advice-templates/:code',
    {
      config: { permission: 'advice:write' },
      schema: {
        tags,
        summary: "Store the town's version of a template (a new one, an edit of a built-in, or switch one off)",
        params: templateParamsSchema,
        querystring: townQuerySchema,
        body: putTemplateSchema,
        response: { 200: adviceTemplateSchema },
      },
    },
    async (request) => putAdviceTemplate(as(request), request.params.code, request.query, request.body),
  );
  app.delete(
    '/api/advice-templates/:code',
    {
      config: { permission: 'advice:write' },
      schema: {
        tags,
        summary: "Remove the town's version of a template (a built-in under the code comes back)",
        params: templateParamsSchema,
        querystring: townQuerySchema,
      },
    },
    async (request, reply) => {
      await deleteAdviceTemplate(as(request), request.params.code, request.query);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/advice-templates/preview',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: 'Fill a template with sample or given facts, as a warning would get it',
        querystring: townQuerySchema,
        body: previewSchema,
        response: { 200: previewResultSchema },
      },
    },
    async (request) => previewAdvice(as(request), request.query, request.body),
  );
};
