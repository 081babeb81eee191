import type { ApiKeyRow } from './apikey.repo.js';
import type { ApiKey, ApiKeyScope } from './apikey.schema.js';

export function presentApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    town: { code: row.town_code, name: row.town_name },
    prefix: row.key_prefix,
    scopes: JSON.parse(row.scopes) as ApiKeyScope[],
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  };
}
