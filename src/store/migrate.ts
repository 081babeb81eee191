import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { dialectOf } from './dialect.js';
import { migrations } from './migrations/index.js';

export const MIGRATION_TABLE = 'schema_migration';

async function migrator<DB>(db: Kysely<DB>): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    // On PostgreSQL, Kysely looks for its tables in every schema unless told which one; with several towns or test
    // suites in one database it would find another schema's tables and skip creating its own.
    ...(dialectOf(db) === 'postgres' && { migrationTableSchema: await currentSchema(db) }),
  });
}

async function currentSchema<DB>(db: Kysely<DB>): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = result.rows[0]?.schema;
  if (!schema) {
    throw new Error('PostgreSQL has no current schema: check search_path');
  }
  return schema;
}

export interface MigrationReport {
  applied: string[];
  current: string | null;
}

/**
 * Bring the schema to the latest migration. Safe to run from several processes at once (Kysely takes a lock), and a
 * no-op when nothing is pending. Throws with the failing migration's name.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationReport> {
  const result: MigrationResultSet = await (await migrator(db)).migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error) {
    const name = failed ? ` ${failed.migrationName}` : '';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration${name} failed: ${reason}`);
  }
  const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { applied, current: await currentMigration(db) };
}

/** The name of the last applied migration, or null on an empty database. */
export async function currentMigration<DB>(db: Kysely<DB>): Promise<string | null> {
  const all = await (await migrator(db)).getMigrations();
  const done = all.filter((m) => m.executedAt !== undefined);
  return done.at(-1)?.name ?? null;
}

/** Names of migrations not yet applied. */
export async function pendingMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
