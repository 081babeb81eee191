import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import type { AuditEntryView } from './audit.schema.js';

const CITY = '330782';
const TOWN_A = '330782100';
const TOWN_B = '330782101';

describe.each(testDatabases)('/api/audit on %s', (dialect) => {
  const t = useTestApp(dialect);
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/places', payload });
    expect((await post({ code: CITY, name: '义乌市', level: 'city' })).statusCode).toBe(201);
    await post({ code: TOWN_A, name: '苏溪镇', level: 'town', parentCode: CITY });
    await post({ code: TOWN_B, name: '大陈镇', level: 'town', parentCode: CITY });
    headers.auditorA = await t.signIn('auditor-a', [{ role: 'auditor', kind: 'town', code: TOWN_A }]);
    headers.auditorAll = await t.signIn('auditor-all', [{ role: 'auditor', kind: 'all' }]);
    headers.leader = await t.signIn('leader-a', [{ role: 'leader', kind: 'town', code: TOWN_A }]);
    headers.adminA = await t.signIn('admin-a', [{ role: 'admin', kind: 'town', code: TOWN_A }]);
    const village = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      headers: headers.adminA,
      payload: { code: `${TOWN_A}201`, name: '苏华村', level: 'village', parentCode: TOWN_A },
    });
    expect(village.statusCode).toBe(201);
  });

  const list = async (query: string, as?: Record<string, string>) => {
    const response = await t.app.inject({ url: `/api/audit${query}`, headers: as });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: AuditEntryView[]; nextCursor: string | null };
  };

  it('records who wrote, from where, and shows it to an auditor of scope all', async () => {
    const page = await list('?entity=place', headers.auditorAll);
    expect(page.items.map((i) => i.entityId)).toEqual([`${TOWN_A}201`, TOWN_B, TOWN_A, CITY]);
    expect(page.items[0]).toMatchObject({
      action: 'place.create',
      actor: { kind: 'user', name: 'admin-a' },
      ip: '127.0.0.1',
      townCode: TOWN_A,
      after: { name: '苏华村' },
    });
    expect(page.items[3]?.actor.name).toBe('test-admin');
    // Entries of no town (the users the harness made) are there for the scope all.
    expect((await list('?entity=user', headers.auditorAll)).items.length).toBeGreaterThan(0);
  });

  it("shows a town's auditor only that town, and refuses those without audit:read", async () => {
    const page = await list('?limit=500', headers.auditorA);
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((i) => i.townCode))).toEqual(new Set([TOWN_A]));
    const leader = await t.app.inject({ url: '/api/audit', headers: headers.leader });
    expect(leader.statusCode).toBe(403);
    expect(leader.json().error).toMatchObject({ code: 'forbidden' });
    expect((await t.app.inject({ url: '/api/audit/verify', headers: headers.leader })).statusCode).toBe(403);
    expect((await t.anonymous.inject({ url: '/api/audit' })).statusCode).toBe(401);
  });

  it('pages with nextCursor and names the field of a bad query', async () => {
    const first = await list('?limit=2', headers.auditorAll);
    expect(first.items).toHaveLength(2);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`, headers.auditorAll);
    expect((second.items[0]?.seq ?? 0) < (first.items[1]?.seq ?? 0)).toBe(true);
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?from=2026-13-01', 'from'],
      ['?cursor=zzz', 'cursor'],
      ['?town=nowhere', 'town'],
      ['?action=a%20b', 'action'],
    ] as const) {
      const response = await t.app.inject({ url: `/api/audit${query}` });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
  });

  it('verifies the chain and reports its head', async () => {
    const response = await t.app.inject({ url: '/api/audit/verify', headers: headers.auditorA });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      ok: true,
      head: { seq: body.entries, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('never answers a random query with a 5xx, and the chain stays intact (fuzz)', async () => {
    const keys = ['actor', 'action', 'entity', 'entityId', 'from', 'to', 'town', 'limit', 'cursor', 'other'];
    const value = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('2026-03-01', '2026-03-01T08:00:00+08:00', 'complaint.*', '0', '-1', '1e3', TOWN_A, '%00'),
      fc.integer().map(String),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 5 }), async (query) => {
        const response = await t.app.inject({ url: `/api/audit?${new URLSearchParams(query)}` });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error.message).toEqual(expect.any(String));
        }
      }),
      { numRuns: 80 },
    );
    expect((await t.app.inject({ url: '/api/audit/verify' })).json()).toMatchObject({ ok: true });
  });
});
