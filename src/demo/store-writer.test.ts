import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.js';
import { createCipher } from '../core/pii/index.js';
import { caseRow, complaintRow, createRefResolver, listComplaints } from '../records/index.js';
import { TEST_SECRET } from '../server/testing.js';
import type { Db } from '../store/database.js';
import { dialectOf } from '../store/dialect.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { createDemo, type Demo, demoRecords } from './demo.js';
import { writeDemoTown } from './store-writer.js';

const cipher = createCipher({ secret: TEST_SECRET });

async function count(db: Db, table: 'complaint' | 'enforcement_case' | 'place' | 'enterprise') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function recordIndexes(db: Db): Promise<string[]> {
  const query =
    dialectOf(db) === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index'
          and tbl_name in ('complaint', 'enforcement_case') order by name`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()
          and tablename in ('complaint', 'enforcement_case') order by name`;
  return (await query.execute(db)).rows.map((row) => row.name);
}

/** Columns that differ between two writes of the same record by design: ids, write times, fresh ciphertexts. */
const VARYING = ['id', 'created_at', 'updated_at', 'complainant_name_enc', 'complainant_phone_enc', 'complaint_id'];

function comparable(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !VARYING.includes(key)));
}

/**
 * Every stored record equals what the single-record services' row builders make of its draft, apart from ids, write
 * times and ciphertexts; the ciphertexts decrypt to the draft's name and phone, and complaint_id names its complaint.
 */
async function expectRowsOfTheRowBuilders(db: Db, demo: Demo): Promise<void> {
  const complaints = new Map(
    (await db.selectFrom('complaint').selectAll().execute()).map((row) => [row.external_no, row]),
  );
  const cases = new Map(
    (await db.selectFrom('enforcement_case').selectAll().execute()).map((row) => [row.external_no, row]),
  );
  const resolver = createRefResolver();
  for (const draft of demoRecords(demo)) {
    const refs = await resolver.resolve(db, draft);
    if (draft.kind === 'complaint') {
      const stored = complaints.get(draft.externalNo);
      expect(comparable(stored ?? {})).toEqual(comparable(complaintRow(draft, refs, cipher, 0)));
      expect(cipher.decrypt(stored?.complainant_name_enc ?? '')).toBe(draft.complainantName);
      expect(cipher.decrypt(stored?.complainant_phone_enc ?? '')).toBe(draft.complainantPhone);
    } else {
      const stored = cases.get(draft.externalNo);
      expect(comparable(stored ?? {})).toEqual(comparable(caseRow(draft, refs, null, 0)));
      const from = draft.complaintExternalNo ? complaints.get(draft.complaintExternalNo)?.id : undefined;
      expect(stored?.complaint_id ?? undefined).toBe(from);
    }
  }
  expect(complaints.size + cases.size).toBe(demo.options.records);
}

describe.each(testDatabases)('the demo town written to %s', (dialect) => {
  const demo = createDemo({ seed: 'store-writer-test', records: 3_000, enterprises: 60 });

  describe.each([
    ['on this thread', undefined],
    ['by row workers', TEST_SECRET],
  ])('with its rows built %s', (_, secret) => {
    const t = useTestStore(dialect);
    const deps = () => ({ db: t.db, cipher, secret });

    it('writes every place, enterprise and record of the model, with progress', async () => {
      const indexes = await recordIndexes(t.db);
      const progress: number[] = [];
      const result = await writeDemoTown(deps(), demo, ({ done }) => progress.push(done));
      const drafts = [...demoRecords(demo)];
      const complaints = drafts.filter((d) => d.kind === 'complaint').length;
      expect(result).toMatchObject({ complaints, cases: drafts.length - complaints, enterprises: 60 });
      expect(await count(t.db, 'complaint')).toBe(complaints);
      expect(await count(t.db, 'enforcement_case')).toBe(drafts.length - complaints);
      expect(await count(t.db, 'enterprise')).toBe(60);
      const villagesAndGroups = demo.map.villages.reduce((n, v) => n + 1 + v.groups.length, 0);
      expect(await count(t.db, 'place')).toBe(villagesAndGroups + 2);
      expect(progress).toHaveLength(demo.calendar.weeks.length);
      expect(progress.at(-1)).toBe(3_000);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      // The secondary indexes dropped for the load are all back.
      expect(await recordIndexes(t.db)).toEqual(indexes);
    });

    it('stores the rows the single-record row builders make, referred cases linked to their complaints', async () => {
      await expectRowsOfTheRowBuilders(t.db, demo);
      const page = await listComplaints(
        { db: t.db, cipher, actor: systemActor('test') },
        { town: demo.map.town.code, limit: 5 },
      );
      expect(page.items[0]?.complainant.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    });

    it('refuses to write the same town twice, leaving the data as it was', async () => {
      await expect(writeDemoTown(deps(), demo)).rejects.toMatchObject({ code: 'conflict' });
      expect(await count(t.db, 'enterprise')).toBe(60);
      expect((await count(t.db, 'complaint')) + (await count(t.db, 'enforcement_case'))).toBe(3_000);
    });
  });

  describe('with a secret that is not the cipher’s', () => {
    const t = useTestStore(dialect);

    it('refuses before writing anything', async () => {
      const secret = `${TEST_SECRET}-other`;
      await expect(writeDemoTown({ db: t.db, cipher, secret }, demo)).rejects.toThrow(/not the one the cipher/);
      expect(await count(t.db, 'place')).toBe(0);
    });
  });
});
