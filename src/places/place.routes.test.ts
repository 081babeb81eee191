import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';

describe.each(testDatabases)('/api/places on %s', (dialect) => {
  const t = useTestApp(dialect);

  it('creates and reads places over HTTP', async () => {
    const city = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      payload: { code: '330782', name: '义乌市', level: 'city' },
    });
    expect(city.statusCode).toBe(201);
    const town = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      payload: { code: '330782100', name: '苏溪镇', level: 'town', parentCode: '330782' },
    });
    expect(town.json()).toMatchObject({ code: '330782100', townCode: '330782100', parentCode: '330782' });
    const list = await t.app.inject({ url: '/api/places?level=town&within=330782' });
    expect(list.json().map((p: { name: string }) => p.name)).toEqual(['苏溪镇']);
    const ancestors = await t.app.inject({ url: '/api/places/330782100/ancestors' });
    expect(ancestors.json().map((p: { code: string }) => p.code)).toEqual(['330782']);
  });

  it('answers bad input with invalid_input naming the field', async () => {
    const unknownParent = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      payload: { code: '330782999', name: '无名镇', level: 'town', parentCode: '999999' },
    });
    expect(unknownParent.statusCode).toBe(422);
    expect(unknownParent.json()).toMatchObject({
      error: { code: 'invalid_input', details: { issues: [{ path: 'parentCode' }] } },
    });
    const badLevel = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      payload: { code: 'x1', name: 'x', level: 'planet' },
    });
    expect(badLevel.statusCode).toBe(422);
    expect(badLevel.json().error.details.issues[0].path).toBe('level');
    const badQuery = await t.app.inject({ url: '/api/places?within=nowhere' });
    expect(badQuery.json().error.details.issues[0].path).toBe('within');
    const missing = await t.app.inject({ url: '/api/places/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/places',
      headers: { 'content-type': 'application/json' },
      payload: '{"code":',
    });
    expect(malformed.statusCode).toBe(422);
  });

  it('never answers a random body with a 5xx (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/places',
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error.message).toEqual(expect.any(String));
        }
      }),
      { numRuns: 60 },
    );
  });
});
