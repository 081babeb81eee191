import { appendAudit } from '../audit/index.js';
import { type Actor, coversTown, scopeOf } from '../auth/index.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { requireTown } from '../records/index.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { presentApiKey } from './apikey.presenter.js';
import { findApiKeyById, insertApiKey, listApiKeyRows, revokeApiKeyRow } from './apikey.repo.js';
import {
  type ApiKey,
  type CreateApiKeyInput,
  createApiKeySchema,
  type ListApiKeysQuery,
  listApiKeysQuerySchema,
  MAX_TOKEN_DAYS,
  type NewApiKey,
  type TokenPermission,
} from './apikey.schema.js';
import { generateApiKey, hashApiKey, PREFIX_LENGTH } from './apikey.token.js';

export interface ApiKeyDeps {
  db: Db;
  /** Who manages tokens: a user holding `tokens:write`, or the command line (systemActor). */
  actor: Actor;
}

const DAY_MS = 86_400_000;

/**
 * The permissions of `wanted` the actor may not hand to a token of the town. A token may carry only what its maker
 * holds for the whole town, so no one makes a token stronger than themselves. `open311:submit` is the exception: no
 * person holds it (it is the api_key of a GeoReport client), and filing new citizen reports through the public
 * Open311 interface is what town administrators issue these keys for; `tokens:write` over the town (checked
 * before) is what it takes.
 */
function withheld(actor: Actor, townId: number, wanted: readonly TokenPermission[]): TokenPermission[] {
  return wanted.filter((p) => p !== 'open311:submit' && !coversTown(scopeOf(actor, p), townId));
}

/** The expiry instant asked for, checked against `now`: null when the token is to work until revoked. */
function expiryOf(data: { expiresAt?: string; expiresInDays?: number }, now: number): number | null {
  if (data.expiresInDays !== undefined) {
    return now + data.expiresInDays * DAY_MS;
  }
  if (data.expiresAt === undefined) {
    return null;
  }
  const at = Date.parse(data.expiresAt);
  if (at <= now) {
    throw invalidField('expiresAt', 'must be in the future');
  }
  if (at > now + MAX_TOKEN_DAYS * DAY_MS) {
    throw invalidField('expiresAt', `must be within ${MAX_TOKEN_DAYS} days from now`);
  }
  return at;
}

async function loadApiKey(db: Db, actor: Actor, id: number) {
  // Another town's token answers as missing: whether it exists is not the asker's business.
  const row = await findApiKeyById(db, id, scopeOf(actor, 'tokens:write'));
  if (!row) {
    throw notFound('API token', id);
  }
  return row;
}

/**
 * Make a token for a town, with permissions the actor holds there itself and an optional expiry. The plain token
 * is returned this once; only its hash and first characters are stored. Audited as `token.create`.
 */
export async function createApiKey(deps: ApiKeyDeps, input: CreateApiKeyInput): Promise<NewApiKey> {
  const data = parseInput(createApiKeySchema, input);
  const now = Date.now();
  const expiresAt = expiryOf(data, now);
  return inTransaction(deps.db, async (db) => {
    const town = await requireTown(db, data.townCode, 'townCode');
    if (!coversTown(scopeOf(deps.actor, 'tokens:write'), town.id)) {
      throw new AppError('forbidden', `you may not make tokens for town ${town.code}`, { townCode: town.code });
    }
    const refused = withheld(deps.actor, town.id, data.permissions);
    if (refused.length > 0) {
      throw new AppError('forbidden', `a token may only carry permissions you hold in the whole town ${town.code}`, {
        permissions: refused,
      });
    }
    const key = generateApiKey();
    const prefix = key.slice(0, PREFIX_LENGTH);
    const id = await insertApiKey(db, {
      name: data.name,
      town_id: town.id,
      key_prefix: prefix,
      key_hash: hashApiKey(key),
      scopes: JSON.stringify(data.permissions),
      created_at: now,
      revoked_at: null,
      expires_at: expiresAt,
      last_used_at: null,
    });
    const created = presentApiKey(await loadApiKey(db, deps.actor, id));
    // Never the token or its hash: the prefix is what lists show anyway.
    const after = { name: data.name, prefix, permissions: data.permissions, expiresAt: created.expiresAt };
    await appendAudit(db, deps.actor, {
      action: 'token.create',
      entity: 'token',
      entityId: id,
      townId: town.id,
      after,
    });
    return { ...created, key };
  });
}

/** The tokens of the towns the actor manages (revoked ones too), oldest first; never the tokens themselves. */
export async function listApiKeys(deps: ApiKeyDeps, query: ListApiKeysQuery = {}): Promise<ApiKey[]> {
  const data = parseInput(listApiKeysQuerySchema, query);
  const townId = data.townCode === undefined ? undefined : (await requireTown(deps.db, data.townCode, 'townCode')).id;
  return (await listApiKeyRows(deps.db, scopeOf(deps.actor, 'tokens:write'), { townId })).map(presentApiKey);
}

/**
 * Revoke a token: from now on it authenticates as nothing. Revoking it again changes nothing (and is not audited
 * again). Audited as `token.revoke`.
 */
export async function revokeApiKey(deps: ApiKeyDeps, id: number): Promise<ApiKey> {
  if (!Number.isSafeInteger(id) || id < 1) {
    throw invalidField('id', 'must be a positive whole number');
  }
  return inTransaction(deps.db, async (db) => {
    const row = await loadApiKey(db, deps.actor, id);
    const now = Date.now();
    if (await revokeApiKeyRow(db, id, now)) {
      await appendAudit(db, deps.actor, {
        action: 'token.revoke',
        entity: 'token',
        entityId: id,
        townId: row.town_id,
        before: { revokedAt: null },
        after: { revokedAt: new Date(now).toISOString() },
      });
    }
    return presentApiKey(await loadApiKey(db, deps.actor, id));
  });
}
