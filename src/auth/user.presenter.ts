import type { UserRow } from './user.repo.js';
import type { GrantView, User } from './user.schema.js';

/** A user as the API shows it: never the password hash. */
export function presentUser(row: UserRow, grants: readonly GrantView[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    demo: row.demo === 1,
    disabled: row.disabled_at !== null,
    lockedUntil: row.locked_until,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
    grants: [...grants],
  };
}
