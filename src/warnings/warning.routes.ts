import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../server/guard.js';
import {
  acknowledgeSchema,
  closeSchema,
  dismissSchema,
  listWarningsQuerySchema,
  rectifySchema,
  reopenSchema,
  updateRectificationSchema,
  warningDetailSchema,
  warningIdParamsSchema,
  warningPageSchema,
} from './warning.schema.js';
import { getWarning, listWarnings, type WarningRouteDeps } from './warning.service.js';
import {
  acknowledgeWarning,
  closeWarning,
  dismissWarning,
  rectifyWarning,
  reopenWarning,
  updateRectification,
} from './warning-lifecycle.service.js';

const tags = ['warnings'];
const params = warningIdParamsSchema;
const response = { 200: warningDetailSchema };

/**
 * `/api/warnings`: the early warnings within the reader's scope, and their lifecycle. Each change answers with the
 * warning as it now stands; an impossible step (or a stale `expectedStatus`) is 409 naming the current status.
 */
export const warningRoutes: FastifyPluginAsyncZod<WarningRouteDeps> = async (app, deps) => {
  app.get(
    '/api/warnings',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: 'List warnings: red first, then the latest week',
        querystring: listWarningsQuerySchema,
        response: { 200: warningPageSchema },
      },
    },
    async (request) => listWarnings({ ...deps, actor: actorOf(request) }, request.query),
  );
  app.get(
    '/api/warnings/:id',
    {
      config: { permission: 'warnings:read' },
      schema: { tags, summary: 'One warning: findings, series, samples, history', params, response },
    },
    async (request) => getWarning({ ...deps, actor: actorOf(request) }, request.params.id),
  );
  app.post(
    '/api/warnings/:id/acknowledge',
    {
      config: { permission: 'warnings:write' },
      schema: { tags, summary: 'new → acknowledged', params, body: acknowledgeSchema.nullish(), response },
    },
    async (request) => acknowledgeWarning({ ...deps, actor: actorOf(request) }, request.params.id, request.body),
  );
  app.post(
    '/api/warnings/:id/rectify',
    {
      config: { permission: 'warnings:write' },
      schema: {
        tags,
        summary: 'acknowledged → rectifying (owner, dueDay, actions)',
        params,
        body: rectifySchema,
        response,
      },
    },
    async (request) => rectifyWarning({ ...deps, actor: actorOf(request) }, request.params.id, request.body),
  );
  app.patch(
    '/api/warnings/:id/rectification',
    {
      config: { permission: 'warnings:write' },
      schema: {
        tags,
        summary: 'While rectifying: change owner, dueDay or actions',
        params,
        body: updateRectificationSchema,
        response,
      },
    },
    async (request) => updateRectification({ ...deps, actor: actorOf(request) }, request.params.id, request.body),
  );
  app.post(
    '/api/warnings/:id/close',
    {
      config: { permission: 'warnings:write' },
      schema: { tags, summary: 'rectifying → closed (result)', params, body: closeSchema, response },
    },
    async (request) => closeWarning({ ...deps, actor: actorOf(request) }, request.params.id, request.body),
  );
  app.post(
    '/api/warnings/:id/dismiss',
    {
      config: { permission: 'warnings:write' },
      schema: {
        tags,
        summary: 'new, acknowledged or rectifying → dismissed (reason)',
        params,
        body: dismissSchema,
        response,
      },
    },
    async (request) => dismissWarning({ ...deps, actor: actorOf(request) }, request.params.id, request.body),
  );
  app.post(
    '/api/warnings/:id/reopen',
    {
      config: { permission: 'warnings:write' },
      schema: { tags, summary: 'closed or dismissed → acknowledged (note)', params, body: reopenSchema, response },
    },
    async (request) => reopenWarning({ ...deps, actor: actorOf(request) }, request.params.id, request.body),
  );
};
