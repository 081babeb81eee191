import { isPermission } from '../auth/index.js';
import type { ApiKeyRow } from './apikey.repo.js';
import { type ApiKey, type TokenPermission, tokenPermissions } from './apikey.schema.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The permissions stored with a token. Only token permissions count: anything else in the column (a hand-edited
 * row, a permission since withdrawn from tokens) is dropped, so it can neither be shown nor used.
 */
export function storedPermissions(json: string): TokenPermission[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) {
    return [];
  }
  return parsed.filter(
    (p): p is TokenPermission =>
      typeof p === 'string' && isPermission(p) && (tokenPermissions as readonly string[]).includes(p),
  );
}

/** A token as it leaves the server: its first characters, never the token or its hash. */
export function presentApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    town: { code: row.town_code, name: row.town_name },
    prefix: row.key_prefix,
    permissions: storedPermissions(row.scopes),
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}
