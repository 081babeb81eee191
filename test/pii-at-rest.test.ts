import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/audit/index.js';
import { systemActor } from '../src/auth/index.js';
import { createCipher } from '../src/core/pii/index.js';
import { type ComplaintDraft, createDemo, demoRecords } from '../src/demo/index.js';
import { writeDemoTown } from '../src/demo/store-writer.js';
import { TEST_SECRET } from '../src/server/testing.js';
import type { Store } from '../src/store/open.js';
import { openTestStore, TEST_PG_URL, testDatabases } from '../src/store/testing.js';

/*
 * The issue's target: a demo town written to SQLite and to PostgreSQL, then the SQLite file (with its WAL) and a
 * pg_dump of the PostgreSQL schema searched byte for byte for complainants' phone numbers and names. None may be
 * found. As a control, values stored in clear in the same encoding (a village name, a record number) must be found,
 * or the search itself would be broken and the test could never fail.
 */

const run = promisify(execFile);
const cipher = createCipher({ secret: TEST_SECRET });
const demo = createDemo({ seed: 'pii-at-rest', records: 600, enterprises: 30 });
const drafts = [...demoRecords(demo)];
const complaints = drafts.filter((d): d is ComplaintDraft => d.kind === 'complaint');

/** Everything the demo stores in clear as text: a complainant name found inside it would not be a leak. */
const clearText = [
  ...drafts.flatMap((d) => [d.title, d.content, d.address, d.kind === 'case' ? d.partyName : '']),
  ...demo.enterprises.flatMap((e) => [e.name, e.address]),
  ...demo.map.villages.flatMap((v) => [v.name, ...v.groups.map((g) => g.name)]),
].join('\n');

const phones = [...new Set(complaints.map((c) => c.complainantPhone))];
// Demo names come from a small pool, and individual case parties (stored in clear, as ledgers write them) draw from
// it too: search for the complainant names that appear nowhere else.
const names = [...new Set(complaints.map((c) => c.complainantName))].filter((name) => !clearText.includes(name));

/** The stored bytes of the database: the SQLite file and its WAL, or the plain-text pg_dump of the test schema. */
async function storedBytes(store: Store): Promise<Buffer> {
  if (store.dialect === 'sqlite') {
    const file = store.location.slice('sqlite:'.length);
    const parts = [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path));
    return Buffer.concat(parts);
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  const url = new URL(TEST_PG_URL);
  const { stdout } = await run(
    'pg_dump',
    [
      '--schema',
      rows[0]?.schema ?? '',
      '--no-owner',
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      url.username || 'postgres',
      url.pathname.slice(1),
    ],
    { maxBuffer: 512 * 1024 * 1024, encoding: 'buffer' },
  );
  return stdout;
}

const found = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'utf8'));

describe.each(testDatabases)('personal data at rest on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void> = async () => {};
  let bytes: Buffer;

  beforeAll(async () => {
    ({ store, cleanup } = await openTestStore(dialect));
    await writeDemoTown({ db: store.db, cipher }, demo);
    bytes = await storedBytes(store);
  }, 180_000);
  afterAll(() => cleanup());

  it('holds the demo complainants, encrypted', async () => {
    expect(phones.length).toBeGreaterThan(50);
    expect(names.length).toBeGreaterThan(10);
    const row = await store.db
      .selectFrom('complaint')
      .select(['external_no', 'complainant_phone_enc', 'complainant_name_enc'])
      .where('complainant_phone_enc', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const draft = complaints.find((c) => c.externalNo === row.external_no);
    expect(cipher.decrypt(row.complainant_phone_enc ?? '')).toBe(draft?.complainantPhone);
    expect(cipher.decrypt(row.complainant_name_enc ?? '')).toBe(draft?.complainantName);
  });

  it('finds values stored in clear, encoded the same way (the search works)', async () => {
    expect(bytes.length).toBeGreaterThan(100_000);
    const village = demo.map.villages[0]?.name ?? '';
    expect(found(bytes, village)).toBe(true);
    expect(found(bytes, complaints[0]?.externalNo ?? '')).toBe(true);
    expect(found(bytes, demo.enterprises[0]?.creditCode ?? '')).toBe(true);
    // A phone number and a name written in clear on purpose (into an audit entry's reason) are found as well.
    const leak = { phone: '19900009999', name: '欧阳某某' };
    expect(phones).not.toContain(leak.phone);
    expect(found(bytes, leak.phone) || found(bytes, leak.name)).toBe(false);
    await appendAudit(store.db, systemActor('test'), {
      action: 'test.leak',
      entity: 'test',
      reason: `${leak.name} ${leak.phone}`,
    });
    const after = await storedBytes(store);
    expect(found(after, leak.phone) && found(after, leak.name)).toBe(true);
  });

  it("finds no complainant's phone number or name in clear", () => {
    expect(phones.filter((phone) => found(bytes, phone))).toEqual([]);
    expect(names.filter((name) => found(bytes, name))).toEqual([]);
  });
});
