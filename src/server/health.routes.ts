import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../store/database.js';
import type { DialectName } from '../store/dialect.js';
import { currentMigration } from '../store/migrate.js';

export interface HealthDeps {
  db: Db;
  dialect: DialectName;
  version: string;
  /** Running as `shanzhi demo`: the login page then names the demo users and their password. */
  demoMode?: boolean | undefined;
}

const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  migration: z.string().nullable(),
  demo: z.boolean(),
});

/** `GET /api/health`: answers only when the database answers. */
export const healthRoutes: FastifyPluginAsyncZod<HealthDeps> = async (app, deps) => {
  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: healthSchema } },
    },
    async () => {
      await sql`select 1`.execute(deps.db);
      return {
        status: 'ok' as const,
        version: deps.version,
        database: deps.dialect,
        migration: await currentMigration(deps.db),
        demo: deps.demoMode === true,
      };
    },
  );
};
