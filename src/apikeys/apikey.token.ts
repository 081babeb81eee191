import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../auth/index.js';
import type { Db } from '../store/database.js';
import { storedPermissions } from './apikey.presenter.js';
import { findApiKeyByHash, touchApiKeyRow } from './apikey.repo.js';
import { API_KEY_PATTERN } from './apikey.schema.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_CHARS = 32;
/** `sz_` and the first 6 characters: enough to tell tokens apart in a list, far too little to guess the rest. */
export const PREFIX_LENGTH = 9;
/** last_used_at is written at most this often per token (a busy client would otherwise write on every request). */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * A new token: `sz_` and 32 characters drawn uniformly from base62 (bytes of 248 and above are rejected, so every
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

/**
 * What the store keeps of a token: its SHA-256 in hex. A fast hash is right here, unlike for passwords: a token is
 * 32 random base62 characters (about 190 bits), so no dictionary or brute force over a leaked hash can find it, and
 * a slow hash would only slow every API request down.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Who a presented token speaks for: a `token` actor holding the token's permissions within its town, or undefined
 * when the token is malformed, unknown, revoked or expired at `now`. The token is looked up by its hash, so nothing
 * about a wrong token is compared character by character. Records the use (last_used_at) at most once a minute.
 */
export async function authenticateToken(db: Db, token: string, now: number): Promise<Actor | undefined> {
  if (!API_KEY_PATTERN.test(token)) {
    return undefined;
  }
  const row = await findApiKeyByHash(db, hashApiKey(token));
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) {
    return undefined;
  }
  if (row.last_used_at === null || now - row.last_used_at >= TOUCH_INTERVAL_MS) {
    await touchApiKeyRow(db, row.id, now, TOUCH_INTERVAL_MS);
  }
  return {
    kind: 'token',
    id: row.id,
    name: row.name,
    grants: [
      {
        role: null,
        permissions: storedPermissions(row.scopes),
        kind: 'town',
        scopeId: row.town_id,
        townIds: [row.town_id],
      },
    ],
  };
}
