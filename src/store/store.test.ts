import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dialectOf } from './dialect.js';
import { currentMigration, MIGRATION_TABLE, migrateToLatest, pendingMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';
import { testDatabases, useTestStore } from './testing.js';
import { inTransaction } from './transaction.js';

const now = Date.now();
const city = (code: string) => ({
  code,
  name: '测试市',
  level: 'city' as const,
  aliases: '[]',
  created_at: now,
  updated_at: now,
});

describe.each(testDatabases)('store on %s', (dialect) => {
  const t = useTestStore(dialect);

  it('knows which database it talks to, also inside a transaction', async () => {
    expect(dialectOf(t.db)).toBe(dialect);
    await t.db.transaction().execute(async (trx) => {
      expect(dialectOf(trx)).toBe(dialect);
    });
  });

  it('records every migration and is a no-op when nothing is pending', async () => {
    const names = Object.keys(migrations);
    expect(await currentMigration(t.db)).toBe(names.at(-1));
    expect(await pendingMigrations(t.db)).toEqual([]);
    const again = await migrateToLatest(t.db);
    expect(again.applied).toEqual([]);
    const recorded = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(
      t.db,
    );
    expect(recorded.rows.map((r) => r.name)).toEqual(names);
  });

  it('commits a transaction, and rolls back all of it on error', async () => {
    await inTransaction(t.db, async (trx) => {
      await trx.insertInto('place').values(city('tx-ok')).execute();
    });
    await expect(
      inTransaction(t.db, async (trx) => {
        await trx.insertInto('place').values(city('tx-bad')).execute();
        // a nested call joins the outer transaction instead of opening a second one
        await inTransaction(trx, async (inner) => {
          await inner.insertInto('place').values(city('tx-bad-inner')).execute();
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const codes = await t.db.selectFrom('place').select('code').where('code', 'like', 'tx-%').execute();
    expect(codes.map((r) => r.code)).toEqual(['tx-ok']);
  });

  it('enforces foreign keys and check constraints', async () => {
    await expect(
      t.db
        .insertInto('place')
        .values({ ...city('fk-bad'), level: 'town', parent_id: 987_654 })
        .execute(),
    ).rejects.toThrow();
    await expect(
      t.db
        .insertInto('place')
        .values({ ...city('check-bad'), level: 'planet' as 'city' })
        .execute(),
    ).rejects.toThrow();
  });

  it('returns epoch milliseconds as numbers', async () => {
    const row = await t.db
      .selectFrom('place')
      .select('created_at')
      .where('code', '=', 'tx-ok')
      .executeTakeFirstOrThrow();
    expect(row.created_at).toBe(now);
    const count = await t.db
      .selectFrom('place')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(typeof count.n).toBe('number');
  });
});
