import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../server/guard.js';
import { presentTree } from './category.presenter.js';
import {
  categoriesQueryStringSchema,
  categoryCodeSchema,
  categoryNodeSchema,
  categorySchema,
  createCategorySchema,
  taxonomyVersionSchema,
  updateCategorySchema,
} from './category.schema.js';
import { createCategory, getCategory } from './category.service.js';
import { updateCategory } from './category-edit.service.js';
import { getTaxonomy, listTaxonomyVersions, type TaxonomyDeps } from './taxonomy.service.js';

const params = z.object({ code: categoryCodeSchema });
const tags = ['taxonomy'];
const categoriesResponse = z.union([
  z.object({ version: z.number(), tree: z.array(categoryNodeSchema) }),
  z.object({ version: z.number(), categories: z.array(categorySchema) }),
]);

/** `/api/categories` and `/api/taxonomy/versions`: the versioned category tree (事项分类). */
export const taxonomyRoutes: FastifyPluginAsyncZod<TaxonomyDeps> = async (app, deps) => {
  app.get(
    '/api/categories',
    {
      config: { permission: 'taxonomy:read' },
      schema: {
        tags,
        summary: 'The category tree (or a flat list with ?flat=1), now or as of ?version=N',
        querystring: categoriesQueryStringSchema,
        response: { 200: categoriesResponse },
      },
    },
    async (request) => {
      const { flat, ...query } = request.query;
      const taxonomy = await getTaxonomy(deps, query);
      return flat ? taxonomy : { version: taxonomy.version, tree: presentTree(taxonomy.categories) };
    },
  );
  app.get(
    '/api/categories/:code',
    {
      config: { permission: 'taxonomy:read' },
      schema: { tags, summary: 'One category', params, response: { 200: categorySchema } },
    },
    async (request) => getCategory(deps, request.params.code),
  );
  app.post(
    '/api/categories',
    {
      config: { permission: 'taxonomy:write' },
      schema: { tags, summary: 'Add a category', body: createCategorySchema, response: { 201: categorySchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await createCategory({ ...deps, actor: actorOf(request) }, request.body)),
  );
  app.patch(
    '/api/categories/:code',
    {
      config: { permission: 'taxonomy:write' },
      schema: {
        tags,
        summary: 'Rename, re-sort, move, retire or restore a category',
        params,
        body: updateCategorySchema,
        response: { 200: categorySchema },
      },
    },
    async (request) => updateCategory({ ...deps, actor: actorOf(request) }, request.params.code, request.body),
  );
  app.get(
    '/api/taxonomy/versions',
    {
      config: { permission: 'taxonomy:read' },
      schema: {
        tags,
        summary: 'The taxonomy history, newest first',
        response: { 200: z.array(taxonomyVersionSchema) },
      },
    },
    async () => listTaxonomyVersions(deps),
  );
};
