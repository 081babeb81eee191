import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../store/dialect.js';
import { MIGRATION_TABLE, migrateToLatest } from '../store/migrate.js';
import { migrations } from '../store/migrations/index.js';
import { openStore, type Store } from '../store/open.js';
import { TEST_PG_URL, testDatabases } from '../store/testing.js';
import { authenticateToken, hashApiKey } from './apikey.token.js';

/** A store migrated only up to `target`, on a SQLite file or a PostgreSQL schema of its own. */
async function storeAt(dialect: DialectName, target: string): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shanzhi-apikey-migration-'));
  const schema = `apikey_m_${process.pid}_${randomBytes(4).toString('hex')}`;
  const store =
    dialect === 'postgres'
      ? await openStore({ databaseUrl: TEST_PG_URL, dataDir, schema, poolSize: 2 })
      : await openStore({ dataDir });
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    ...(dialect === 'postgres' && { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateTo(target);
  if (error) {
    throw error;
  }
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (dialect === 'postgres') {
        const client = new pg.Client({ connectionString: TEST_PG_URL });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      }
    },
  };
}

describe.each(testDatabases)('migration 0008 of API keys on %s', (dialect) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await cleanup?.();
  });

  it('turns the scope open311 of keys made before it into the permission open311:submit', async () => {
    const opened = await storeAt(dialect, '0007_cube');
    cleanup = opened.cleanup;
    const { db } = opened.store;
    const now = Date.now();
    const { id: townId } = await db
      .insertInto('place')
      .values({ code: '330782199', name: '善治镇', level: 'town', created_at: now, updated_at: now } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    // What 0006's keys looked like: the scope list as the old schema wrote it.
    const oldKey = `sz_${'A'.repeat(32)}`;
    const revokedKey = `sz_${'B'.repeat(32)}`;
    const rows = [
      { key: oldKey, revoked: null },
      { key: revokedKey, revoked: now - 1000 },
    ];
    for (const [index, row] of rows.entries()) {
      await db
        .insertInto('api_key')
        .values({
          name: `old app ${index}`,
          town_id: townId,
          key_prefix: row.key.slice(0, 9),
          key_hash: hashApiKey(row.key),
          scopes: '["open311"]',
          created_at: now - 86_400_000,
          revoked_at: row.revoked,
        } as never)
        .execute();
    }
    await migrateToLatest(db);

    const stored = await db.selectFrom('api_key').select(['name', 'scopes', 'expires_at']).orderBy('id').execute();
    expect(stored).toEqual([
      { name: 'old app 0', scopes: '["open311:submit"]', expires_at: null },
      { name: 'old app 1', scopes: '["open311:submit"]', expires_at: null },
    ]);
    const actor = await authenticateToken(db, oldKey, now);
    expect(actor?.grants).toEqual([
      { role: null, permissions: ['open311:submit'], kind: 'town', scopeId: townId, townIds: [townId] },
    ]);
    expect(await authenticateToken(db, revokedKey, now)).toBeUndefined();
  });
});
