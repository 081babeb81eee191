import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../server/guard.js';
import {
  createPlaceSchema,
  listPlacesQuerySchema,
  placeCodeSchema,
  placeSchema,
  updatePlaceSchema,
} from './place.schema.js';
import { createPlace, findPlaces, getAncestors, getPlace, type PlaceDeps, updatePlace } from './place.service.js';

const params = z.object({ code: placeCodeSchema });
const tags = ['places'];

/** `/api/places`: the city → town → village → group tree. */
export const placeRoutes: FastifyPluginAsyncZod<PlaceDeps> = async (app, deps) => {
  app.get(
    '/api/places',
    {
      config: { permission: 'places:read' },
      schema: {
        tags,
        summary: 'List places',
        querystring: listPlacesQuerySchema,
        response: { 200: z.array(placeSchema) },
      },
    },
    async (request) => findPlaces(deps, request.query),
  );
  app.get(
    '/api/places/:code',
    {
      config: { permission: 'places:read' },
      schema: { tags, summary: 'One place', params, response: { 200: placeSchema } },
    },
    async (request) => getPlace(deps, request.params.code),
  );
  app.get(
    '/api/places/:code/ancestors',
    {
      config: { permission: 'places:read' },
      schema: { tags, summary: 'The places above one, top first', params, response: { 200: z.array(placeSchema) } },
    },
    async (request) => getAncestors(deps, request.params.code),
  );
  app.post(
    '/api/places',
    {
      config: { permission: 'places:write' },
      schema: { tags, summary: 'Add a place', body: createPlaceSchema, response: { 201: placeSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await createPlace({ ...deps, actor: actorOf(request) }, request.body)),
  );
  app.patch(
    '/api/places/:code',
    {
      config: { permission: 'places:write' },
      schema: { tags, summary: 'Edit a place', params, body: updatePlaceSchema, response: { 200: placeSchema } },
    },
    async (request) => updatePlace({ ...deps, actor: actorOf(request) }, request.params.code, request.body),
  );
};
