import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/guard.js';
import type { Db } from '../../store/database.js';
import { listJobsQuerySchema, reportJobListSchema } from '../archive/archive.schema.js';
import { listReportJobs } from './job.service.js';

/** `GET /api/reports/jobs`: the scheduled runs, with their status, attempts and last error. */
export const reportJobRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, deps) => {
  app.get(
    '/api/reports/jobs',
    {
      config: { permission: 'reports:read' },
      schema: {
        tags: ['reports'],
        summary: 'Scheduled report runs: status, attempts, last error',
        querystring: listJobsQuerySchema,
        response: { 200: reportJobListSchema },
      },
    },
    async (request) => listReportJobs({ db: deps.db, actor: actorOf(request) }, request.query),
  );
};
