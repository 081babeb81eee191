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
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...keys, 'cursor', 'order', 'status'), fc.oneof(fc.string(), awkward)),
        async (q) => {
          const response = await t.app.inject({ url: '/api/cases', query: q });
          expect(response.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
