import { createHash, randomBytes } from 'node:crypto';
import { invalidField, notFound } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { requireTown } from '../records/index.js';
import type { Db } from '../store/database.js';
import { inTransaction } from '../store/transaction.js';
import { presentApiKey } from './apikey.presenter.js';
import {
  type ApiKeyRow,
  findApiKeyByHash,
  findApiKeyById,
  insertApiKey,
  listApiKeyRows,
  revokeApiKeyRow,
} from './apikey.repo.js';
import {
  API_KEY_PATTERN,
  type ApiKey,
  type ApiKeyGrant,
  type ApiKeyScope,
  type CreateApiKeyInput,
  createApiKeySchema,
  type ListApiKeysQuery,
  listApiKeysQuerySchema,
  type NewApiKey,
} from './apikey.schema.js';

export interface ApiKeyDeps {
  db: Db;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_CHARS = 32;
/** `sz_` and the first 6 characters: enough to tell keys apart in a list, far too little to guess the rest. */
const PREFIX_LENGTH = 9;

/**
 * A new key: `sz_` and 32 characters drawn uniformly from base62 (bytes of 248 and above are rejected, so every
 * character is equally likely). `random` is for tests.
 */
export function generateApiKey(random: (size: number) => Buffer = randomBytes): string {
  let key = 'sz_';
  while (key.length < 3 + KEY_CHARS) {
    for (const byte of random(KEY_CHARS)) {
      if (byte < 248 && key.length < 3 + KEY_CHARS) {
        key += BASE62[byte % 62];
      }
    }
  }
  return key;
}

/** What the store keeps of a key: its SHA-256 in hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

async function loadApiKey(db: Db, id: number): Promise<ApiKeyRow> {
  const row = await findApiKeyById(db, id);
  if (!row) {
    throw notFound('API key', id);
  }
  return row;
}

/** Make a key for a town. The plain key is returned this once; only its hash and first characters are stored. */
export async function createApiKey(deps: ApiKeyDeps, input: CreateApiKeyInput): Promise<NewApiKey> {
  const data = parseInput(createApiKeySchema, input);
  return inTransaction(deps.db, async (db) => {
    const town = await requireTown(db, data.townCode, 'townCode');
    const key = generateApiKey();
    const id = await insertApiKey(db, {
      name: data.name,
      town_id: town.id,
      key_prefix: key.slice(0, PREFIX_LENGTH),
      key_hash: hashApiKey(key),
      scopes: JSON.stringify(data.scopes),
      created_at: Date.now(),
      revoked_at: null,
    });
    return { ...presentApiKey(await loadApiKey(db, id)), key };
  });
}

/** Every key (revoked ones too), oldest first, optionally of one town; never the keys themselves. */
export async function listApiKeys(deps: ApiKeyDeps, query: ListApiKeysQuery = {}): Promise<ApiKey[]> {
  const data = parseInput(listApiKeysQuerySchema, query);
  const townId = data.townCode === undefined ? undefined : (await requireTown(deps.db, data.townCode, 'townCode')).id;
  return (await listApiKeyRows(deps.db, { townId })).map(presentApiKey);
}

/** Revoke a key: from now on it verifies as nothing. Revoking it again changes nothing. */
export async function revokeApiKey(deps: ApiKeyDeps, id: number): Promise<ApiKey> {
  if (!Number.isSafeInteger(id) || id < 1) {
    throw invalidField('id', 'must be a positive whole number');
  }
  return inTransaction(deps.db, async (db) => {
    await loadApiKey(db, id);
    await revokeApiKeyRow(db, id, Date.now());
    return presentApiKey(await loadApiKey(db, id));
  });
}

/**
 * Who a key presented by a client speaks for, when it is a key of ours, not revoked and allowed `scope`; else null.
 * The key is looked up by its hash, so nothing about a wrong key is compared character by character.
 */
export async function verifyApiKey(deps: ApiKeyDeps, key: string, scope: ApiKeyScope): Promise<ApiKeyGrant | null> {
  if (!API_KEY_PATTERN.test(key)) {
    return null;
  }
  const row = await findApiKeyByHash(deps.db, hashApiKey(key));
  if (!row || row.revoked_at !== null || !(JSON.parse(row.scopes) as string[]).includes(scope)) {
    return null;
  }
  return { id: row.id, townId: row.town_id };
}
