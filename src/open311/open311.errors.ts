import { isAppError } from '../core/errors.js';

/*
 * Open311's error shape: a list of {code, description} with HTTP 400, 403 or 404 ("Errors",
 * https://wiki.open311.org/GeoReport_v2/#errors). `code` is the HTTP status, as in the spec's examples; the description
 * names the parameter at fault. 500 is only for faults of ours.
 */

export type Open311Status = 400 | 403 | 404 | 500;

export type Open311ErrorItem = {
  code: number;
  description: string;
};

export class Open311Error extends Error {
  override readonly name = 'Open311Error';

  constructor(
    readonly status: Open311Status,
    readonly errors: Open311ErrorItem[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
}

/** A value quoted in an error: at most `max` characters of it. */
export function clip(value: string, max = 64): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

function errorOf(status: Open311Status, descriptions: string[]): Open311Error {
  return new Open311Error(
    status,
    descriptions.map((description) => ({ code: status, description })),
  );
}

/** The request cannot be fulfilled as sent: each description names the parameter. */
export function badRequest(...descriptions: string[]): Open311Error {
  return errorOf(400, descriptions);
}

/** A missing, unknown, revoked or other town's api_key. */
export function forbidden(description: string): Open311Error {
  return errorOf(403, [description]);
}

/** The resource named (a jurisdiction, service, request or token) does not exist. */
export function notFound(description: string): Open311Error {
  return errorOf(404, [description]);
}

/** The records layer's field names, as an Open311 client knows them. */
const parameterOf: Record<string, string> = {
  townCode: 'jurisdiction_id',
  categoryCode: 'service_code',
  placeCode: 'address_id',
  address: 'address_string',
  content: 'description',
  complainantName: 'first_name/last_name',
  complainantPhone: 'phone',
  mediaUrl: 'media_url',
  lat: 'lat',
  lng: 'long',
};

function parameterName(path: string): string {
  const [head, ...rest] = path.split('.');
  if (head === 'attributes' && rest[0] !== undefined) {
    return `attribute[${rest[0]}]`;
  }
  return parameterOf[head ?? ''] ?? path;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Any error as an Open311 error: ours as they are; the records layer's invalid input as 400 naming the Open311
 * parameters; Fastify's client errors (bad content type, body too large, broken multipart) as 400; the rest as 500.
 */
export function toOpen311Error(error: unknown): Open311Error {
  if (error instanceof Open311Error) {
    return error;
  }
  if (isAppError(error)) {
    switch (error.code) {
      case 'invalid_input': {
        const issues = error.details?.issues ?? [];
        return issues.length > 0
          ? badRequest(...issues.map((i) => `${parameterName(i.path)}: ${i.message}`))
          : badRequest(error.message);
      }
      case 'not_found':
        return notFound(error.message);
      case 'unauthenticated':
      case 'forbidden':
        return forbidden(error.message);
      case 'internal':
      case 'unavailable':
        return errorOf(500, ['internal error; the server log has the details']);
      default:
        return badRequest(error.message);
    }
  }
  const fastifyError = error as FastifyLikeError | null;
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return badRequest(describeClientError(fastifyError as FastifyLikeError));
  }
  return errorOf(500, ['internal error; the server log has the details']);
}

function describeClientError(error: FastifyLikeError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'send the fields as application/x-www-form-urlencoded or multipart/form-data';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the request body is over 1 MB (a media file may be up to 5 MB, as multipart/form-data)';
    default:
      return error.message?.trim() || 'the request is malformed';
  }
}
