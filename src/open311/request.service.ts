import { randomUUID } from 'node:crypto';
import { authenticateToken } from '../apikeys/index.js';
import { type Actor, can, touchesTown } from '../auth/index.js';
import { toFieldIssues } from '../core/validation.js';
import { findPlaces, type Place } from '../places/index.js';
import { createComplaint, type RecordRouteDeps } from '../records/index.js';
import { listCategories } from '../taxonomy/index.js';
import { attributesOf, checkAttributes } from './attributes.js';
import { requireService } from './catalogue.service.js';
import { resolveJurisdiction } from './jurisdiction.js';
import { locatePoint, matchAddress } from './locate.js';
import { badRequest, clip, forbidden, notFound } from './open311.errors.js';
import { collectFields, type FieldPairs, type ReceivedFile } from './open311.form.js';
import {
  type ListRequestsQuery,
  listRequestsQuerySchema,
  type PostRequestFields,
  postRequestSchema,
} from './open311.schema.js';
import { closedStatuses, type Open311Request, presentServiceRequest, statusNotes } from './request.presenter.js';
import { findIdByToken, listServiceRequestRows, OPEN311_SOURCE, type ServiceRequestFilter } from './request.repo.js';

/** What Open311 needs: the records' write deps; the actor is the api_key's token, found per request. */
export type Open311Deps = RecordRouteDeps;

/** What a client posted: the body's fields, the X-Api-Key header if any, and the media files it sent along. */
export interface Submission {
  pairs: FieldPairs;
  apiKeyHeader?: string | undefined;
  files?: ReceivedFile[];
}

/** The answer to POST requests: the id at once (type realtime), and the token too, for clients that want it. */
export type CreatedRequest = {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: string | null;
};

function singleValues(fields: Map<string, string[]>, problems: string[]): Record<string, string> {
  // No prototype: a field named __proto__ or constructor is just an unknown field.
  const values: Record<string, string> = Object.create(null);
  for (const [name, given] of fields) {
    if (given.length > 1) {
      problems.push(`${name.slice(0, 64)}: give it once (got ${given.length} values)`);
    }
    values[name] = given[0] as string;
  }
  return values;
}

function parseFields(values: Record<string, string>, problems: string[]): PostRequestFields {
  const result = postRequestSchema.safeParse(values);
  if (result.success) {
    return result.data;
  }
  problems.push(...toFieldIssues(result.error).map((issue) => `${issue.path}: ${issue.message}`));
  return {};
}

/** The complainant's name from Open311's parts: 张 + 三 for Chinese, `first last` otherwise. */
function fullName(first: string | undefined, last: string | undefined): string | undefined {
  const parts = [last, first].filter((p): p is string => p !== undefined && p.trim() !== '').map((p) => p.trim());
  if (parts.length === 0) {
    return undefined;
  }
  return parts.every((p) => /^[\p{Script=Han}·]+$/u.test(p)) ? parts.join('') : [...parts].reverse().join(' ');
}

/**
 * The api_key's actor, verified as every API token is (src/apikeys authenticateToken): a token of this
 * jurisdiction's town, not revoked or expired, carrying `open311:submit`. Otherwise 403 in the spec's format.
 */
async function checkKey(
  deps: Open311Deps,
  key: string | undefined,
  town: { id: number; code: string },
): Promise<Actor> {
  if (key === undefined || key.trim() === '') {
    throw forbidden('api_key: missing; ask the town for a key (shanzhi apikey add)');
  }
  const actor = await authenticateToken(deps.db, key.trim(), Date.now());
  if (!actor) {
    throw forbidden('api_key: invalid or revoked');
  }
  if (!touchesTown(actor, 'open311:submit', town.id)) {
    throw forbidden(
      can(actor, 'open311:submit')
        ? `api_key: not a key of jurisdiction ${town.code}`
        : 'api_key: this key may not file requests (it lacks the permission open311:submit)',
    );
  }
  return actor;
}

function placeOf(places: Place[], fields: PostRequestFields, problems: string[]): string | undefined {
  if (fields.address_id !== undefined) {
    const place = places.find((p) => p.code === fields.address_id && (p.level === 'village' || p.level === 'group'));
    if (!place) {
      problems.push(`address_id: no village or group "${clip(fields.address_id)}" in this jurisdiction`);
    }
    return place?.code;
  }
  if (fields.lat !== undefined && fields.long !== undefined) {
    return locatePoint(places, { lat: fields.lat, lng: fields.long }) ?? undefined;
  }
  return fields.address_string === undefined ? undefined : (matchAddress(places, fields.address_string) ?? undefined);
}

