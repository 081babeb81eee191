import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { catalogueChangeset, getServiceDefinition, listServices } from './catalogue.service.js';
import { resolveJurisdiction } from './jurisdiction.js';
import { badRequest, toOpen311Error } from './open311.errors.js';
import { formPairs, parseFormPairs, readMultipart } from './open311.form.js';
import { formatOfUrl, type Open311Format, requireFormat, sendOpen311, splitFormat } from './open311.format.js';
import { jurisdictionQuerySchema, type ListRequestsQuery } from './open311.schema.js';
import {
  createServiceRequest,
  findRequestByToken,
  getServiceRequest,
  listServiceRequests,
  type Open311Deps,
} from './request.service.js';

const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const FORM = 'application/x-www-form-urlencoded';
/** Forms carry no files; a media file goes as multipart/form-data, which has its own limits (open311.form.ts). */
const FORM_BODY_LIMIT = 1024 * 1024;

function param(request: FastifyRequest, name: 'format' | 'file'): string {
  return (request.params as Record<string, string | undefined>)[name] ?? '';
}

/** The format of `/services.json` and the like. */
function formatParam(request: FastifyRequest): Open311Format {
  return requireFormat(param(request, 'format'));
}

/** The name and format of `/services/{code}.json` and the like. */
function fileParam(request: FastifyRequest) {
  return splitFormat(param(request, 'file'));
}

/** `jurisdiction_id` of the query string (other parameters of these GETs are ignored). */
function jurisdictionOf(request: FastifyRequest): string | undefined {
  const parsed = jurisdictionQuerySchema.safeParse(request.query ?? {});
  if (!parsed.success) {
    throw badRequest('jurisdiction_id: give it once');
  }
  return parsed.data.jurisdiction_id;
}

function apiKeyHeader(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header : undefined;
}

/** Body parsers for the Open311 scope only: forms as ordered pairs, multipart with per-request limits. */
async function registerBodyParsers(app: FastifyInstance): Promise<void> {
  if (app.hasContentTypeParser(FORM)) {
    app.removeContentTypeParser(FORM);
  }
  await app.register(formbody, { parser: parseFormPairs });
  // Another part of the app may have registered multipart for its own routes; its parser serves here too, with the
  // limits readMultipart passes on each request.
  if (!app.hasRequestDecorator('parts')) {
    await app.register(multipart);
  }
}

/** Open311 GeoReport v2 under /open311: discovery, then /open311/v2/… in .json and .xml (docs/open311.md). */
const open311Scope: FastifyPluginAsync<Open311Deps> = async (app, deps) => {
  await registerBodyParsers(app);
  app.setErrorHandler((error, request, reply) => {
    const open311Error = toOpen311Error(error);
    if (open311Error.status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendOpen311(reply, formatOfUrl(request.url), 'errors', open311Error.errors, open311Error.status);
  });
  const noResource = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const errors = [{ code: 404, description: `no Open311 resource ${request.method} ${path.slice(0, 200)}` }];
    return sendOpen311(reply, formatOfUrl(request.url), 'errors', errors, 404);
  };
  app.setNotFoundHandler(noResource);

  const hide = { hide: true };
  // The web app's GET /* (src/server/web.ts) would otherwise take unknown Open311 paths; they keep the spec's errors.
  app.get('/*', { config: { permission: 'public' }, schema: hide }, noResource);

  app.get('/discovery.:format', { config: { permission: 'public' }, schema: hide }, async (request, reply) => {
    const format = formatParam(request);
    const changeset = await catalogueChangeset(deps);
    return sendOpen311(reply, format, 'discovery', {
      changeset,
      contact: '请联系本镇（街道）综合信息指挥室。Contact the town command room.',
      key_service:
        'API 密钥由平台管理员签发：shanzhi apikey add --name 名称 --town 镇街代码。Ask the operator for a key.',
      endpoints: [
        {
          specification: SPEC,
          url: `${request.protocol}://${request.host}/open311/v2`,
          changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  });

  app.get('/v2/services.:format', { config: { permission: 'public' }, schema: hide }, async (request, reply) => {
    const format = formatParam(request);
    // The catalogue is the same for every town, but an unknown jurisdiction is still 404.
    await resolveJurisdiction(deps.db, jurisdictionOf(request));
    return sendOpen311(reply, format, 'services', await listServices(deps));
  });

  app.get('/v2/services/:file', { config: { permission: 'public' }, schema: hide }, async (request, reply) => {
    const { name, format } = fileParam(request);
    await resolveJurisdiction(deps.db, jurisdictionOf(request));
    return sendOpen311(reply, format, 'service_definition', await getServiceDefinition(deps, name));
  });

  app.post(
    '/v2/requests.:format',
    { config: { permission: 'open311:submit', credentials: 'open311' }, schema: hide, bodyLimit: FORM_BODY_LIMIT },
    async (request, reply) => {
      const format = formatParam(request);
      const body = request.isMultipart() ? await readMultipart(request) : { pairs: formPairs(request.body), files: [] };
      const created = await createServiceRequest(deps, { ...body, apiKeyHeader: apiKeyHeader(request) });
      return sendOpen311(reply, format, 'service_requests', created);
    },
  );

  app.get('/v2/requests.:format', { config: { permission: 'public' }, schema: hide }, async (request, reply) => {
    const format = formatParam(request);
    const found = await listServiceRequests(deps, request.query as ListRequestsQuery);
    return sendOpen311(reply, format, 'service_requests', found);
  });

  app.get('/v2/requests/:file', { config: { permission: 'public' }, schema: hide }, async (request, reply) => {
    const { name, format } = fileParam(request);
    const found = await getServiceRequest(deps, jurisdictionOf(request), name);
    return sendOpen311(reply, format, 'service_requests', found);
  });

  app.get('/v2/tokens/:file', { config: { permission: 'public' }, schema: hide }, async (request, reply) => {
    const { name, format } = fileParam(request);
    const found = await findRequestByToken(deps, jurisdictionOf(request), name);
    return sendOpen311(reply, format, 'service_requests', found);
  });
};

/** The Open311 plugin: registers its own scope under /open311, with its own parsers, errors and 404s. */
export const open311Routes: FastifyPluginAsync<Open311Deps> = async (app, deps) => {
  await app.register(open311Scope, { ...deps, prefix: '/open311' });
};
