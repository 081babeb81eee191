import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCaseInput, makeComplaintInput, seedRecordWorld } from '../records/record.testing.js';
import { testDatabases } from '../store/testing.js';
import { canonicalJson, IDEMPOTENCY_TTL_MS, sweepIdempotencyKeys } from './idempotency.js';
import { useTestApp } from './testing.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: null }], a: '张' })).toBe('{"a":"张","b":[2,{"c":null,"d":1}]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('reads back as the same value, whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const reversed = JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
          v !== null && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v as object).reverse())
            : v,
        );
        expect(canonicalJson(reversed)).toBe(text);
      }),
    );
  });
});

describe.each(testDatabases)('Idempotency-Key on %s', (dialect) => {
  const t = useTestApp(dialect);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });
  const post = (url: string, payload: unknown, key?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
    });
  const countKeyed = async (externalNo: string) =>
    (await t.db.selectFrom('complaint').select('id').where('external_no', '=', externalNo).execute()).length;
  const issuePaths = (body: { error: { details?: { issues?: { path: string }[] } } }) =>
    body.error.details?.issues?.map((i) => i.path);

  it('answers a repeat with the stored answer, without running it again', async () => {
    const body = makeComplaintInput({ externalNo: 'IK-1' });
    const first = await post('/api/complaints', body, 'key-1');
    expect([first.statusCode, first.headers['shanzhi-write'], first.headers['idempotent-replayed']]).toEqual([
      201,
      'inserted',
      undefined,
    ]);
    // The record changes meanwhile (no key): a replay still answers what the keyed request got.
    const edited = await post('/api/complaints', { ...body, content: '改过的内容' });
    expect(edited.headers['shanzhi-write']).toBe('updated');

    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await post('/api/complaints', reordered, 'key-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['shanzhi-write']).toBe('inserted');
    expect(replay.json()).toEqual(first.json());
    expect(await countKeyed('IK-1')).toBe(1);
    const history = await t.db
      .selectFrom('record_change')
      .select('changes')
      .where('record_kind', '=', 'complaint')
      .where('record_id', '=', first.json().id)
      .execute();
    expect(history).toHaveLength(1);
  });

  it('refuses the same key with another body, and keeps keys of different endpoints apart', async () => {
    const body = makeComplaintInput({ externalNo: 'IK-2' });
    expect((await post('/api/complaints', body, 'key-2')).statusCode).toBe(201);
    const other = await post('/api/complaints', { ...body, content: '另一个请求' }, 'key-2');
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('reused with a different body'),
    });
    expect(issuePaths(other.json())).toEqual(['Idempotency-Key']);
    const stored = await t.db
      .selectFrom('complaint')
      .select('content')
      .where('external_no', '=', 'IK-2')
      .executeTakeFirstOrThrow();
    expect(stored.content).toBe(body.content);
    const aCase = await post('/api/cases', makeCaseInput({ externalNo: 'IK-2' }), 'key-2');
    expect([aCase.statusCode, aCase.headers['idempotent-replayed']]).toEqual([201, undefined]);
  });

  it('stores no error, so a failed request may be sent again under its key', async () => {
    const bad = makeComplaintInput({ externalNo: 'IK-3', categoryCode: 'no.such' });
    expect((await post('/api/complaints', bad, 'key-3')).statusCode).toBe(422);
    const badAgain = await post('/api/complaints', bad, 'key-3');
    expect([badAgain.statusCode, badAgain.headers['idempotent-replayed']]).toEqual([422, undefined]);
    const fixed = await post('/api/complaints', { ...bad, categoryCode: 'labour' }, 'key-3');
    expect([fixed.statusCode, fixed.headers['idempotent-replayed']]).toEqual([201, undefined]);
    const rows = await t.db.selectFrom('idempotency_key').selectAll().where('key', '=', 'key-3').execute();
    expect(rows).toMatchObject([{ scope: 'POST /api/complaints', status_code: 201 }]);
  });

  it('forgets a key after 24 hours, and the sweep drops expired keys', async () => {
    const body = makeComplaintInput({ externalNo: 'IK-4' });
    expect((await post('/api/complaints', body, 'key-4')).statusCode).toBe(201);
    await t.db
      .updateTable('idempotency_key')
      .set({ created_at: Date.now() - IDEMPOTENCY_TTL_MS - 1 })
      .where('key', '=', 'key-4')
      .execute();
    const later = await post('/api/complaints', body, 'key-4');
    expect([later.statusCode, later.headers['shanzhi-write'], later.headers['idempotent-replayed']]).toEqual([
      200,
      'unchanged',
      undefined,
    ]);
    const renewed = await t.db
      .selectFrom('idempotency_key')
      .select('created_at')
      .where('key', '=', 'key-4')
      .executeTakeFirstOrThrow();
    expect(Number(renewed.created_at)).toBeGreaterThan(Date.now() - 60_000);

    const old = { scope: 'POST /api/cases', request_hash: 'x', status_code: 200, response: '{}' };
    const now = Date.now();
    await t.db
      .insertInto('idempotency_key')
      .values([
        { ...old, key: 'old-1', created_at: now - IDEMPOTENCY_TTL_MS - 5 },
        { ...old, key: 'young-1', created_at: now - IDEMPOTENCY_TTL_MS + 60_000 },
      ])
      .execute();
    expect(await sweepIdempotencyKeys(t.db, now)).toBe(1);
    const left = await t.db
      .selectFrom('idempotency_key')
      .select('key')
      .where('key', 'in', ['old-1', 'young-1'])
      .execute();
    expect(left.map((r) => r.key)).toEqual(['young-1']);
  });

  it('checks the header: 1–255 printable ASCII characters, else 422 naming it', async () => {
    const body = makeComplaintInput({ externalNo: 'IK-5' });
    for (const key of ['', '   ', 'x'.repeat(256), 'tab\there', 'del\u007f', 'é']) {
      const response = await post('/api/complaints', body, key);
      expect(response.statusCode, JSON.stringify(key)).toBe(422);
      expect(issuePaths(response.json())).toEqual(['Idempotency-Key']);
    }
    expect(await countKeyed('IK-5')).toBe(0);
    const longest = await post('/api/complaints', body, `${'k'.repeat(254)}~`);
    expect(longest.statusCode).toBe(201);
    const spaced = await post('/api/cases/batch', { items: [makeCaseInput()] }, 'a key with spaces');
    expect(spaced.statusCode).toBe(200);
  });

  it('never answers a random key with a 5xx: a valid key runs or replays, any other is 422 naming it (fuzz)', async () => {
    const body = { items: [makeCaseInput({ externalNo: 'IK-fuzz' })] };
    const unit = fc.oneof(
      fc.constantFrom(' ', '\t', '\u007f', 'é', '键', '~'),
      fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 300 }), async (key) => {
        const response = await post('/api/cases/batch', body, key);
        const valid = key.length <= 255 && /^[ -~]*[!-~][ -~]*$/.test(key);
        expect(response.statusCode, JSON.stringify(key)).toBe(valid ? 200 : 422);
        if (!valid) {
          expect(issuePaths(response.json())).toEqual(['Idempotency-Key']);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('replays a batch answer, and refuses the key for another batch', async () => {
    const items = [makeComplaintInput({ externalNo: 'IK-6a' }), makeComplaintInput({ externalNo: 'IK-6b' })];
    const first = await post('/api/complaints/batch', { items }, 'batch-1');
    expect(first.json().counts).toMatchObject({ inserted: 2 });
    const replay = await post('/api/complaints/batch', { items }, 'batch-1');
    expect([replay.statusCode, replay.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(replay.json()).toEqual(first.json());
    const other = await post('/api/complaints/batch', { items: items.slice(1) }, 'batch-1');
    expect(issuePaths(other.json())).toEqual(['Idempotency-Key']);
  });

  it('runs concurrent first requests with one key once: the others wait and replay', async () => {
    for (const url of ['/api/complaints', '/api/cases'] as const) {
      const body = url === '/api/cases' ? makeCaseInput() : makeComplaintInput();
      const responses = await Promise.all(Array.from({ length: 6 }, () => post(url, body, `race-${url}`)));
      const answers = responses.map((r) => [r.statusCode, r.headers['idempotent-replayed'] ?? 'ran']);
      expect(
        answers.filter(([, replayed]) => replayed === 'ran'),
        url,
      ).toEqual([[201, 'ran']]);
      expect(
        answers.filter(([, replayed]) => replayed === 'true'),
        url,
      ).toHaveLength(5);
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    }
  });
});