/**
 * POST requests: file a citizen's report as a complaint of the key's town (source system `open311`, channel web,
 * external number a fresh token). Checks, in the spec's order: the jurisdiction (400/404), the api_key (403), the
 * service_code (400/404), then every field at once (400, one error each): a location (lat+long, address_string or
 * address_id), a description, the service's attributes. lat/long find the village or group they lie in.
 */
export async function createServiceRequest(deps: Open311Deps, submission: Submission): Promise<CreatedRequest[]> {
  const collected = collectFields(submission.pairs);
  const problems = [...collected.problems];
  const values = singleValues(collected.fields, problems);
  const town = await resolveJurisdiction(deps.db, values.jurisdiction_id);
  const actor = await checkKey(deps, values.api_key ?? submission.apiKeyHeader, town);
  if (values.service_code === undefined) {
    throw badRequest('service_code: missing (see services.json for the codes)');
  }
  const service = await requireService(deps, values.service_code);

  const fields = parseFields(values, problems);
  if ((fields.lat === undefined) !== (fields.long === undefined) && !problems.some((p) => /^(lat|long):/.test(p))) {
    problems.push(`${fields.lat === undefined ? 'lat' : 'long'}: lat and long go together`);
  }
  const hasPoint = values.lat !== undefined && values.long !== undefined;
  if (!hasPoint && values.address_string === undefined && values.address_id === undefined) {
    problems.push('location: give lat and long, or address_string, or address_id');
  }
  if (values.description === undefined || values.description.trim() === '') {
    problems.push('description: required, the text of the report');
  }
  const { answers, problems: attributeProblems } = checkAttributes(
    attributesOf(service.service_code),
    collected.attributes,
  );
  problems.push(...attributeProblems);
  const places = await findPlaces(deps, { within: town.code });
  const placeCode = placeOf(places, fields, problems);
  if (problems.length > 0) {
    throw badRequest(...problems);
  }

  const anonymous = answers.anonymous === 'yes';
  const token = randomUUID();
  // Written (and audited) as the api_key's token, whose open311:submit must cover the town.
  const complaint = await createComplaint(
    { ...deps, actor },
    {
      townCode: town.code,
      categoryCode: service.service_code,
      placeCode,
      sourceSystem: OPEN311_SOURCE,
      externalNo: token,
      channel: 'web',
      content: fields.description ?? '',
      address: fields.address_string,
      openedAt: Date.now(),
      complainantName: anonymous ? undefined : fullName(fields.first_name, fields.last_name),
      complainantPhone: anonymous ? undefined : fields.phone,
      lat: fields.lat,
      lng: fields.long,
      mediaUrl: fields.media_url,
      attributes: Object.keys(answers).length > 0 ? answers : undefined,
    },
    { permission: 'open311:submit' },
  );
  const notes = [`${statusNotes.received}：${service.service_name}。可凭 service_request_id 或 token 查询办理进度。`];
  if ((submission.files ?? []).length > 0) {
    notes.push('所附文件未保存：图片请以 media_url 链接提供。');
  }
  return [{ service_request_id: String(complaint.id), token, service_notice: notes.join(''), account_id: null }];
}

const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET tokens/{token}: the id of the request filed under a token, in this jurisdiction. */
export async function findRequestByToken(
  deps: Open311Deps,
  jurisdictionId: string | undefined,
  token: string,
): Promise<{ service_request_id: string; token: string }[]> {
  const town = await resolveJurisdiction(deps.db, jurisdictionId);
  const id = TOKEN.test(token) ? await findIdByToken(deps.db, town.id, token.toLowerCase()) : undefined;
  if (id === undefined) {
    throw notFound(`token: no request under token "${clip(token)}"`);
  }
  return [{ service_request_id: String(id), token: token.toLowerCase() }];
}

/** GET requests/{id}: one request of this jurisdiction. */
export async function getServiceRequest(
  deps: Open311Deps,
  jurisdictionId: string | undefined,
  id: string,
): Promise<Open311Request[]> {
  const town = await resolveJurisdiction(deps.db, jurisdictionId);
  const rows = /^[1-9]\d{0,14}$/.test(id)
    ? await listServiceRequestRows(deps.db, { townId: town.id, ids: [Number(id)], limit: 1 })
    : [];
  if (rows.length === 0) {
    throw notFound(`service_request_id: no request "${clip(id)}" in jurisdiction ${town.code}`);
  }
  return rows.map(presentServiceRequest);
}

