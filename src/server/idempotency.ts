import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { conflict, invalidField } from '../core/errors.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';

/*
 * `Idempotency-Key` for POSTs that write: the first request with a key runs, and its 2xx answer (status, body and the
 * headers the route set) is stored under the key; a repeat with the same key and the same body gets that answer again
 * with `Idempotent-Replayed: true`, without running; the same key with another body is invalid_input naming the
 * header. Errors are not stored, so a failed request can be sent again under its key. Keys expire after 24 hours.
 *
 * A route opts in with `preValidation: checkIdempotencyKey` (it checks the header and hashes the body as sent,
 * before validation rewrites it), documents the header with `headers: idempotencyHeadersSchema` and answers through
 * `answerIdempotently`.
 *
 * Concurrency: the key is claimed, the work done and its answer stored in one transaction, the claim first. A second
 * request with the same key inserts the same primary key, so the database makes it wait until the first commits
 * (PostgreSQL: the unique index; SQLite: one writer at a time); it then finds the stored answer and replays it. When
 * the first fails, its rollback removes the claim and the second runs. A separate "pending" row committed before the
 * work would instead need a rule for claims left behind by a crashed process and would turn the second request into
 * an error rather than the answer; the single transaction also means an answer is stored exactly when its writes are.
 * The work therefore runs on the transaction handed to it: services join it (store/transaction.ts).
 */

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How often a process sweeps expired keys of all requests (each write also drops its own key when expired). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/** What a route answers: status, JSON body and any headers of its own. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The `response` column: the body with the route's headers, replayed as they were. */
interface StoredAnswer {
  headers: Record<string, string>;
  body: unknown;
}

/** JSON with object keys sorted at every level: equal values give equal text, whatever the key order sent. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const fields = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The request's Idempotency-Key, checked (1–255 printable ASCII characters), or undefined when it has none. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_HEADER];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value.length > 255 || !/^[\x20-\x7e]*[\x21-\x7e][\x20-\x7e]*$/.test(value)) {
    throw invalidField('Idempotency-Key', 'must be 1–255 printable ASCII characters, given once');
  }
  return value;
}

/** The header as the route schemas document it (OpenAPI); checkIdempotencyKey does the checking. */
export const idempotencyHeadersSchema = z.looseObject({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .optional()
    .describe('1–255 printable ASCII characters; a repeat with the same key and body gets the stored answer'),
});

const bodyHashes = new WeakMap<FastifyRequest, string>();

/** preValidation hook of an idempotent route: checks the header, hashes the body (SHA-256 of canonicalJson). */
export async function checkIdempotencyKey(request: FastifyRequest): Promise<void> {
  if (idempotencyKeyOf(request) !== undefined) {
    bodyHashes.set(
      request,
      createHash('sha256')
        .update(canonicalJson(request.body ?? null))
        .digest('hex'),
    );
  }
}

/**
 * Where a key is looked up: the method and route pattern (`POST /api/complaints`), so one key sent to two endpoints
 * is two keys. When requests carry a caller (a user or an API key), the caller's id joins the scope so that two
 * callers' keys never meet.
 */
function scopeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url}`;
}

function send(reply: FastifyReply, answer: Answer): FastifyReply {
  return reply
    .code(answer.status)
    .headers(answer.headers ?? {})
    .send(answer.body);
}

/**
 * Answer a request by `run` (given the database handle to work on), or, when its Idempotency-Key was answered before,
 * by the stored answer. Without the header it simply runs.
 */
export async function answerIdempotently(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  run: (db: Db) => Promise<Answer>,
): Promise<FastifyReply> {
  const key = idempotencyKeyOf(request);
  if (key === undefined) {
    return send(reply, await run(db));
  }
  const scope = scopeOf(request);
  const hash = bodyHashes.get(request);
  if (hash === undefined) {
    throw new TypeError(`${scope} answers idempotently but lacks preValidation: checkIdempotencyKey`);
  }
  const now = Date.now();
  await sweepWhenDue(db, now, request);
  const answer = await inTransaction(db, async (trx): Promise<Answer> => {
    await trx
      .deleteFrom('idempotency_key')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('created_at', '<=', now - IDEMPOTENCY_TTL_MS)
      .execute();
    const claimed = await trx
      .insertInto('idempotency_key')
      .values({ scope, key, request_hash: hash, status_code: 0, response: '', created_at: now })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      return replay(trx, scope, key, hash);
    }
    const fresh = await run(trx);
    if (fresh.status >= 200 && fresh.status < 300) {
      const stored: StoredAnswer = { headers: fresh.headers ?? {}, body: fresh.body };
      await trx
        .updateTable('idempotency_key')
        .set({ status_code: fresh.status, response: JSON.stringify(stored) })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute();
    } else {
      await trx.deleteFrom('idempotency_key').where('scope', '=', scope).where('key', '=', key).execute();
    }
    return fresh;
  });
  return send(reply, answer);
}

/** The stored answer of a key claimed by an earlier (committed) request. */
async function replay(db: Db, scope: string, key: string, hash: string): Promise<Answer> {
  const row = await db
    .selectFrom('idempotency_key')
    .select(['request_hash', 'status_code', 'response'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) {
    // Claimed by a request that has not committed its answer yet; happens only if our insert did not wait for it.
    throw conflict('Idempotency-Key: a request with this key is still being answered; send it again');
  }
  if (row.request_hash !== hash) {
    throw invalidField(
      'Idempotency-Key',
      'reused with a different body: a key stands for one request (use a new key for a new request)',
    );
  }
  const stored = JSON.parse(row.response) as StoredAnswer;
  return { status: row.status_code, body: stored.body, headers: { ...stored.headers, 'idempotent-replayed': 'true' } };
}

/** Delete every key older than the time to live. */
export async function sweepIdempotencyKeys(db: Db, now = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_key')
    .where('created_at', '<=', now - IDEMPOTENCY_TTL_MS)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

const lastSweep = new WeakMap<Db, number>();

/** Sweep at most every ten minutes per process and database; housekeeping, so a failure only waits for the next. */
async function sweepWhenDue(db: Db, now: number, request: FastifyRequest): Promise<void> {
  if (db.isTransaction || now - (lastSweep.get(db) ?? Number.NEGATIVE_INFINITY) < SWEEP_EVERY_MS) {
    return;
  }
  lastSweep.set(db, now);
  await sweepIdempotencyKeys(db, now).catch((error: unknown) => {
    request.log.warn({ err: error }, 'sweeping expired idempotency keys failed');
  });
}
