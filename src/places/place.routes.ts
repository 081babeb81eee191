import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
    { schema: { tags, summary: 'One place', params, response: { 200: placeSchema } } },
    async (request) => getPlace(deps, request.params.code),
  );
  app.get(
    '/api/places/:code/ancestors',
    { schema: { tags, summary: 'The places above one, top first', params, response: { 200: z.array(placeSchema) } } },
    async (request) => getAncestors(deps, request.params.code),
  );
  app.post(
    '/api/places',
    { schema: { tags, summary: 'Add a place', body: createPlaceSchema, response: { 201: placeSchema } } },
    async (request, reply) => reply.code(201).send(await createPlace(deps, request.body)),
  );
  app.patch(
    '/api/places/:code',
    { schema: { tags, summary: 'Edit a place', params, body: updatePlaceSchema, response: { 200: placeSchema } } },
    async (request) => updatePlace(deps, request.params.code, request.body),
  );
};
