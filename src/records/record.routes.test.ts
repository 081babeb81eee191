import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { makeCaseInput, makeComplaintInput, seedRecordWorld, world } from './record.testing.js';

describe.each(testDatabases)('/api/complaints and /api/cases on %s', (dialect) => {
  const t = useTestApp(dialect);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });
  const post = (url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
  const issuePaths = (body: { error: { details?: { issues?: { path: string }[] } } }) =>
    body.error.details?.issues?.map((i) => i.path);

  it('records a complaint, masks its complainant and finds it by filters and by id', async () => {
    const created = await post('/api/complaints', makeComplaintInput({ externalNo: 'H-1' }));
    expect(created.statusCode).toBe(201);
    const complaint = created.json();
    expect(complaint).toMatchObject({
      externalNo: 'H-1',
      openedAt: '2025-06-02T09:30:00.000+08:00',
      openedWeek: 202523,
      complainant: { name: '张*', phone: '138****5678', masked: true },
    });
    expect(created.body).not.toContain('13812345678');
    const raw = await t.db.selectFrom('complaint').selectAll().where('id', '=', complaint.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toMatch(/1381234|张三/);

    const list = await t.app.inject({
      url: `/api/complaints?town=${world.town}&week=2025W23&category=labour&place=${world.village}&difficult=false`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: number }) => c.id)).toContain(complaint.id);
    expect(list.json().items[0].complainant.phone).toBe('138****5678');
    const none = await t.app.inject({ url: '/api/complaints?week=2025W24' });
    expect(none.json()).toEqual({ items: [], nextCursor: null });

    const one = await t.app.inject({ url: `/api/complaints/${complaint.id}` });
    expect(one.json()).toEqual(complaint);
    const missing = await t.app.inject({ url: '/api/complaints/999999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const badId = await t.app.inject({ url: '/api/complaints/abc' });
    expect(badId.statusCode).toBe(422);
  });

  it('records a case and reads it back', async () => {
    const created = await post('/api/cases', makeCaseInput({ externalNo: 'L-1', outcome: 'rectified' }));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ externalNo: 'L-1', status: 'decided', place: { code: world.otherVillage } });
    const list = await t.app.inject({ url: `/api/cases?place=${world.town}&status=decided&limit=10` });
    expect(list.json().items.map((c: { externalNo: string }) => c.externalNo)).toEqual(['L-1']);
    const one = await t.app.inject({ url: `/api/cases/${created.json().id}` });
    expect(one.json()).toEqual(created.json());
  });

  it('answers unknown codes and bad filters with 422 naming the field', async () => {
    const unknown: [string, Record<string, unknown>, string][] = [
      ['/api/complaints', { categoryCode: 'no.such' }, 'categoryCode'],
      ['/api/complaints', { placeCode: 'nowhere' }, 'placeCode'],
      ['/api/complaints', { enterpriseCreditCode: '91330782MA2EC0H68Y' }, 'enterpriseCreditCode'],
      ['/api/complaints', { openedAt: 'yesterday' }, 'openedAt'],
      ['/api/complaints', { channel: 'pigeon' }, 'channel'],
      ['/api/cases', { categoryCode: 'no.such' }, 'categoryCode'],
      ['/api/cases', { departmentCode: 'nosuch' }, 'departmentCode'],
      ['/api/cases', { penaltyFen: '100' }, 'penaltyFen'],
    ];
    for (const [url, overrides, field] of unknown) {
      const make = url === '/api/cases' ? makeCaseInput : makeComplaintInput;
      const response = await post(url, make(overrides));
      expect(response.statusCode, `${url} ${field}`).toBe(422);
      expect(response.json().error.code).toBe('invalid_input');
      expect(issuePaths(response.json())).toContain(field);
    }
    for (const query of ['week=2025W99', 'from=2025-13-01', 'category=no.such', 'place=nowhere', 'limit=9999']) {
      const response = await t.app.inject({ url: `/api/complaints?${query}` });
      expect(response.statusCode, query).toBe(422);
      expect(issuePaths(response.json())).toContain(query.split('=')[0]);
    }
  });

  it('upserts a POST by (sourceSystem, externalNo): 201 inserted, 200 unchanged, 200 updated', async () => {
    for (const [url, make, change] of [
      ['/api/complaints', makeComplaintInput, { content: '补充：已欠薪四个月。' }],
      ['/api/cases', makeCaseInput, { partyName: '王某' }],
    ] as const) {
      const body = make({ externalNo: 'DUP-1' });
      const created = await post(url, body);
      expect([created.statusCode, created.headers['shanzhi-write']], url).toEqual([201, 'inserted']);
      const again = await post(url, body);
      expect([again.statusCode, again.headers['shanzhi-write']], url).toEqual([200, 'unchanged']);
      expect(again.json()).toEqual(created.json());
      const changed = await post(url, { ...body, ...change });
      expect([changed.statusCode, changed.headers['shanzhi-write']], url).toEqual([200, 'updated']);
      expect(changed.json()).toMatchObject({ id: created.json().id, ...change });
      const kind = url === '/api/cases' ? 'case' : 'complaint';
      const history = await t.db
        .selectFrom('record_change')
        .select(['origin', 'changes'])
        .where('record_kind', '=', kind)
        .where('record_id', '=', created.json().id)
        .execute();
      expect(history.map((h) => h.origin)).toEqual(['api']);
    }
  });

  it('answers a record with its change history when asked (history=true), personal data masked', async () => {
    const body = makeComplaintInput({ externalNo: 'HIST-1', content: '噪声扰民' });
    const created = (await post('/api/complaints', body)).json();
    await post('/api/complaints', {
      ...body,
      content: '噪声扰民，回电13912345678',
      complainantName: '李四',
      departmentCode: 'labour',
      deadlineAt: '2025-06-09T09:30:00+08:00',
      status: 'dispatched',
    });
    await post('/api/complaints', {
      ...body,
      content: '已处理',
      departmentCode: 'labour',
      status: 'closed',
      closedAt: '2025-06-05T10:00:00+08:00',
      deadlineAt: '2025-06-09T09:30:00+08:00',
      complainantName: '李四',
    });
    const plain = (await t.app.inject({ url: `/api/complaints/${created.id}` })).json();
    expect(plain.history).toBeUndefined();
    const response = await t.app.inject({ url: `/api/complaints/${created.id}?history=true` });
    expect(response.statusCode).toBe(200);
    const { history } = response.json();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      origin: 'api',
      changedAtMs: expect.any(Number),
      changedAt: expect.stringMatching(/\+08:00$/),
    });
    expect(history[0].changes).toEqual({
      content: { from: '噪声扰民', to: '噪声扰民，回电139****5678' },
      complainantName: { changed: true },
      department: { changed: true },
      deadlineAt: { from: null, to: '2025-06-09T09:30:00.000+08:00' },
      status: { from: 'received', to: 'dispatched' },
    });
    expect(history[1].changes).toMatchObject({
      status: { from: 'dispatched', to: 'closed' },
      closedAt: { from: null, to: '2025-06-05T10:00:00.000+08:00' },
    });
    expect(response.body).not.toMatch(/13912345678|李四/);

    const caseBody = makeCaseInput({ externalNo: 'HIST-2' });
    const aCase = (await post('/api/cases', caseBody)).json();
    await post('/api/cases', { ...caseBody, partyName: '王某', outcome: 'penalty', penaltyFen: 50_000 });
    const caseHistory = (await t.app.inject({ url: `/api/cases/${aCase.id}?history=1` })).json().history;
    expect(caseHistory).toHaveLength(1);
    expect(caseHistory[0].changes).toMatchObject({
      partyName: { changed: true },
      outcome: { from: null, to: 'penalty' },
      penaltyFen: { from: null, to: 50_000 },
    });
    expect((await t.app.inject({ url: `/api/cases/${aCase.id}?history=maybe` })).statusCode).toBe(422);
  });

  it('searches free text and counts the total over HTTP', async () => {
    await post('/api/cases', makeCaseInput({ externalNo: 'TXT-1', title: '违规搭建彩钢棚' }));
    const response = await t.app.inject({ url: `/api/cases?q=${encodeURIComponent('彩钢')}&total=true&limit=5` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 1, items: [{ externalNo: 'TXT-1' }], nextCursor: null });
    const long = await t.app.inject({ url: `/api/complaints?q=${'x'.repeat(101)}` });
    expect(long.statusCode).toBe(422);
    expect(issuePaths(long.json())).toContain('q');
  });

  // Random bodies, and valid bodies with one or more fields replaced by random JSON: never a 5xx, always the error shape.
  const fields = Object.keys({ ...makeComplaintInput(), ...makeCaseInput() }).concat(['closedAt', 'complaintId']);
  // Text PostgreSQL or UTF-8 cannot store (NUL, unpaired surrogates) mixed with ordinary characters.
  const awkward = fc.string({ unit: fc.constantFrom('\u0000', '\uD800', '\uDC00', 'a', '张', '-', '9', ' ') });
  const mutated = (base: () => Record<string, unknown>) =>
    fc.oneof(
      fc.jsonValue(),
      fc
        .dictionary(fc.constantFrom(...fields), fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), awkward), {
          minKeys: 1,
          maxKeys: 3,
        })
        .map((changes) => ({ ...base(), ...changes })),
    );
  for (const [url, base] of [
    ['/api/complaints', makeComplaintInput],
    ['/api/cases', makeCaseInput],
  ] as const) {
    it(`never answers a random body to POST ${url} with a 5xx (fuzz)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          mutated(() => ({ ...base() })),
          async (payload) => {
            const response = await post(url, payload);
            expect(response.statusCode).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(response.json().error).toEqual(
                expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
              );
            } else {
              // 201 for a new (sourceSystem, externalNo); a random externalNo may repeat one sent before: 200
              expect(response.statusCode).toBe(response.headers['shanzhi-write'] === 'inserted' ? 201 : 200);
            }
          },
        ),
        { numRuns: 80 },
      );
    });
  }

  it('never answers random list parameters with a 5xx (fuzz)', async () => {
    const keys = ['town', 'week', 'from', 'to', 'category', 'place', 'department', 'difficult', 'limit', 'offset'];
    for (const url of ['/api/cases', '/api/complaints']) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(...keys, 'cursor', 'order', 'status', 'q', 'total'),
            fc.oneof(fc.string(), awkward, fc.string({ unit: fc.constantFrom('%', '_', '\\', "'", '噪', '1') })),
          ),
          async (q) => {
            const response = await t.app.inject({ url, query: q });
            expect(response.statusCode).toBeLessThan(500);
            if (response.statusCode === 200 && q.total === 'true') {
              expect(response.json().total).toBeGreaterThanOrEqual(response.json().items.length);
            }
          },
        ),
        { numRuns: 60 },
      );
    }
  });

  it('never answers random parameters of a record GET with a 5xx (fuzz)', async () => {
    const id = (await post('/api/complaints', makeComplaintInput())).json().id;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('complaints', 'cases'),
        fc.dictionary(
          fc.constantFrom('history', 'reveal', 'reason'),
          fc.oneof(fc.string(), awkward, fc.constantFrom('true', 'false', '1')),
        ),
        async (kind, q) => {
          const response = await t.app.inject({ url: `/api/${kind}/${id}`, query: q });
          expect([200, 403, 404, 422]).toContain(response.statusCode);
        },
      ),
      { numRuns: 60 },
    );
  });
});
