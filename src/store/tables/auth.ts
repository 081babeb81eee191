import type { Generated } from 'kysely';

/** A person who signs in. The username is stored lower-case; the password only as its scrypt hash. */
export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** `scrypt$N$r$p$salt$hash` (base64url parts), see src/auth/password.ts. */
  password_hash: string;
  password_changed_at: number;
  /** 1 for the demo town's users, who may sign in only while the server runs in demo mode. */
  demo: Generated<number>;
  /** Epoch ms until which sign-in is refused after too many wrong passwords. */
  locked_until: number | null;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One role held within one scope (src/auth/permissions.ts). `scope_id` is 0 for `all`. */
export interface UserRoleTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  scope_kind: 'all' | 'city' | 'town' | 'village' | 'department';
  scope_id: number;
  created_at: number;
}

/** A signed-in session: the cookie holds the token, the store only its SHA-256. */
export interface UserSessionTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: number;
  last_seen_at: number;
  /** Absolute end; idle expiry is last_seen_at + the idle limit. */
  expires_at: number;
  revoked_at: number | null;
  ip: string | null;
  user_agent: string | null;
}

/** Every sign-in attempt, for rate limiting and lockout (kept a day). */
export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: number;
  success: number;
}

/**
 * The append-only, hash-chained audit log: every write and every read of personal data. `before`/`after` are JSON
 * text of the changed fields, personal data never in clear.
 */
export interface AuditLogTable {
  seq: number;
  at: number;
  actor_kind: 'user' | 'token' | 'system';
  actor_id: number | null;
  actor_name: string;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  town_id: number | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}
