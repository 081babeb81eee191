import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../server/guard.js';
import type { Db } from '../store/database.js';
import { auditPageSchema, auditQuerySchema, chainVerificationSchema } from './audit.schema.js';
import { listAudit, verifyAuditChain } from './audit.service.js';

const tags = ['audit'];

/** `/api/audit`: search the append-only audit log and verify its hash chain (admins and auditors). */
export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, deps) => {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        summary: 'Audit entries, newest first, by actor, action, entity, time and town',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => listAudit({ ...deps, actor: actorOf(request) }, request.query),
  );
  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        summary: 'Recompute the hash chain: the first broken entry, or the count and the head hash',
        response: { 200: chainVerificationSchema },
      },
    },
    async () => verifyAuditChain(deps.db),
  );
};
