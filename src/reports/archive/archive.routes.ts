import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/guard.js';
import type { Db } from '../../store/database.js';
import {
  type FileDisposition,
  generateReportSchema,
  listReportsQuerySchema,
  reportDetailSchema,
  reportFileQuerySchema,
  reportIdParamsSchema,
  reportListSchema,
  reportSchema,
} from './archive.schema.js';
import { generateReport, getReport, listReports, regenerateReport, reportFile } from './archive.service.js';

const tags = ['reports'];

/** `Content-Disposition` with an ASCII fallback and the real (Chinese) name in RFC 5987 / RFC 6266 form. */
export function contentDisposition(fileName: string, disposition: FileDisposition = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** `/api/reports`: generate, list, read, download and regenerate archived reports; the scheduled runs. */
export const reportRoutes: FastifyPluginAsyncZod<{ db: Db; now?: () => number }> = async (app, deps) => {
  const ctx = (request: Parameters<typeof actorOf>[0]) => ({ db: deps.db, now: deps.now, actor: actorOf(request) });

  app.post(
    '/api/reports',
    {
      config: { permission: 'reports:write' },
      schema: {
        tags,
        summary: "Generate a town's report for a period from today's data and archive it as a new version",
        body: generateReportSchema,
        response: { 201: reportSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await generateReport(ctx(request), { ...request.body, trigger: 'manual' })),
  );
  app.get(
    '/api/reports',
    {
      config: { permission: 'reports:read' },
      schema: {
        tags,
        summary: 'Archived reports of the towns you read whole, newest first',
        querystring: listReportsQuerySchema,
        response: { 200: reportListSchema },
      },
    },
    async (request) => listReports(ctx(request), request.query),
  );
  app.get(
    '/api/reports/:id',
    {
      config: { permission: 'reports:read' },
      schema: {
        tags,
        summary: 'One archived report with its sources and document',
        params: reportIdParamsSchema,
        response: { 200: reportDetailSchema },
      },
    },
    async (request) => getReport(ctx(request), request.params.id),
  );
  app.get(
    '/api/reports/:id/file',
    {
      config: { permission: 'reports:read' },
      schema: {
        tags,
        summary:
          'The report as a file (docx, …), rendered from its archived document; disposition=inline to show it in the browser',
        params: reportIdParamsSchema,
        querystring: reportFileQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await reportFile(ctx(request), request.params.id, request.query.format);
      const disposition = request.query.disposition;
      if (disposition === 'inline') {
        // Shown in the browser, a report page runs in an opaque origin of its own even when opened directly: its
        // chart script can never reach the session or the API (defence in depth; its text is escaped anyway).
        reply.header('content-security-policy', 'sandbox allow-scripts').header('x-content-type-options', 'nosniff');
      }
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', contentDisposition(file.fileName, disposition))
        .send(file.bytes);
    },
  );
  app.post(
    '/api/reports/:id/regenerate',
    {
      config: { permission: 'reports:write' },
      schema: {
        tags,
        summary: "A new version of the report from today's data (the old one is kept)",
        params: reportIdParamsSchema,
        response: { 201: reportSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await regenerateReport(ctx(request), request.params.id)),
  );
};
