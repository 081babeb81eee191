import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isWellFormedText } from '../core/pii/index.js';
import { type BulkTarget, bulkInsert, withIndexesDeferred } from './bulk.js';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';
import { testDatabases, useTestStore } from './testing.js';
import { inTransaction } from './transaction.js';

const CITIES: BulkTarget<'place'> = {
  table: 'place',
  columns: ['code', 'name', 'level', 'aliases', 'created_at', 'updated_at'],
  uniqueKey: ['code'],
};

/** Text both databases store unchanged: PostgreSQL refuses NUL, UTF-8 cannot carry a lone surrogate. */
const storable = (text: string) => !text.includes('\u0000') && isWellFormedText(text);
let run = 0;

const city = (code: string, name = `${code} 市`) => [code, name, 'city', '[]', 1, 2];

async function storedPlaces(db: Db, prefix: string) {
  return db
    .selectFrom('place')
    .select(['id', 'code', 'name', 'level', 'aliases', 'created_at', 'updated_at'])
    .where('code', 'like', `${prefix}%`)
    .orderBy('code')
    .execute();
}

/** The names of a table's non-unique (or, with `unique`, unique) indexes, as the database lists them. */
async function indexNames(db: Db, table: string, unique = false): Promise<string[]> {
  const query =
    dialectOf(db) === 'sqlite'
      ? sql<{ name: string }>`select name from pragma_index_list(${table}) where "unique" = ${unique ? 1 : 0}
          order by name`
      : sql<{ name: string }>`select i.indexname as name from pg_indexes i
          join pg_namespace n on n.nspname = i.schemaname
          join pg_class c on c.relname = i.indexname and c.relnamespace = n.oid
          join pg_index x on x.indexrelid = c.oid
          where i.schemaname = current_schema() and i.tablename = ${table} and x.indisunique = ${unique}
          order by name`;
  return (await query.execute(db)).rows.map((row) => row.name);
}

describe.each(testDatabases)('bulk loading on %s', (dialect) => {
  const t = useTestStore(dialect);

  it('inserts positional rows, returning their ids, and skips rows whose unique key is stored', async () => {
    const first = await inTransaction(t.db, (trx) => bulkInsert(trx, CITIES, [city('b-1'), city('b-2')]));
    const second = await inTransaction(t.db, (trx) =>
      bulkInsert(trx, CITIES, [city('b-3'), city('b-1', 'changed'), city('b-4')]),
    );
    const stored = await storedPlaces(t.db, 'b-');
    expect(stored.map((row) => row.code)).toEqual(['b-1', 'b-2', 'b-3', 'b-4']);
    expect(stored[0]).toMatchObject({ name: 'b-1 市', level: 'city', aliases: '[]', created_at: 1, updated_at: 2 });
    const ids = new Map(stored.map((row) => [row.code, row.id]));
    expect(first).toEqual([ids.get('b-1'), ids.get('b-2')]);
    expect(second).toEqual([ids.get('b-3'), null, ids.get('b-4')]);
  });

  it('stores any text as given: quotes, braces, backslashes, the word NULL, the empty string', async () => {
    const names = ['', 'NULL', 'null', '"quoted"', "it's", 'a\\b', '{x,y}', 'a,b', ' spaced ', '张三\n李四', '😀'];
    await inTransaction(t.db, (trx) =>
      bulkInsert(
        trx,
        CITIES,
        names.map((name, i) => city(`q-${String(i).padStart(2, '0')}`, name)),
      ),
    );
    expect((await storedPlaces(t.db, 'q-')).map((row) => row.name)).toEqual(names);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary' }).filter(storable), { maxLength: 20 }), async (texts) => {
        const prefix = `p-${run++}-`;
        const rows = texts.map((text, i) => city(`${prefix}${String(i).padStart(2, '0')}`, text));
        await inTransaction(t.db, (trx) => bulkInsert(trx, CITIES, rows));
        expect((await storedPlaces(t.db, prefix)).map((row) => row.name)).toEqual(texts);
      }),
      { numRuns: 30 },
    );
  });

  it('writes more rows than one statement holds, each id in its row’s place', async () => {
    const rows = Array.from({ length: 10_050 }, (_, i) => city(`m-${String(i).padStart(5, '0')}`));
    const ids = await inTransaction(t.db, (trx) => bulkInsert(trx, CITIES, rows));
    const stored = await storedPlaces(t.db, 'm-');
    expect(stored).toHaveLength(rows.length);
    expect(ids).toEqual(stored.map((row) => row.id));
  });

  it('runs inside the caller’s transaction: a rollback takes its rows back', async () => {
    await expect(
      inTransaction(t.db, async (trx) => {
        await bulkInsert(trx, CITIES, [city('r-1'), city('r-2')]);
        expect(await storedPlaces(trx, 'r-')).toHaveLength(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await storedPlaces(t.db, 'r-')).toEqual([]);
  });

  it('refuses to run outside a transaction', async () => {
    await expect(bulkInsert(t.db, CITIES, [city('o-1')])).rejects.toThrow(/inside a transaction/);
    expect(await storedPlaces(t.db, 'o-')).toEqual([]);
  });

  it('defers the secondary indexes of empty tables during a load, keeping unique keys, and builds them again', async () => {
    const before = await indexNames(t.db, 'complaint');
    const unique = await indexNames(t.db, 'complaint', true);
    expect(before).toContain('complaint_town_week_idx');
    expect(unique).toHaveLength(dialect === 'sqlite' ? 1 : 2);
    const during = await withIndexesDeferred(t.db, ['complaint', 'enforcement_case'], async () => ({
      complaint: await indexNames(t.db, 'complaint'),
      cases: await indexNames(t.db, 'enforcement_case'),
      unique: await indexNames(t.db, 'complaint', true),
    }));
    expect(during).toEqual({ complaint: [], cases: [], unique });
    expect(await indexNames(t.db, 'complaint')).toEqual(before);
  });

  it('builds the indexes again when the load fails', async () => {
    const before = await indexNames(t.db, 'enforcement_case');
    await expect(
      withIndexesDeferred(t.db, ['enforcement_case'], async () => {
        expect(await indexNames(t.db, 'enforcement_case')).toEqual([]);
        throw new Error('load failed');
      }),
    ).rejects.toThrow('load failed');
    expect(await indexNames(t.db, 'enforcement_case')).toEqual(before);
  });

  it('leaves the indexes in place when a table holds rows, and refuses to run inside a transaction', async () => {
    const before = await indexNames(t.db, 'place');
    expect(before.length).toBeGreaterThan(0);
    const during = await withIndexesDeferred(t.db, ['complaint', 'place'], () => indexNames(t.db, 'place'));
    expect(during).toEqual(before);
    await expect(inTransaction(t.db, (trx) => withIndexesDeferred(trx, ['complaint'], async () => 1))).rejects.toThrow(
      /outside a transaction/,
    );
  });
});
