import { z } from 'zod';

/*
 * The parameters of Open311's POST requests and GET requests, as text (they come from forms and query strings).
 * The records layer checks what it stores again; these checks give the Open311 parameter names in errors.
 */

const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?\d{1,3}(\.\d{1,15})?$/, 'must be decimal degrees, e.g. 29.3405')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** The plain fields of POST requests (attributes come separately). Unknown fields are ignored, as clients vary. */
export const postRequestSchema = z.object({
  jurisdiction_id: text(64).optional(),
  api_key: text(200).optional(),
  service_code: text(200).optional(),
  lat: coordinate(-90, 90).optional(),
  long: coordinate(-180, 180).optional(),
  address_string: text(500).optional(),
  address_id: text(64).optional(),
  /** Accepted and not stored (see docs/open311.md). */
  email: text(320).optional(),
  device_id: text(200).optional(),
  account_id: text(200).optional(),
  first_name: text(50).optional(),
  last_name: text(50).optional(),
  phone: text(40).optional(),
  /** Required by Shanzhi: a complaint is its text. The spec limits it to 4,000 characters. */
  description: text(4000).optional(),
  media_url: text(2000).optional(),
});
export type PostRequestFields = z.output<typeof postRequestSchema>;

/** A comma-delimited list parameter, which may also be repeated. */
const list = z.union([z.string(), z.array(z.string())]).transform((value) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);
const scalar = (name: string) =>
  z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
    if (Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `give ${name} once` });
      return z.NEVER;
    }
    return value.trim() === '' ? undefined : value.trim();
  });

/** The query of GET requests. */
export const listRequestsQuerySchema = z.object({
  jurisdiction_id: scalar('jurisdiction_id').optional(),
  service_request_id: list.optional(),
  service_code: list.optional(),
  start_date: scalar('start_date').optional(),
  end_date: scalar('end_date').optional(),
  status: list.optional(),
});
export type ListRequestsQuery = z.input<typeof listRequestsQuerySchema>;

/** The query of every GET but requests: the jurisdiction only (other parameters are ignored). */
export const jurisdictionQuerySchema = z.object({ jurisdiction_id: scalar('jurisdiction_id').optional() });
