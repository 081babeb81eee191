import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../server/guard.js';
import { statsQuerySchema, statsRecordPageSchema, statsRecordsQuerySchema, statsSchema } from './stats.schema.js';
import { getStats } from './stats.service.js';
import { type ExportFormat, exportStats } from './stats-export.service.js';
import { listStatsRecords, type StatsRecordsDeps } from './stats-records.service.js';

const tags = ['stats'];

/**
 * `/api/stats`: the numbers of the weekly cube by period, dimensions and filters, with 同比/环比, top N and shares;
 * `/api/stats/records`: the records behind any of them; `/api/stats.csv` and `/api/stats.xlsx`: the same numbers as
 * files. Every answer counts only what the reader's stats:read reaches (the records list: records:read as well).
 * See docs/stats.md.
 */
export const statsRoutes: FastifyPluginAsyncZod<Omit<StatsRecordsDeps, 'actor'>> = async (app, deps) => {
  app.get(
    '/api/stats',
    {
      config: { permission: 'stats:read' },
      schema: {
        tags,
        summary: 'Measures by period and up to two dimensions, with filters, comparisons, top N and shares',
        querystring: statsQuerySchema,
        response: { 200: statsSchema },
      },
    },
    async (request) => getStats({ ...deps, actor: actorOf(request) }, request.query),
  );
  app.get(
    '/api/stats/records',
    {
      // It opens records: records:read, like the record lists (the service also keeps to stats:read's scope).
      config: { permission: 'records:read' },
      schema: {
        tags,
        summary: 'The records behind a number, newest first (complainants masked; within stats:read and records:read)',
        querystring: statsRecordsQuerySchema,
        response: { 200: statsRecordPageSchema },
      },
    },
    async (request) => listStatsRecords({ ...deps, actor: actorOf(request) }, request.query),
  );
  for (const format of ['csv', 'xlsx'] as const satisfies readonly ExportFormat[]) {
    app.get(
      `/api/stats.${format}`,
      {
        config: { permission: 'stats:read' },
        schema: {
          tags,
          summary: `The numbers of /api/stats as ${format.toUpperCase()}, the query written at the top in Chinese`,
          querystring: statsQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await exportStats({ ...deps, actor: actorOf(request) }, request.query, format);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .send(file.body);
      },
    );
  }
};
