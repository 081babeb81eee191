import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../server/guard.js';
import {
  createMonthlyProblemSchema,
  listMonthlyProblemsQuerySchema,
  monthlyProblemIdParamsSchema,
  monthlyProblemListSchema,
  monthlyProblemSchema,
  updateMonthlyProblemSchema,
} from './monthly-problem.schema.js';
import { listMonthlyProblems, promoteWarning, updateMonthlyProblem } from './monthly-problem.service.js';
import { warningIdParamsSchema } from './warning.schema.js';
import type { WarningRouteDeps } from './warning.service.js';

const tags = ['warnings'];

/** 每月一题: `/api/monthly-problems`, and making a warning its town's problem of a month. */
export const monthlyProblemRoutes: FastifyPluginAsyncZod<WarningRouteDeps> = async (app, deps) => {
  app.post(
    '/api/warnings/:id/monthly-problem',
    {
      config: { permission: 'warnings:write' },
      schema: {
        tags,
        summary: "Make the warning its town's problem of a month (owner, plan)",
        params: warningIdParamsSchema,
        body: createMonthlyProblemSchema,
        response: { 201: monthlyProblemSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await promoteWarning({ ...deps, actor: actorOf(request) }, request.params.id, request.body)),
  );
  app.get(
    '/api/monthly-problems',
    {
      config: { permission: 'warnings:read' },
      schema: {
        tags,
        summary: 'Problems of the month, newest month first',
        querystring: listMonthlyProblemsQuerySchema,
        response: { 200: monthlyProblemListSchema },
      },
    },
    async (request) => listMonthlyProblems({ ...deps, actor: actorOf(request) }, request.query),
  );
  app.patch(
    '/api/monthly-problems/:id',
    {
      config: { permission: 'warnings:write' },
      schema: {
        tags,
        summary: 'Change a problem of the month: status (done needs an outcome), outcome, owner, plan',
        params: monthlyProblemIdParamsSchema,
        body: updateMonthlyProblemSchema,
        response: { 200: monthlyProblemSchema },
      },
    },
    async (request) => updateMonthlyProblem({ ...deps, actor: actorOf(request) }, request.params.id, request.body),
  );
};
