import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';
import { createTableWithId } from './helpers.js';

/**
 * Accounts, sessions, sign-in attempts and the audit log (src/auth, src/audit); API tokens gain an expiry. The
 * audit log is append-only: a trigger refuses every UPDATE and DELETE (and TRUNCATE on PostgreSQL), and each entry
 * carries the hash of the one before it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'app_user')
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0).check(sql`demo in (0, 1)`))
    .addColumn('locked_until', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  const roles = sql.join(
    [
      'admin',
      'leader',
      'analyst',
      'department_staff',
      'officer',
      'village_secretary',
      'organisation',
      'trainee',
      'mentor',
      'auditor',
    ].map((role) => sql.lit(role)),
  );
  await createTableWithId(db, 'user_role')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in (${roles})`))
    .addColumn('scope_kind', 'text', (c) =>
      c.notNull().check(sql`scope_kind in ('all', 'city', 'town', 'village', 'department')`),
    )
    // A place (city, town, village) or a department, by scope_kind; 0 for `all` (so the unique key holds).
    .addColumn('scope_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('user_role_grant_key', ['user_id', 'role', 'scope_kind', 'scope_id'])
    .execute();

  await createTableWithId(db, 'user_session')
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('user_session_user_id_idx').on('user_session').column('user_id').execute();

  await createTableWithId(db, 'login_attempt')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull().check(sql`success in (0, 1)`))
    .execute();
  await db.schema
    .createIndex('login_attempt_username_at_idx')
    .on('login_attempt')
    .columns(['username', 'at'])
    .execute();
  await db.schema.createIndex('login_attempt_ip_at_idx').on('login_attempt').columns(['ip', 'at']).execute();

  await db.schema
    .createTable('audit_log')
    // Gapless from 1: each entry's hash covers its seq and the previous entry's hash.
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('user', 'token', 'system')`))
    .addColumn('actor_id', 'bigint')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('town_id', 'bigint')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema
    .createIndex('audit_log_actor_idx')
    .on('audit_log')
    .columns(['actor_kind', 'actor_id', 'at'])
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id', 'at']).execute();
  // A town's auditor pages newest first through their towns' entries (GET /api/audit).
  await db.schema.createIndex('audit_log_town_idx').on('audit_log').columns(['town_id', 'seq']).execute();

  if (dialectOf(db) === 'postgres') {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
  } else {
    for (const event of ['update', 'delete']) {
      await sql`create trigger ${sql.raw(`audit_log_no_${event}`)} before ${sql.raw(event)} on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    }
  }

  await db.schema.alterTable('api_key').addColumn('expires_at', 'bigint').execute();
  await db.schema.alterTable('api_key').addColumn('last_used_at', 'bigint').execute();
  // API keys become API tokens carrying permissions: the one scope keys had, `open311`, is `open311:submit` now.
  await sql`update api_key set scopes = replace(scopes, '"open311"', '"open311:submit"')
    where scopes like '%"open311"%'`.execute(db);
}
