import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../server/guard.js';
import {
  createDepartmentSchema,
  departmentParamsSchema,
  departmentSchema,
  listDepartmentsQuerySchema,
  seedResultSchema,
  townParamsSchema,
  updateDepartmentSchema,
} from './department.schema.js';
import {
  createDepartment,
  getDepartment,
  listDepartments,
  type OrgDeps,
  seedDefaultDepartments,
  updateDepartment,
} from './department.service.js';

const tags = ['departments'];

/** `/api/towns/:townCode/departments`: the enforcement team, line departments, offices and squads of a town. */
export const departmentRoutes: FastifyPluginAsyncZod<OrgDeps> = async (app, deps) => {
  app.get(
    '/api/towns/:townCode/departments',
    {
      config: { permission: 'departments:read' },
      schema: {
        tags,
        summary: "A town's departments and teams",
        params: townParamsSchema,
        querystring: listDepartmentsQuerySchema,
        response: { 200: z.array(departmentSchema) },
      },
    },
    async (request) => listDepartments(deps, request.params.townCode, request.query),
  );
  app.get(
    '/api/towns/:townCode/departments/:code',
    {
      config: { permission: 'departments:read' },
      schema: { tags, summary: 'One department', params: departmentParamsSchema, response: { 200: departmentSchema } },
    },
    async (request) => getDepartment(deps, request.params.townCode, request.params.code),
  );
  app.post(
    '/api/towns/:townCode/departments',
    {
      config: { permission: 'departments:write' },
      schema: {
        tags,
        summary: 'Add a department or team',
        params: townParamsSchema,
        body: createDepartmentSchema,
        response: { 201: departmentSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createDepartment({ ...deps, actor: actorOf(request) }, request.params.townCode, request.body)),
  );
  app.post(
    '/api/towns/:townCode/departments/seed-defaults',
    {
      config: { permission: 'departments:write' },
      schema: {
        tags,
        summary: 'Add the default "1+8" set (enforcement team and eight line departments) where missing',
        params: townParamsSchema,
        response: { 200: seedResultSchema },
      },
    },
    async (request) => seedDefaultDepartments({ ...deps, actor: actorOf(request) }, request.params.townCode),
  );
  app.patch(
    '/api/towns/:townCode/departments/:code',
    {
      config: { permission: 'departments:write' },
      schema: {
        tags,
        summary: 'Rename, move, (de)activate a department',
        params: departmentParamsSchema,
        body: updateDepartmentSchema,
        response: { 200: departmentSchema },
      },
    },
    async (request) =>
      updateDepartment(
        { ...deps, actor: actorOf(request) },
        request.params.townCode,
        request.params.code,
        request.body,
      ),
  );
};
