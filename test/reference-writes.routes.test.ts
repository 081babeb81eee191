import { beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../src/enterprises/index.js';
import { useTestApp } from '../src/server/testing.js';
import { testDatabases } from '../src/store/testing.js';

/*
 * Reference-data routes pass the signed-in actor to their services: writes outside the actor's town answer 403 and
 * leave nothing behind; writes inside are audited under the user's name; reads stay open to any reader.
 */

const CITY = '330782';
const TOWN_A = '330782100';
const TOWN_B = '330782101';

describe.each(testDatabases)('reference-data routes with a town administrator on %s', (dialect) => {
  const t = useTestApp(dialect);
  let adminA: Record<string, string> = {};
  const enterpriseB = makeCreditCode('91330782MA2EC0H83');

  beforeAll(async () => {
    const post = async (url: string, payload?: object) => {
      const response = await t.app.inject({ method: 'POST', url, payload: payload ?? {} });
      expect(response.statusCode, response.body).toBeLessThan(300);
    };
    await post('/api/places', { code: CITY, name: '义乌市', level: 'city' });
    await post('/api/places', { code: TOWN_A, name: '苏溪镇', level: 'town', parentCode: CITY });
    await post('/api/places', { code: TOWN_B, name: '大陈镇', level: 'town', parentCode: CITY });
    await post('/api/places', { code: `${TOWN_B}201`, name: '大陈村', level: 'village', parentCode: TOWN_B });
    await post(`/api/towns/${TOWN_B}/departments/seed-defaults`);
    await post('/api/enterprises', { creditCode: enterpriseB, name: '大陈商行', townCode: TOWN_B });
    adminA = await t.signIn('admin-a', [{ role: 'admin', kind: 'town', code: TOWN_A }]);
  });

  const send = (method: 'POST' | 'PATCH', url: string, payload: object = {}) =>
    t.app.inject({ method, url, payload, headers: adminA });
  const auditedBy = async (name: string) =>
    (await t.db.selectFrom('audit_log').select('action').where('actor_name', '=', name).orderBy('seq').execute()).map(
      (r) => r.action,
    );

  it('refuses writes to another town, the taxonomy and new towns with 403, storing and auditing nothing', async () => {
    const attempts = [
      send('POST', '/api/places', { code: `${TOWN_B}202`, name: '越界村', level: 'village', parentCode: TOWN_B }),
      send('PATCH', `/api/places/${TOWN_B}201`, { name: '改名村' }),
      send('POST', '/api/places', { code: '330782102', name: '新镇', level: 'town', parentCode: CITY }),
      send('POST', '/api/categories', { code: 'tourism', name: '文旅市场', nameEn: 'Tourism' }),
      send('PATCH', '/api/categories/unclassified', { name: '其他' }),
      send('POST', `/api/towns/${TOWN_B}/departments`, { code: 'squad-1', name: '越界组', kind: 'squad' }),
      send('POST', `/api/towns/${TOWN_B}/departments/seed-defaults`),
      send('PATCH', `/api/towns/${TOWN_B}/departments/market`, { name: '越界' }),
      send('POST', '/api/enterprises', {
        creditCode: makeCreditCode('91330782MA2EC0H94'),
        name: 'x',
        townCode: TOWN_B,
      }),
      send('PATCH', `/api/enterprises/${enterpriseB}`, { name: '越界' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    expect(await auditedBy('admin-a')).toEqual([]);
    expect((await t.app.inject({ url: `/api/places/${TOWN_B}202` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/places/${TOWN_B}201` })).json().name).toBe('大陈村');
    expect((await t.app.inject({ url: '/api/categories/tourism' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/enterprises/${enterpriseB}` })).json().name).toBe('大陈商行');
  });

  it("audits writes in the administrator's own town under their name, and leaves reads open", async () => {
    expect(
      (
        await send('POST', '/api/places', {
          code: `${TOWN_A}201`,
          name: '苏华村',
          level: 'village',
          parentCode: TOWN_A,
        })
      ).statusCode,
    ).toBe(201);
    expect((await send('POST', `/api/towns/${TOWN_A}/departments/seed-defaults`)).statusCode).toBe(200);
    expect((await send('PATCH', `/api/towns/${TOWN_A}/departments/market`, { active: false })).statusCode).toBe(200);
    const enterprise = makeCreditCode('91330782MA2EC0H05');
    expect(
      (await send('POST', '/api/enterprises', { creditCode: enterprise, name: '苏华服饰', townCode: TOWN_A }))
        .statusCode,
    ).toBe(201);
    expect((await send('PATCH', `/api/enterprises/${enterprise}`, { industry: 'textiles' })).statusCode).toBe(200);
    const actions = await auditedBy('admin-a');
    expect(actions[0]).toBe('place.create');
    expect(actions.filter((a) => a === 'department.create').length).toBeGreaterThan(5);
    expect(actions.slice(-3)).toEqual(['department.update', 'enterprise.create', 'enterprise.update']);
    const update = await t.db
      .selectFrom('audit_log')
      .select(['before', 'after', 'ip', 'entity_id'])
      .where('action', '=', 'enterprise.update')
      .executeTakeFirstOrThrow();
    expect(update).toMatchObject({ entity_id: enterprise, ip: '127.0.0.1' });
    expect(JSON.parse(update.before ?? '')).toEqual({ industry: 'other' });
    expect(JSON.parse(update.after ?? '')).toEqual({ industry: 'textiles' });
    // Reading reference data is not scoped: the other town's places and departments are visible to a reader.
    expect((await t.app.inject({ url: `/api/places/${TOWN_B}201`, headers: adminA })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/towns/${TOWN_B}/departments`, headers: adminA })).statusCode).toBe(200);
  });
});
