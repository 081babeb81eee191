import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../server/testing.js';
import { testDatabases } from '../store/testing.js';

describe.each(testDatabases)('/api/towns/:townCode/departments on %s', (dialect) => {
  const t = useTestApp(dialect);

  async function post(url: string, payload?: unknown) {
    return t.app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  }

  it('seeds, creates, lists and edits departments over HTTP', async () => {
    expect((await post('/api/places', { code: '330782', name: '义乌市', level: 'city' })).statusCode).toBe(201);
    const town = await post('/api/places', {
      code: '330782100',
      name: '苏溪镇',
      nameEn: 'Suxi Town',
      level: 'town',
      parentCode: '330782',
    });
    expect(town.statusCode).toBe(201);

    const seeded = await post('/api/towns/330782100/departments/seed-defaults');
    expect(seeded.statusCode).toBe(200);
    expect(seeded.json().created).toHaveLength(9);
    const again = await post('/api/towns/330782100/departments/seed-defaults');
    expect(again.json()).toMatchObject({ created: [], existing: expect.arrayContaining(['market', 'enforcement']) });

    const squad = await post('/api/towns/330782100/departments', {
      code: 'squad-1',
      name: '执法快遣一队',
      kind: 'squad',
      parentCode: 'enforcement',
    });
    expect(squad.statusCode).toBe(201);
    expect(squad.json()).toEqual({
      code: 'squad-1',
      townCode: '330782100',
      name: '执法快遣一队',
      nameEn: null,
      kind: 'squad',
      parentCode: 'enforcement',
      responsibilities: [],
      active: true,
    });

    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/api/towns/330782100/departments/labour',
      payload: { active: false, name: '苏溪劳动监察中队' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ code: 'labour', active: false, name: '苏溪劳动监察中队' });

    const list = await t.app.inject({ url: '/api/towns/330782100/departments?active=true' });
    expect(list.statusCode).toBe(200);
    const codes = list.json().map((d: { code: string }) => d.code);
    expect(codes).toHaveLength(9);
    expect(codes).toContain('squad-1');
    expect(codes).not.toContain('labour');
    const one = await t.app.inject({ url: '/api/towns/330782100/departments/ecology' });
    expect(one.json()).toMatchObject({
      name: '苏溪生态环境执法中队',
      nameEn: 'Suxi Ecology and Environment Enforcement Squadron',
    });
  });

  it('answers unknown towns and departments with 404, bad input with 422 naming the field', async () => {
    expect((await t.app.inject({ url: '/api/towns/nowhere/departments' })).statusCode).toBe(404);
    expect((await post('/api/towns/nowhere/departments/seed-defaults')).json().error.code).toBe('not_found');
    const missing = await t.app.inject({ url: '/api/towns/330782100/departments/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');

    const badKind = await post('/api/towns/330782100/departments', { code: 'x1', name: 'x', kind: 'planet' });
    expect(badKind.statusCode).toBe(422);
    expect(badKind.json().error.details.issues[0].path).toBe('kind');
    const badParent = await post('/api/towns/330782100/departments', {
      code: 'x1',
      name: 'x',
      kind: 'office',
      parentCode: 'nowhere',
    });
    expect(badParent.statusCode).toBe(422);
    expect(badParent.json()).toMatchObject({
      error: { code: 'invalid_input', details: { issues: [{ path: 'parentCode' }] } },
    });
    const duplicate = await post('/api/towns/330782100/departments', { code: 'market', name: 'x', kind: 'office' });
    expect(duplicate.statusCode).toBe(409);
    const badFilter = await t.app.inject({ url: '/api/towns/330782100/departments?active=maybe' });
    expect(badFilter.statusCode).toBe(422);
    expect(badFilter.json().error.details.issues[0].path).toBe('active');
    const cycle = await t.app.inject({
      method: 'PATCH',
      url: '/api/towns/330782100/departments/enforcement',
      payload: { parentCode: 'squad-1' },
    });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.details.issues[0].path).toBe('parentCode');
  });

  it('documents its routes in the OpenAPI description', async () => {
    const doc = await t.app.inject({ url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/towns/{townCode}/departments',
        '/api/towns/{townCode}/departments/{code}',
        '/api/towns/{townCode}/departments/seed-defaults',
      ]),
    );
  });

  it('never answers a random body with a 5xx (fuzz)', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          code: fc.oneof(fc.string(), fc.constantFrom('market', 'squad-2', 'zz')),
          name: fc.string(),
          nameEn: fc.string(),
          kind: fc.oneof(fc.string(), fc.constantFrom('squad', 'office')),
          parentCode: fc.oneof(fc.string(), fc.constantFrom('enforcement', 'squad-1')),
          responsibilities: fc.array(fc.string()),
          active: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', '/seed-defaults'), body, async (suffix, payload) => {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/towns/330782100/departments${suffix}`,
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        }
      }),
      { numRuns: 80 },
    );
  });
});