const DAY_MS = 86_400_000;
/** The spec's default and widest window, and its most requests per answer. */
export const MAX_SPAN_MS = 90 * DAY_MS;
export const MAX_REQUESTS = 1000;
/** More service codes than a taxonomy has leaves is a mistake (and would strain the query). */
const MAX_CODES = 200;
const W3 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A w3 date (the town's day) or date-time (with its zone); a date as end_date means the end of that day. */
function parseW3(name: string, value: string, endOfDay: boolean, problems: string[]): number | undefined {
  const match = W3.exec(value);
  const ms = match ? Date.parse(match[4] === undefined ? `${value}T00:00:00+08:00` : value) : Number.NaN;
  // Date.parse rolls 2025-02-30 over to March: the day must come back as written.
  const day = Number(match?.[3]);
  const dayOk =
    !Number.isNaN(ms) && new Date(Date.UTC(Number(match?.[1]), Number(match?.[2]) - 1, day)).getUTCDate() === day;
  if (!match || !dayOk) {
    problems.push(
      `${name}: "${clip(value)}" is not a w3 date-time such as 2025-06-01T00:00:00+08:00 (or a date 2025-06-01)`,
    );
    return undefined;
  }
  return match[4] === undefined && endOfDay ? ms + DAY_MS - 1 : ms;
}

/**
 * GET requests: the jurisdiction's requests, newest first, at most 1000. service_request_id (a comma list) overrides
 * every other filter. Otherwise by service_code (comma list), status (open, closed) and requested_datetime between
 * start_date and end_date, which default to the 90 days up to now (or after start_date, or before end_date) and may
 * not span more than 90 days.
 */
export async function listServiceRequests(deps: Open311Deps, query: ListRequestsQuery): Promise<Open311Request[]> {
  const parsed = listRequestsQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw badRequest(...toFieldIssues(parsed.error).map((issue) => `${issue.path}: ${issue.message}`));
  }
  const q = parsed.data;
  const town = await resolveJurisdiction(deps.db, q.jurisdiction_id);
  const problems: string[] = [];
  const filter: ServiceRequestFilter = { townId: town.id, limit: MAX_REQUESTS };
  if (q.service_request_id !== undefined && q.service_request_id.length > 0) {
    const bad = q.service_request_id.filter((id) => !/^[1-9]\d{0,14}$/.test(id));
    if (bad.length > 0 || q.service_request_id.length > MAX_REQUESTS) {
      throw badRequest(
        bad.length > 0
          ? `service_request_id: "${clip(bad[0] as string)}" is not a service request id`
          : `service_request_id: at most ${MAX_REQUESTS} ids`,
      );
    }
    filter.ids = q.service_request_id.map(Number);
    return (await listServiceRequestRows(deps.db, filter)).map(presentServiceRequest);
  }
  if (q.service_code !== undefined && q.service_code.length > MAX_CODES) {
    throw badRequest(`service_code: at most ${MAX_CODES} codes`);
  }
  if (q.service_code !== undefined && q.service_code.length > 0) {
    const known = new Set((await listCategories(deps, { includeRetired: true })).map((c) => c.code));
    for (const code of q.service_code.filter((c) => !known.has(c))) {
      problems.push(`service_code: no service "${clip(code)}"`);
    }
    filter.categoryCodes = q.service_code;
  }
  if (q.status !== undefined && q.status.length > 0) {
    const unknown = q.status.filter((s) => s !== 'open' && s !== 'closed');
    if (unknown.length > 0) {
      problems.push(`status: "${clip(unknown[0] as string)}" is neither open nor closed`);
    }
    const wanted = new Set(q.status);
    filter.statuses = (Object.keys(statusNotes) as (keyof typeof statusNotes)[]).filter((s) =>
      wanted.has(closedStatuses.includes(s) ? 'closed' : 'open'),
    );
  }
  const start = q.start_date === undefined ? undefined : parseW3('start_date', q.start_date, false, problems);
  const end = q.end_date === undefined ? undefined : parseW3('end_date', q.end_date, true, problems);
  if (problems.length > 0) {
    throw badRequest(...problems);
  }
  const to = end ?? (start === undefined ? Date.now() : start + MAX_SPAN_MS);
  const from = start ?? to - MAX_SPAN_MS;
  if (to < from) {
    throw badRequest('end_date: must not be before start_date');
  }
  if (to - from > MAX_SPAN_MS) {
    throw badRequest('start_date: the range may not span more than 90 days');
  }
  return (await listServiceRequestRows(deps.db, { ...filter, from, to })).map(presentServiceRequest);
}
