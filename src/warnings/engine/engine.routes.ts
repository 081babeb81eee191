import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireTownGrant, requireTownScope } from '../../auth/index.js';
import { parseWeek } from '../../core/time/index.js';
import { parseInput } from '../../core/validation.js';
import { requireTown } from '../../records/index.js';
import { actorOf } from '../../server/guard.js';
import type { Db } from '../../store/database.js';
import { runWarningsEngine } from './engine.service.js';
import { selectRuns } from './run.repo.js';

const runBodySchema = z.object({
  town: z.string().min(1).max(40),
  /** ISO week `2026W47` (default: the last complete week). */
  week: z.union([z.string().max(10), z.number().int()]).optional(),
});

const runsQuerySchema = z.object({
  town: z.string().min(1).max(40),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

const runSchema = z.object({
  id: z.number(),
  week: z.number(),
  trigger: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  series: z.number(),
  created: z.number(),
  updated: z.number(),
  error: z.string().nullable(),
});

const tags = ['warnings'];

/**
 * `/api/warnings/run` runs the engine for a town now (whoever may change warnings across the whole town);
 * `/api/warnings/runs` lists its recent runs, with their counts and errors.
 */
export const engineRoutes: FastifyPluginAsyncZod<{ db: Db; now?: () => number; dataDir?: string }> = async (
  app,
  deps,
) => {
  app.post(
    '/api/warnings/run',
    {
      config: { permission: 'warnings:write' },
      schema: { tags, summary: 'Run the early-warning engine over a town for a week', body: runBodySchema },
    },
    async (request) => {
      const body = parseInput(runBodySchema, request.body);
      const week = body.week === undefined ? undefined : parseWeek(body.week, 'week');
      const town = await requireTown(deps.db, body.town, 'town');
      const actor = actorOf(request);
      requireTownScope(actor, 'warnings:write', town.id);
      return runWarningsEngine(
        { db: deps.db, now: deps.now, dataDir: deps.dataDir, actor },
        { town: { id: town.id }, week, trigger: 'api' },
      );
    },
  );
  app.get(
    '/api/warnings/runs',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: "The engine's recent runs in a town",
        querystring: runsQuerySchema,
        response: { 200: z.object({ items: z.array(runSchema) }) },
      },
    },
    async (request) => {
      const query = parseInput(runsQuerySchema, request.query);
      const town = await requireTown(deps.db, query.town, 'town');
      requireTownGrant(actorOf(request), 'warnings:read', town.id);
      return { items: await selectRuns(deps.db, town.id, query.limit) };
    },
  );
};
