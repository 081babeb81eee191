import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';
import { makeCreditCode } from './credit-code.js';

describe.each(testDatabases)('/api/enterprises on %s', (dialect) => {
  const t = useTestApp(dialect);

  async function post(url: string, payload: unknown) {
    return t.app.inject({ method: 'POST', url, payload: payload as object });
  }

  it('registers, finds, searches and edits enterprises over HTTP', async () => {
    await post('/api/places', { code: '330782', name: '义乌市', level: 'city' });
    await post('/api/places', { code: '330782100', name: '苏溪镇', level: 'town', parentCode: '330782' });
    await post('/api/places', { code: '330782100201', name: '苏华村', level: 'village', parentCode: '330782100' });

    const created = await post('/api/enterprises', {
      creditCode: '91330782ma2ec0h67x',
      name: '义乌市苏华小商品有限公司',
      townCode: '330782100',
      villageCode: '330782100201',
      industry: 'small_commodities',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      creditCode: '91330782MA2EC0H67X',
      name: '义乌市苏华小商品有限公司',
      townCode: '330782100',
      villageCode: '330782100201',
      industry: 'small_commodities',
      address: null,
    });

    const one = await t.app.inject({ url: '/api/enterprises/91330782ma2ec0h67x' });
    expect(one.statusCode).toBe(200);
    expect(one.json().creditCode).toBe('91330782MA2EC0H67X');

    const found = await t.app.inject({ url: `/api/enterprises?town=330782100&q=${encodeURIComponent('小商品')}` });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({
      total: 1,
      page: 1,
      pageSize: 20,
      items: [{ name: '义乌市苏华小商品有限公司' }],
    });
    const none = await t.app.inject({ url: '/api/enterprises?town=330782100&q=zzz&page=2&pageSize=5' });
    expect(none.json()).toEqual({ items: [], total: 0, page: 2, pageSize: 5 });

    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/enterprises/91330782MA2EC0H67X',
      payload: { address: '苏溪镇苏华街 1 号', industry: 'ecommerce' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      address: '苏溪镇苏华街 1 号',
      industry: 'ecommerce',
      villageCode: '330782100201',
    });
  });

  it('answers a bad credit code with 422 naming creditCode, an unknown one with 404', async () => {
    const bad = await post('/api/enterprises', { creditCode: '91330782MA2EC0H671', name: 'x', townCode: '330782100' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      error: {
        code: 'invalid_input',
        details: { issues: [{ path: 'creditCode', message: 'wrong check character: expected X, got 1' }] },
      },
    });
    const badInPath = await t.app.inject({ url: '/api/enterprises/9133O782MA2EC0H67X' });
    expect(badInPath.statusCode).toBe(422);
    expect(badInPath.json().error.details.issues[0]).toMatchObject({
      path: 'creditCode',
      message: expect.stringMatching(/^position 5/),
    });
    const unknown = await t.app.inject({ url: `/api/enterprises/${makeCreditCode('91330782MA0000001')}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    const unknownPatch = await t.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${makeCreditCode('91330782MA0000001')}`,
      payload: { name: 'x' },
    });
    expect(unknownPatch.statusCode).toBe(404);

    const duplicate = await post('/api/enterprises', {
      creditCode: '91330782MA2EC0H67X',
      name: 'x',
      townCode: '330782100',
    });
    expect(duplicate.statusCode).toBe(409);
    const badVillage = await post('/api/enterprises', {
      creditCode: makeCreditCode('91330782MA0000002'),
      name: 'x',
      townCode: '330782100',
      villageCode: '330782',
    });
    expect(badVillage.statusCode).toBe(422);
    expect(badVillage.json().error.details.issues[0].path).toBe('villageCode');
    const badPage = await t.app.inject({ url: '/api/enterprises?page=first' });
    expect(badPage.statusCode).toBe(422);
    expect(badPage.json().error.details.issues[0].path).toBe('page');
    const badTown = await t.app.inject({ url: '/api/enterprises?town=nowhere' });
    expect(badTown.json().error.details.issues[0].path).toBe('town');
  });

  it('documents its routes in the OpenAPI description', async () => {
    const doc = await t.app.inject({ url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toEqual(
      expect.arrayContaining(['/api/enterprises', '/api/enterprises/{creditCode}']),
    );
  });

  it('never answers a random body with a 5xx (fuzz)', async () => {
    const creditCode = fc.oneof(
      fc.string(),
      fc.constant('91330782MA2EC0H67X'),
      // Valid codes, so that some bodies get as far as the database.
      fc.stringMatching(/^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{9}$/).map(makeCreditCode),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          creditCode,
          name: fc.string(),
          townCode: fc.oneof(fc.string(), fc.constantFrom('330782100', '330782', '330782100201')),
          villageCode: fc.oneof(fc.string(), fc.constantFrom('330782100201', '330782100')),
          industry: fc.oneof(fc.string(), fc.constantFrom('retail', 'other')),
          address: fc.oneof(fc.string(), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/enterprises',
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }
      }),
      { numRuns: 100 },
    );
  });
});
